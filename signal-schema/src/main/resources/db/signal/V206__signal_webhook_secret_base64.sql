-- Why: a whsec_ secret is the base64 of the signing key (Standard Webhooks). One that is not base64 cannot
-- sign anything, so every delivery to its endpoint failed, was retried and went dead; it is refused when
-- the endpoint is registered instead. The pattern accepts what the router's decoder (java.util.Base64,
-- basic alphabet, padding optional but correct if present) accepts. NOT VALID: an endpoint registered
-- before keeps its row (the router dead-letters its deliveries at once as bad_secret); an UPDATE of that
-- row must set a valid secret too.

ALTER TABLE signal.webhook_endpoint
    ADD CONSTRAINT ck_webhook_endpoint_secret_base64
    CHECK (left(secret, 6) <> 'whsec_'
           OR substr(secret, 7) ~ '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}(==)?|[A-Za-z0-9+/]{3}=?)?$')
    NOT VALID;
COMMENT ON CONSTRAINT ck_webhook_endpoint_secret_base64 ON signal.webhook_endpoint IS
    'A whsec_ secret must be base64 (standard alphabet, padding optional) after the prefix; other secrets are used as their UTF-8 bytes.';
