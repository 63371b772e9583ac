-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

-- Bulk imports of admins (bulkimport.AdminImports). An import is journaled with all its rows before
-- any of them is provisioned, so a crash or a restart resumes it; the instance that runs it holds a
-- lease (lease_owner until lease_until) that another instance takes over once it has expired.
CREATE TABLE admin_imports (
    id              UUID                     NOT NULL,
    requested_by    UUID                     NOT NULL,
    requested_email VARCHAR(320)             NOT NULL,
    idempotency_key VARCHAR(255),
    state           VARCHAR(32)              NOT NULL,
    total           INTEGER                  NOT NULL,
    lease_owner     VARCHAR(80),
    lease_until     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_admin_imports PRIMARY KEY (id),
    CONSTRAINT fk_admin_imports_requested_by FOREIGN KEY (requested_by) REFERENCES users (id),
    CONSTRAINT uq_admin_imports_key UNIQUE (requested_by, idempotency_key),
    CONSTRAINT ck_admin_imports_state CHECK (state IN ('RUNNING', 'PAUSED_EMAIL_QUOTA', 'COMPLETED'))
);

CREATE INDEX ix_admin_imports_state ON admin_imports (state, lease_until);

-- One row per line of the file. Each is provisioned through the engine with the Idempotency-Key
-- 'import:<import id>:<line>' (':<attempt>' after a try Cognito refused), so resuming never provisions
-- a row twice. outcome PENDING until the row is decided; problem_type is the slug of the problem a
-- single POST /admins would have answered.
CREATE TABLE admin_import_rows (
    import_id       UUID                     NOT NULL,
    line            INTEGER                  NOT NULL,
    email           VARCHAR(320)             NOT NULL,
    outcome         VARCHAR(32)              NOT NULL,
    problem_type    VARCHAR(64),
    detail          VARCHAR(500),
    attempt         INTEGER                  NOT NULL,
    tries           INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_admin_import_rows PRIMARY KEY (import_id, line),
    CONSTRAINT fk_admin_import_rows_import FOREIGN KEY (import_id) REFERENCES admin_imports (id),
    CONSTRAINT ck_admin_import_rows_outcome CHECK (outcome IN ('PENDING', 'CREATED', 'ALREADY_EXISTED', 'INVALID',
        'FAILED'))
);

CREATE INDEX ix_admin_import_rows_outcome ON admin_import_rows (import_id, outcome, line);
