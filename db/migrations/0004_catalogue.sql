ALTER TABLE "role_permissions" DROP CONSTRAINT "role_permissions_permission_key_permissions_key_fk";--> statement-breakpoint
ALTER TABLE "permissions" DROP CONSTRAINT "permissions_pkey";--> statement-breakpoint
-- Hand-written: existing entries get an id (every existing entry stays in the shared catalogue, org_id null).
ALTER TABLE "permissions" ADD COLUMN "id" text;--> statement-breakpoint
UPDATE "permissions" SET "id" = gen_random_uuid()::text;--> statement-breakpoint
ALTER TABLE "permissions" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "permissions" ADD PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "permissions" ADD COLUMN "org_id" text;--> statement-breakpoint
-- Hand-written: each role's permission points at the (until now unique) entry with its key.
ALTER TABLE "role_permissions" ADD COLUMN "permission_id" text;--> statement-breakpoint
UPDATE "role_permissions" SET "permission_id" = "permissions"."id" FROM "permissions" WHERE "permissions"."key" = "role_permissions"."permission_key";--> statement-breakpoint
ALTER TABLE "role_permissions" ALTER COLUMN "permission_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_key_org_uq" UNIQUE NULLS NOT DISTINCT("key","org_id");--> statement-breakpoint
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_id_key_uq" UNIQUE("id","key");--> statement-breakpoint
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_permission_fk" FOREIGN KEY ("permission_id","permission_key") REFERENCES "public"."permissions"("id","key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "permissions_service_idx" ON "permissions" USING btree ("service");--> statement-breakpoint
CREATE INDEX "role_permissions_permission_idx" ON "role_permissions" USING btree ("permission_id");
