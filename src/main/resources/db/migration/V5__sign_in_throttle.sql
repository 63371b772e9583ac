-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

-- The /auth/* throttle's fixed-window counters (auth.SignInThrottle), shared by every instance.
-- bucket: 'ip:<client address>' (IPv6: its /64) or 'user:<SHA-256 of the normalized username>', so
-- whatever a caller typed as a username (a password, sometimes) is never stored.
CREATE TABLE sign_in_throttle (
    bucket       VARCHAR(80)              NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    hits         INTEGER                  NOT NULL,
    CONSTRAINT pk_sign_in_throttle PRIMARY KEY (bucket)
);

CREATE INDEX ix_sign_in_throttle_window_start ON sign_in_throttle (window_start);
