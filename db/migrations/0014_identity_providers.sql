CREATE TABLE "identity_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_sealed" text NOT NULL,
	"issuer" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_providers_name_unique" UNIQUE("name"),
	CONSTRAINT "identity_providers_type_check" CHECK ("identity_providers"."type" in ('google', 'github', 'microsoft', 'apple', 'oidc'))
);
