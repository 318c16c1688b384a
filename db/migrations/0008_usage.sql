CREATE TABLE "usage_alerts" (
	"application_id" text NOT NULL,
	"org_id" text NOT NULL,
	"meter" text NOT NULL,
	"period_key" text NOT NULL,
	"threshold" smallint NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_alerts_pk" PRIMARY KEY("application_id","org_id","meter","period_key","threshold")
);
--> statement-breakpoint
CREATE TABLE "usage_counters" (
	"application_id" text NOT NULL,
	"org_id" text NOT NULL,
	"meter" text NOT NULL,
	"period_key" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone,
	"total" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "usage_counters_pk" PRIMARY KEY("application_id","org_id","meter","period_key")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"application_id" text NOT NULL,
	"id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text,
	"meter" text NOT NULL,
	"value" numeric NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"period_key" text NOT NULL,
	"result" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stripe_meter_event" text,
	"exported_at" timestamp with time zone,
	CONSTRAINT "usage_events_pk" PRIMARY KEY("application_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_hourly" (
	"application_id" text NOT NULL,
	"org_id" text NOT NULL,
	"meter" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"value" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "usage_hourly_pk" PRIMARY KEY("application_id","org_id","meter","hour")
);
--> statement-breakpoint
ALTER TABLE "plan_prices" ADD COLUMN "usage_meter" text;--> statement-breakpoint
ALTER TABLE "plan_prices" ADD COLUMN "stripe_meter_event" text;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "quotas" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "current_period_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "usage_alerts" ADD CONSTRAINT "usage_alerts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_alerts" ADD CONSTRAINT "usage_alerts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_counters" ADD CONSTRAINT "usage_counters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_events_recorded_idx" ON "usage_events" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "usage_events_export_idx" ON "usage_events" USING btree ("recorded_at") WHERE "usage_events"."stripe_meter_event" is not null and "usage_events"."exported_at" is null;