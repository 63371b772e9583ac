package org.adminprovisioning.web;

import org.springframework.http.ProblemDetail;

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
}
