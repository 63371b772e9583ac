package org.adminprovisioning.scim;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.adminprovisioning.auth.ScimRefusals;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * SCIM's own messages (RFC 7644 §3.4.2, §3.12) and media type, and the one place that writes its
 * errors: for the controllers and, as {@link ScimRefusals}, for the {@code /scim/**} filter chain.
 */
@Component
class ScimMessages implements ScimRefusals {

    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** The error message; {@code status} is a string, as RFC 7644 §3.12 writes it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(List<String> schemas, String status, String scimType, String detail) {

        Error(int status, String scimType, String detail) {
            this(List.of(ERROR_SCHEMA), String.valueOf(status), scimType, detail);
        }
    }

    private final JsonMapper json;

    ScimMessages(JsonMapper json) {
        this.json = json;
    }

    static ResponseEntity<Object> error(ScimException failure) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(failure.status()).contentType(SCIM_JSON);
        if (failure.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, failure.retryAfter().toSeconds())));
        }
        return answer.body(new Error(failure.status(), failure.scimType(), failure.getMessage()));
    }

    @Override
    public void refuse(HttpServletResponse response, int status, String detail, Duration retryAfter) throws IOException {
        response.setStatus(status);
        response.setContentType(SCIM_JSON.toString());
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        }
        json.writeValue(response.getOutputStream(), new Error(status, null, detail));
    }
}
