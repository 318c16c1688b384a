CREATE TABLE "sso_domains" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"domain" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_domains_domain_unique" UNIQUE("domain")
);
--> statement-breakpoint
CREATE TABLE "sso_group_roles" (
	"provider_id" text NOT NULL,
	"group_name" text NOT NULL,
	"role_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_group_roles_provider_id_group_name_role_id_pk" PRIMARY KEY("provider_id","group_name","role_id")
);
--> statement-breakpoint
ALTER TABLE "identity_providers" DROP CONSTRAINT "identity_providers_name_unique";--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "org_id" text;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "default_role_id" text;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "require_sso" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_domains" ADD CONSTRAINT "sso_domains_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_domains" ADD CONSTRAINT "sso_domains_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_group_roles" ADD CONSTRAINT "sso_group_roles_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_group_roles" ADD CONSTRAINT "sso_group_roles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sso_domains_provider_idx" ON "sso_domains" USING btree ("provider_id");--> statement-breakpoint
ALTER TABLE "identity_providers" ADD CONSTRAINT "identity_providers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD CONSTRAINT "identity_providers_default_role_id_roles_id_fk" FOREIGN KEY ("default_role_id") REFERENCES "public"."roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_providers_platform_name_uq" ON "identity_providers" USING btree ("name") WHERE "identity_providers"."org_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_providers_org_uq" ON "identity_providers" USING btree ("org_id") WHERE "identity_providers"."org_id" is not null;