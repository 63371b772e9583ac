package org.adminprovisioning.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the RFC 9457 bodies of {@link ProblemType}s, for the advice and the security filter alike;
 * each carries the request's {@code requestId} ({@link RequestIds}).
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return withRequestId(problem);
    }

    /** Adds the current request's id as the {@code requestId} property, when there is a request. */
    static ProblemDetail withRequestId(ProblemDetail problem) {
        String requestId = RequestIds.current();
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /**
     * The answer for a problem, its media type set: an {@code Accept} header that names no JSON
     * type must not leave an error without its body (RFC 9110 lets an error answer ignore it).
     */
    static ResponseEntity<ProblemDetail> answer(ProblemType type, String detail) {
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(type, detail));
    }

    /** A problem the client may retry after {@code seconds}: its {@code Retry-After} says when. */
    static ResponseEntity<ProblemDetail> retryLater(ProblemType type, String detail, long seconds) {
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).body(of(type, detail));
    }
}
