-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

-- SCIM (scim/): the externalId each identity provider's connector keeps for an admin it manages
-- (RFC 7643 §3.1: an identifier "defined by the provisioning client", so one per connector). The
-- admin itself stays in users / admin_info; this table only remembers the client's name for it.
CREATE TABLE scim_external_ids (
    connector   VARCHAR(64)              NOT NULL,
    user_id     UUID                     NOT NULL,
    external_id VARCHAR(255)             NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_scim_external_ids PRIMARY KEY (connector, user_id),
    CONSTRAINT fk_scim_external_ids_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE INDEX ix_scim_external_ids_external_id ON scim_external_ids (connector, external_id);
