package org.adminprovisioning.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminNotFoundException;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.bulkimport.ImportRefusedException;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.cognito.EmailQuotaExceededException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.cognito.PasswordPolicyViolationException;
import org.adminprovisioning.drift.DriftInProgressException;
import org.adminprovisioning.drift.DriftNotFoundException;
import org.adminprovisioning.drift.InvalidRepairException;
import org.adminprovisioning.provisioning.OperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 problems with a stable {@code type}. Details
 * never carry a password or a token: they come from our exceptions or Cognito's messages.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidEmail(InvalidEmailException e) {
        return Problems.answer(ProblemType.INVALID_EMAIL, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> adminExists(AdminAlreadyExistsException e) {
        return Problems.answer(ProblemType.ADMIN_EXISTS, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> adminNotFound(AdminNotFoundException e) {
        return Problems.answer(ProblemType.ADMIN_NOT_FOUND, e.getMessage());
    }

    /** A user our records point at is gone from the pool: drift, reported by GET /admins/reconciliation. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> cognitoUserNotFound(CognitoUserNotFoundException e) {
        return Problems.answer(ProblemType.ADMIN_NOT_FOUND,
                "The admin's Cognito user does not exist (see GET /admins/reconciliation)");
    }

    /** An operation refused or ended without its change; some are worth retrying after a pause. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> operationFailed(OperationFailedException e) {
        ProblemType type = FailureReasons.problemTypeOf(e.reason());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        switch (e.reason()) {
            case COGNITO_UNAVAILABLE, KEY_IN_PROGRESS, OPERATION_IN_PROGRESS -> response.header(HttpHeaders.RETRY_AFTER, "5");
            case TOO_MANY_INVITES -> response.header(HttpHeaders.RETRY_AFTER, "3600");
            default -> {
            }
        }
        return response.body(Problems.of(type, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> importRefused(ImportRefusedException e) {
        return Problems.answer(switch (e.refusal()) {
            case TOO_MANY_ROWS -> ProblemType.IMPORT_TOO_LARGE;
            case UNREADABLE_FILE -> ProblemType.INVALID_IMPORT;
            case NOT_FOUND -> ProblemType.IMPORT_NOT_FOUND;
            case NOT_PAUSED -> ProblemType.IMPORT_NOT_PAUSED;
        }, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> driftInProgress(DriftInProgressException e) {
        return Problems.answer(ProblemType.OPERATION_IN_PROGRESS, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> driftNotFound(DriftNotFoundException e) {
        return Problems.answer(ProblemType.DRIFT_NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRepair(InvalidRepairException e) {
        return Problems.answer(ProblemType.INVALID_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInvite(InvalidInviteException e) {
        return Problems.answer(ProblemType.INVALID_INVITE, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> passwordPolicy(PasswordPolicyViolationException e) {
        return Problems.answer(ProblemType.PASSWORD_POLICY, cognitoMessage(e));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> cognitoUnavailable(CognitoUnavailableException e) {
        log.warn("Cognito unavailable: {}", e.getMessage());
        return Problems.retryLater(ProblemType.COGNITO_UNAVAILABLE,
                "Amazon Cognito could not be reached or is throttling requests. Retry shortly.", 5);
    }

    /**
     * The pool's daily email quota is spent: no short {@code Retry-After}, a retry within the day
     * fails the same way. The cure is the pool's email configuration, which the detail names.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> emailQuotaExceeded(EmailQuotaExceededException e) {
        log.error("Cognito's daily email quota is exhausted: {}", e.getMessage());
        return Problems.answer(ProblemType.EMAIL_QUOTA_EXCEEDED, "The Cognito user pool's daily email quota is "
                        + "exhausted, so no invitation or code could be emailed. Cognito's default email sender "
                        + "sends at most 50 emails a day; configure the pool to send through Amazon SES "
                        + "(EmailSendingAccount=DEVELOPER with a verified SES identity, see docs/cognito.md), or "
                        + "retry after the quota resets.");
    }

    /** The database could not be reached: nothing this request wrote was committed. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
        TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.toString());
        return Problems.retryLater(ProblemType.DATABASE_UNAVAILABLE,
                "Our database could not be reached; nothing was changed. Retry shortly.", 5);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return Problems.answer(ProblemType.FORBIDDEN, "Only an active admin may do this");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return Problems.answer(ProblemType.UNAUTHORIZED, "A valid admin access token is required");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected error", e);
        return Problems.answer(ProblemType.INTERNAL_ERROR, "Something went wrong on our side");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        boolean emailOnly = e.getFieldErrors().stream().allMatch(f -> "email".equals(f.getField()))
                && e.getGlobalErrors().isEmpty();
        String detail = e.getFieldErrors().stream().map(f -> f.getField() + ": " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        ProblemType type = emailOnly ? ProblemType.INVALID_EMAIL : ProblemType.INVALID_REQUEST;
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(type, detail));
    }

    /**
     * A controller with constraints on plain parameters (the {@code Idempotency-Key} header's size)
     * gets its {@code @Valid} body checked by method validation too, which raises this instead of
     * {@link MethodArgumentNotValidException}: same answer, {@code invalid-email} when only the email is wrong.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> details = new ArrayList<>();
        boolean emailOnly = true;
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                errors.getFieldErrors().forEach(f -> details.add(f.getField() + ": " + f.getDefaultMessage()));
                emailOnly &= errors.getGlobalErrors().isEmpty()
                        && errors.getFieldErrors().stream().allMatch(f -> "email".equals(f.getField()));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> details.add(name + ": " + error.getDefaultMessage()));
                emailOnly = false;
            }
        }
        ProblemType type = emailOnly && !details.isEmpty() ? ProblemType.INVALID_EMAIL : ProblemType.INVALID_REQUEST;
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(type, String.join("; ", details)));
    }

    /**
     * A chunked body that grew past the limit while a converter read it is a 413, not a malformed
     * body; every other unreadable body (JSON syntax, a read constraint) stays a 400.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(e);
        if (tooLarge != null) {
            return ResponseEntity.status(ProblemType.PAYLOAD_TOO_LARGE.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.CONNECTION, "close")
                    .body(RequestBodyLimitFilter.problem(tooLarge.limit()));
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    /** Spring MVC's own errors (unreadable body, wrong method, …) keep their status with our type URIs. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        // Spring Framework 7 leaves the type null where 6.x said "about:blank": either means "ours to set".
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            ProblemType type = switch (status.value()) {
                case 404 -> ProblemType.NOT_FOUND;
                case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
                case 406 -> ProblemType.NOT_ACCEPTABLE;
                case 400 -> ProblemType.INVALID_REQUEST;
                default -> null;
            };
            if (type != null) {
                problem.setType(type.uri());
                problem.setTitle(type.title());
            }
        }
        if (body instanceof ProblemDetail problem) {
            Problems.withRequestId(problem);
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.putAll(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, problemHeaders, status, request);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String cognitoMessage(RuntimeException e) {
        String message = e.getMessage();
        int colon = message.indexOf("): ");
        return colon >= 0 ? message.substring(colon + 3) : message;
    }
}
