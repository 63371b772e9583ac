package org.adminprovisioning.web;

import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies of {@link ProblemType}s, for the advice and the security filter alike. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }
}
