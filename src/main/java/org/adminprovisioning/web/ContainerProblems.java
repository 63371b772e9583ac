package org.adminprovisioning.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problems for errors the servlet container or a filter reports by status alone, with no
 * exception of ours to name them: the closest {@link ProblemType}, and the status as it was.
 */
final class ContainerProblems {

    private ContainerProblems() {
    }

    static ProblemDetail of(int status) {
        ProblemType type = switch (status) {
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.TOO_MANY_ATTEMPTS;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
        };
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setDetail(status >= 500 ? "Something went wrong on our side"
                : "The request was refused before it reached the service"
                        + (known == null ? "" : " (" + status + " " + known.getReasonPhrase() + ")"));
        return Problems.withRequestId(problem);
    }

    /** The problem as JSON, written by hand: the container has no message converters. */
    static String json(ProblemDetail problem) {
        return "{\"type\":\"" + escape(problem.getType()) + "\",\"title\":\"" + escape(problem.getTitle())
                + "\",\"status\":" + problem.getStatus() + ",\"detail\":\"" + escape(problem.getDetail()) + "\""
                + (problem.getProperties() != null && problem.getProperties().get("requestId") != null
                        ? ",\"requestId\":\"" + escape(problem.getProperties().get("requestId")) + "\"" : "")
                + "}";
    }

    private static String escape(Object value) {
        String text = value instanceof URI uri ? uri.toString() : String.valueOf(value);
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
