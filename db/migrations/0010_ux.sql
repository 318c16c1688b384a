ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "passkeys" ADD COLUMN "aaguid" text;