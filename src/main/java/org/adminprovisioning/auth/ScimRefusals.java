package org.adminprovisioning.auth;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the refusals of the {@code /scim/**} filter chain (401, 403, 429) in SCIM's own error
 * format, which the {@code scim} feature owns: that chain answers SCIM clients, not RFC 9457 ones.
 */
public interface ScimRefusals {

    /**
     * @param status     401, 403 or 429
     * @param detail     a sentence for the identity provider's log; never a token
     * @param retryAfter how long to wait before retrying, or {@code null}
     */
    void refuse(HttpServletResponse response, int status, String detail, Duration retryAfter) throws IOException;
}
