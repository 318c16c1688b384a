-- A membership that ends, however it ends (the portal's code, a cascade, SQL by hand), ends the
-- liveness of its organization's access tokens remembered by every instance (lib/oidc/token-liveness.ts):
-- one notice per organization and statement, delivered on commit like the portal's own.
CREATE OR REPLACE FUNCTION notify_memberships_ended() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('oauth_tokens_revoked', 'org:' || org_id) FROM (SELECT DISTINCT org_id FROM ended) AS orgs;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_ended_notify
AFTER DELETE ON memberships
REFERENCING OLD TABLE AS ended
FOR EACH STATEMENT EXECUTE FUNCTION notify_memberships_ended();
