-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

CREATE TABLE users (
    id               UUID                     NOT NULL,
    email            VARCHAR(254)             NOT NULL,
    cognito_username VARCHAR(128)             NOT NULL,
    cognito_sub      VARCHAR(64),
    role             VARCHAR(16)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uk_users_email UNIQUE (email),
    CONSTRAINT uk_users_cognito_username UNIQUE (cognito_username),
    CONSTRAINT ck_users_role CHECK (role IN ('ADMIN')),
    CONSTRAINT ck_users_status CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED'))
);

CREATE TABLE admin_info (
    id                  UUID                     NOT NULL,
    user_id             UUID                     NOT NULL,
    invited_by          UUID,
    invited_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at        TIMESTAMP WITH TIME ZONE,
    last_invite_sent_at TIMESTAMP WITH TIME ZONE,
    invite_count        INTEGER                  NOT NULL,
    CONSTRAINT pk_admin_info PRIMARY KEY (id),
    CONSTRAINT uk_admin_info_user UNIQUE (user_id),
    CONSTRAINT fk_admin_info_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT fk_admin_info_invited_by FOREIGN KEY (invited_by) REFERENCES users (id)
);

-- The saga's journal: written before any Cognito call, so no crash leaves an untracked user.
-- active_email holds the email while the request is unfinished and is cleared when it is final;
-- its plain unique constraint stops concurrent twins (NULLs never collide on either database).
CREATE TABLE provisioning_requests (
    id               UUID                     NOT NULL,
    email            VARCHAR(254)             NOT NULL,
    active_email     VARCHAR(254),
    state            VARCHAR(20)              NOT NULL,
    idempotency_key  VARCHAR(255),
    request_hash     VARCHAR(64),
    requested_by     UUID,
    cognito_username VARCHAR(128),
    attempts         INTEGER                  NOT NULL,
    last_error       VARCHAR(1000),
    failure_type     VARCHAR(64),
    response_body    VARCHAR(4000),
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_provisioning_requests PRIMARY KEY (id),
    CONSTRAINT uk_provisioning_requests_active_email UNIQUE (active_email),
    CONSTRAINT uk_provisioning_requests_idempotency_key UNIQUE (idempotency_key),
    CONSTRAINT ck_provisioning_requests_state
        CHECK (state IN ('STARTED', 'COGNITO_CREATED', 'COMPLETED', 'FAILED', 'COMPENSATING', 'ROLLED_BACK')),
    CONSTRAINT fk_provisioning_requests_requested_by FOREIGN KEY (requested_by) REFERENCES users (id)
);

CREATE INDEX ix_provisioning_requests_state_updated ON provisioning_requests (state, updated_at);

CREATE TABLE audit_events (
    id      UUID                     NOT NULL,
    at      TIMESTAMP WITH TIME ZONE NOT NULL,
    actor   VARCHAR(254),
    action  VARCHAR(40)              NOT NULL,
    target  VARCHAR(254),
    outcome VARCHAR(20)              NOT NULL,
    detail  VARCHAR(1000),
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);

CREATE INDEX ix_audit_events_target_action_at ON audit_events (target, action, at);
