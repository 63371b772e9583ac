package org.adminprovisioning.web;

import static org.adminprovisioning.web.ProblemType.ADMIN_ALREADY_ACTIVE;
import static org.adminprovisioning.web.ProblemType.ADMIN_DISABLED;
import static org.adminprovisioning.web.ProblemType.ADMIN_EXISTS;
import static org.adminprovisioning.web.ProblemType.ADMIN_NOT_FOUND;
import static org.adminprovisioning.web.ProblemType.CANNOT_CHANGE_SELF;
import static org.adminprovisioning.web.ProblemType.COGNITO_UNAVAILABLE;
import static org.adminprovisioning.web.ProblemType.DATABASE_UNAVAILABLE;
import static org.adminprovisioning.web.ProblemType.DRIFT_NOT_FOUND;
import static org.adminprovisioning.web.ProblemType.EMAIL_QUOTA_EXCEEDED;
import static org.adminprovisioning.web.ProblemType.IDEMPOTENCY_KEY_REUSED;
import static org.adminprovisioning.web.ProblemType.IMPORT_NOT_FOUND;
import static org.adminprovisioning.web.ProblemType.IMPORT_NOT_PAUSED;
import static org.adminprovisioning.web.ProblemType.IMPORT_TOO_LARGE;
import static org.adminprovisioning.web.ProblemType.INVALID_CODE;
import static org.adminprovisioning.web.ProblemType.INVALID_CREDENTIALS;
import static org.adminprovisioning.web.ProblemType.INVALID_EMAIL;
import static org.adminprovisioning.web.ProblemType.INVALID_IMPORT;
import static org.adminprovisioning.web.ProblemType.INVALID_INVITE;
import static org.adminprovisioning.web.ProblemType.INVALID_MFA_CODE;
import static org.adminprovisioning.web.ProblemType.INVALID_REQUEST;
import static org.adminprovisioning.web.ProblemType.INVITE_EXPIRED;
import static org.adminprovisioning.web.ProblemType.LAST_ACTIVE_ADMIN;
import static org.adminprovisioning.web.ProblemType.NOT_FOUND;
import static org.adminprovisioning.web.ProblemType.NO_CHALLENGE_PENDING;
import static org.adminprovisioning.web.ProblemType.OPERATION_IN_PROGRESS;
import static org.adminprovisioning.web.ProblemType.PASSWORD_POLICY;
import static org.adminprovisioning.web.ProblemType.PROVISIONING_INTERRUPTED;
import static org.adminprovisioning.web.ProblemType.PROVISIONING_IN_PROGRESS;
import static org.adminprovisioning.web.ProblemType.PROVISIONING_ROLLED_BACK;
import static org.adminprovisioning.web.ProblemType.SESSION_EXPIRED;
import static org.adminprovisioning.web.ProblemType.TOO_MANY_ATTEMPTS;
import static org.adminprovisioning.web.ProblemType.TOO_MANY_INVITES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of which problem types each endpoint answers with (docs/api.md says the same in
 * words). {@link OpenApiConfiguration} writes it into the OpenAPI description; every operation of the
 * spec needs a row ({@code OpenApiDocumentTests} fails otherwise). Besides its row, every operation may
 * answer the perimeter's problems ({@link #EVERYWHERE}), an admin's also {@code 401 unauthorized} and
 * {@code 403 forbidden}, and {@code /auth/*} also {@code 429 too-many-attempts}.
 *
 * <p>A new endpoint: add its row here, then regenerate {@code docs/openapi.json}
 * ({@code ./mvnw test -Dtest=OpenApiDocumentTests -Dopenapi.write=true}).
 */
final class ApiProblems {

    /** Who may call an operation: an admin's token, or anyone. */
    enum Caller { ADMIN, ANYONE }

    /**
     * One operation's row.
     *
     * @param caller    who may call it
     * @param successes its success statuses, the usual one first (springdoc sees only 200)
     * @param problems  its own problem types
     */
    record Row(Caller caller, List<Integer> successes, List<ProblemType> problems) {
    }

    /** What the perimeter may answer on any operation (docs/api.md, "Every endpoint"). */
    static final List<ProblemType> EVERYWHERE = List.of(ProblemType.PAYLOAD_TOO_LARGE,
            ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.NOT_ACCEPTABLE, ProblemType.INTERNAL_ERROR);

    private static final List<Integer> OK = List.of(200);
    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    static {
        admin("POST /admins", List.of(201), INVALID_EMAIL, INVALID_INVITE, ADMIN_EXISTS, PROVISIONING_IN_PROGRESS,
                IDEMPOTENCY_KEY_REUSED, COGNITO_UNAVAILABLE, EMAIL_QUOTA_EXCEEDED, PROVISIONING_ROLLED_BACK,
                PROVISIONING_INTERRUPTED, DATABASE_UNAVAILABLE);
        admin("GET /admins", OK, INVALID_REQUEST);
        admin("GET /admins/{id}", OK, INVALID_REQUEST, ADMIN_NOT_FOUND);
        admin("POST /admins/resend-invite", List.of(202), INVALID_EMAIL, ADMIN_NOT_FOUND, ADMIN_ALREADY_ACTIVE,
                ADMIN_DISABLED, TOO_MANY_INVITES, COGNITO_UNAVAILABLE, EMAIL_QUOTA_EXCEEDED);
        admin("POST /admins/{id}/disable", List.of(200, 202), ADMIN_NOT_FOUND, CANNOT_CHANGE_SELF, LAST_ACTIVE_ADMIN,
                OPERATION_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED);
        admin("POST /admins/{id}/enable", List.of(200, 202), ADMIN_NOT_FOUND, OPERATION_IN_PROGRESS,
                IDEMPOTENCY_KEY_REUSED, COGNITO_UNAVAILABLE, PROVISIONING_ROLLED_BACK);
        admin("DELETE /admins/{id}", List.of(204, 202), ADMIN_NOT_FOUND, CANNOT_CHANGE_SELF, LAST_ACTIVE_ADMIN,
                OPERATION_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED);
        admin("POST /admins/import", List.of(202), INVALID_IMPORT, IMPORT_TOO_LARGE, IDEMPOTENCY_KEY_REUSED,
                DATABASE_UNAVAILABLE);
        admin("GET /admins/import/{importId}", OK, INVALID_REQUEST, IMPORT_NOT_FOUND);
        admin("POST /admins/import/{importId}/resume", List.of(202), IMPORT_NOT_FOUND, IMPORT_NOT_PAUSED);
        admin("GET /admins/{id}/audit", OK, INVALID_REQUEST, ADMIN_NOT_FOUND);
        admin("GET /audit-events", OK, INVALID_REQUEST);
        admin("GET /admins/reconciliation", OK, COGNITO_UNAVAILABLE);
        admin("POST /admins/reconciliation/run", OK);
        admin("POST /admins/reconciliation/repair", OK, INVALID_REQUEST, DRIFT_NOT_FOUND, OPERATION_IN_PROGRESS,
                COGNITO_UNAVAILABLE);
        anyone("POST /auth/login", OK, INVALID_REQUEST, INVALID_CREDENTIALS, INVITE_EXPIRED, COGNITO_UNAVAILABLE);
        anyone("POST /auth/new-password-challenge", OK, INVALID_REQUEST, PASSWORD_POLICY, INVALID_CREDENTIALS,
                INVITE_EXPIRED, SESSION_EXPIRED, NO_CHALLENGE_PENDING, COGNITO_UNAVAILABLE);
        anyone("POST /auth/mfa-setup", OK, INVALID_REQUEST, INVALID_MFA_CODE, SESSION_EXPIRED, INVALID_CREDENTIALS,
                COGNITO_UNAVAILABLE);
        anyone("POST /auth/mfa", OK, INVALID_REQUEST, INVALID_MFA_CODE, SESSION_EXPIRED, INVALID_CREDENTIALS,
                COGNITO_UNAVAILABLE);
        anyone("GET /auth/password-policy", OK, COGNITO_UNAVAILABLE);
        anyone("POST /auth/refresh", OK, INVALID_REQUEST, INVALID_CREDENTIALS, COGNITO_UNAVAILABLE);
        anyone("POST /auth/forgot-password", List.of(202), INVALID_REQUEST);
        anyone("POST /auth/confirm-forgot-password", OK, INVALID_REQUEST, PASSWORD_POLICY, INVALID_CODE,
                COGNITO_UNAVAILABLE);
        // The default profile's sandbox tools: the in-memory pool's outbox and key set.
        anyone("GET /dev/outbox", OK);
        anyone("GET /{poolId}/.well-known/jwks.json", OK, NOT_FOUND);
    }

    private ApiProblems() {
    }

    /** The row of {@code "METHOD /path"} as the spec spells the path, or empty when it has none. */
    static Optional<Row> of(String operation) {
        return Optional.ofNullable(ROWS.get(operation));
    }

    /** Every operation with a row, in the table's order. */
    static Map<String, Row> rows() {
        return ROWS;
    }

    /** Everything the operation may answer with: its row, its caller's, the perimeter's. */
    static List<ProblemType> problemsOf(String operation, Row row) {
        List<ProblemType> all = new java.util.ArrayList<>(row.problems());
        if (row.caller() == Caller.ADMIN) {
            all.add(ProblemType.UNAUTHORIZED);
            all.add(ProblemType.FORBIDDEN);
        }
        if (operation.startsWith("POST /auth/")) {
            all.add(TOO_MANY_ATTEMPTS);
        }
        EVERYWHERE.stream().filter(type -> !all.contains(type)).forEach(all::add);
        return all;
    }

    private static void admin(String operation, List<Integer> successes, ProblemType... problems) {
        ROWS.put(operation, new Row(Caller.ADMIN, successes, List.of(problems)));
    }

    private static void anyone(String operation, List<Integer> successes, ProblemType... problems) {
        ROWS.put(operation, new Row(Caller.ANYONE, successes, List.of(problems)));
    }
}
