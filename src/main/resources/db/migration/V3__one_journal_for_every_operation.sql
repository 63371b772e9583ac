-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

-- 1. One journal for every two-system operation (provision, resend, disable, enable, offboard).
--    Existing rows are provisionings; their states keep their meaning under the new names.
ALTER TABLE provisioning_requests RENAME TO admin_operations;
ALTER TABLE admin_operations ADD COLUMN operation VARCHAR(16) DEFAULT 'PROVISION' NOT NULL;
-- The admin an operation changes; for a provision, the admin it created once it completed.
ALTER TABLE admin_operations ADD COLUMN admin_id UUID;
ALTER TABLE admin_operations DROP CONSTRAINT ck_provisioning_requests_state;
UPDATE admin_operations SET state = 'COGNITO_DONE' WHERE state = 'COGNITO_CREATED';
-- A failed request the reconciler still looks at once more (a late Cognito user) now has a name.
UPDATE admin_operations SET state = 'VERIFYING' WHERE state = 'FAILED' AND next_attempt_at IS NOT NULL;
ALTER TABLE admin_operations ADD CONSTRAINT ck_admin_operations_state
    CHECK (state IN ('STARTED', 'COGNITO_DONE', 'COMPLETED', 'FAILED', 'VERIFYING', 'COMPENSATING', 'ROLLED_BACK'));
ALTER TABLE admin_operations ADD CONSTRAINT ck_admin_operations_operation
    CHECK (operation IN ('PROVISION', 'RESEND', 'DISABLE', 'ENABLE', 'OFFBOARD'));
-- Idempotency keys belong to the admin who sent them: another admin's equal key is another request.
ALTER TABLE admin_operations DROP CONSTRAINT uk_provisioning_requests_idempotency_key;
ALTER TABLE admin_operations ADD CONSTRAINT uk_admin_operations_idempotency_key
    UNIQUE (requested_by, idempotency_key);
-- active_email now holds the admin for any unfinished operation: one change at a time per admin.
CREATE INDEX ix_admin_operations_email_operation ON admin_operations (email, operation, created_at);

-- 2. An offboarded admin keeps its row (the audit trail and invited_by point at it) but no longer
--    holds its email or Cognito username: the email may be invited again later. The live_ columns
--    carry the unique keys, set while the admin is not offboarded (NULLs never collide).
ALTER TABLE users ADD COLUMN live_email VARCHAR(254);
ALTER TABLE users ADD COLUMN live_cognito_username VARCHAR(128);
UPDATE users SET live_email = email, live_cognito_username = cognito_username;
ALTER TABLE users DROP CONSTRAINT uk_users_email;
ALTER TABLE users DROP CONSTRAINT uk_users_cognito_username;
ALTER TABLE users ADD CONSTRAINT uk_users_live_email UNIQUE (live_email);
ALTER TABLE users ADD CONSTRAINT uk_users_live_cognito_username UNIQUE (live_cognito_username);
ALTER TABLE users DROP CONSTRAINT ck_users_status;
ALTER TABLE users ADD CONSTRAINT ck_users_status CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED', 'OFFBOARDED'));
ALTER TABLE users ADD CONSTRAINT ck_users_live CHECK (
    (status = 'OFFBOARDED' AND live_email IS NULL AND live_cognito_username IS NULL)
    OR (status <> 'OFFBOARDED' AND live_email = email AND live_cognito_username = cognito_username));
CREATE INDEX ix_users_email ON users (email);
CREATE INDEX ix_users_status_created ON users (status, created_at);

-- 3. One row that operations lowering the number of ACTIVE admins lock first, so that two admins
--    disabling each other at once can never leave nobody able to sign in.
CREATE TABLE engine_locks (
    name VARCHAR(64) NOT NULL,
    CONSTRAINT pk_engine_locks PRIMARY KEY (name)
);
INSERT INTO engine_locks (name) VALUES ('active-admins');

-- 4. The audit trail, read per admin and filtered by actor, action and time.
CREATE INDEX ix_audit_events_at ON audit_events (at);
CREATE INDEX ix_audit_events_actor_at ON audit_events (actor, at);
