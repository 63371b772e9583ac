-- Cognito's account-wide request-rate quotas as token buckets shared by every instance (Bucket4j's
-- PostgreSQL backend, SELECT ... FOR UPDATE per call): one row per quota category, its state a
-- serialized bucket. On H2 the buckets live in the JVM and this table stays empty.
CREATE TABLE cognito_quota_buckets (
    id         BIGINT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
