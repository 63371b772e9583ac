package org.adminprovisioning.scim;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every SCIM controller shares: their failures become SCIM error messages here, in the
 * controllers' own {@code @ExceptionHandler}s, which Spring MVC asks before any advice. So SCIM
 * errors never pass through {@code web/ProblemDetailsAdvice}: that advice writes RFC 9457 problems
 * for the admin API, and SCIM clients expect RFC 7644's error schema instead.
 */
abstract class ScimEndpoints {

    private static final Logger log = LoggerFactory.getLogger(ScimEndpoints.class);

    /** {@code …/scim/v2}, as the client reached it: the base of every {@code meta.location}. */
    static URI scimBase() {
        return URI.create(ServletUriComponentsBuilder.fromCurrentContextPath().path("/scim/v2").toUriString());
    }

    @ExceptionHandler(ScimException.class)
    ResponseEntity<Object> refused(ScimException failure) {
        return ScimMessages.error(failure);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException failure) {
        return ScimMessages.error(ScimException.badRequest("invalidSyntax", "The body is not a JSON object this "
                + "service can read (malformed, or beyond its size bounds)"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> unsupportedMediaType(HttpMediaTypeNotSupportedException failure) {
        return ScimMessages.error(new ScimException(415, null, "Send application/scim+json (or application/json)",
                null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException failure) {
        return ScimMessages.error(ScimException.badRequest("invalidValue", "The parameter " + failure.getName()
                + " is not valid"));
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
        TransientDataAccessException.class})
    ResponseEntity<Object> databaseDown(RuntimeException failure) {
        log.warn("SCIM request failed, database unavailable: {}", failure.toString());
        return ScimMessages.error(ScimException.retryLater("The database is unavailable; retry shortly",
                ScimUsers.RETRY_AFTER));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> bug(Exception failure, HttpServletRequest request) {
        log.error("SCIM request {} {} failed", request.getMethod(), request.getRequestURI(), failure);
        return ScimMessages.error(new ScimException(500, null, "Internal error; nothing more is said here", null));
    }
}
