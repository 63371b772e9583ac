-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

-- Set when the reconciler gave up on a request after provisioning.reconciler.max-attempts: the
-- request stays unfinished (its email stays reserved), is listed among the stuck requests of
-- GET /admins/reconciliation, and is retried only when an admin asks for it (repair).
ALTER TABLE provisioning_requests ADD COLUMN needs_attention_since TIMESTAMP WITH TIME ZONE;

-- Emails are stored normalized (trimmed, lower-case) by the code; these checks make the database
-- refuse any other spelling, so that the unique keys on users.email and active_email also stop
-- twins that differ only in letter case, whatever code path writes them.
ALTER TABLE users ADD CONSTRAINT ck_users_email_lower CHECK (email = LOWER(TRIM(email)));
ALTER TABLE provisioning_requests ADD CONSTRAINT ck_provisioning_requests_email_lower
    CHECK (email = LOWER(TRIM(email)));
ALTER TABLE provisioning_requests ADD CONSTRAINT ck_provisioning_requests_active_email
    CHECK (active_email IS NULL OR active_email = email);
