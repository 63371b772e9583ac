-- Portable SQL: runs unchanged on H2 (default profile, tests) and PostgreSQL (production).

-- admin_info gets the optimistic lock users has had from V1. A resend counts itself by reading
-- invite_count and writing it back plus one; when the reconciler catches up an earlier resend's
-- count in the same moment, both read the same number and one count was lost. Now the later commit
-- fails instead, and its resend is caught up by the reconciler like any other unrecorded one.
ALTER TABLE admin_info ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
