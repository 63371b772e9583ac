package org.adminprovisioning.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.provisioning.EngineHarness.Answer;
import org.adminprovisioning.provisioning.EngineHarness.Kind;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The promise of the engine, for one email once the reconciler has settled everything:
 * <ul>
 * <li>a live admin ({@code User} not offboarded) has its {@code AdminInfo} and exactly its Cognito
 * user; ACTIVE or INVITED here ⇔ enabled and in the admin group there; DISABLED here ⇔ disabled
 * there;</li>
 * <li>no live admin ⇔ no Cognito user (never created, rolled back, or offboarded);</li>
 * <li>every journal entry ended, and the invitation counter matches the completed resends;</li>
 * <li>the answers told the truth: the last change a client was told happened (and that no open
 * answer followed) is the state both systems are in.</li>
 * </ul>
 */
final class EngineInvariant {

    private final JdbcTemplate jdbc;
    private final CognitoGateway pool;

    EngineInvariant(JdbcTemplate jdbc, CognitoGateway pool) {
        this.jdbc = jdbc;
        this.pool = pool;
    }

    List<String> check(String email, List<Answer> answers) {
        List<String> violations = new ArrayList<>();
        Optional<CognitoUser> user = pool.findUser(email);
        List<Map<String, Object>> live = jdbc.queryForList("SELECT u.id, u.status, u.cognito_username, i.invite_count, "
                + "(SELECT COUNT(*) FROM admin_info x WHERE x.user_id = u.id) AS infos "
                + "FROM users u LEFT JOIN admin_info i ON i.user_id = u.id WHERE u.live_email = ?", email);
        String status = null;
        UUID liveId = null;
        if (live.isEmpty()) {
            user.ifPresent(u -> violations.add(email + ": Cognito user " + u.username() + " ("
                    + (u.enabled() ? "enabled" : "disabled") + ") but no live admin"));
        } else {
            Map<String, Object> row = live.get(0);
            liveId = (UUID) row.get("id");
            status = (String) row.get("status");
            if (((Number) row.get("infos")).intValue() != 1) {
                violations.add(email + ": User " + liveId + " without its AdminInfo");
            }
            if (user.isEmpty()) {
                violations.add(email + ": " + status + " admin " + liveId + " without a Cognito user");
            } else {
                checkSameState(email, status, (String) row.get("cognito_username"), user.get(), violations);
            }
            checkInviteCount(email, liveId, row.get("invite_count"), violations);
        }
        jdbc.queryForList("SELECT operation, state, last_error FROM admin_operations WHERE email = ? AND state IN "
                + "('STARTED', 'COGNITO_DONE', 'COMPENSATING', 'VERIFYING')", email)
                .forEach(entry -> violations.add(email + ": " + entry.get("operation") + " left " + entry.get("state")
                        + ", last error " + entry.get("last_error")));
        checkAnswers(email, answers, status, liveId, violations);
        if (!violations.isEmpty()) {
            jdbc.queryForList("SELECT operation, state, failure_type, cognito_username, attempts, idempotency_key, "
                    + "last_error FROM admin_operations WHERE email = ? ORDER BY created_at", email)
                    .forEach(entry -> violations.add(email + " journal: " + entry));
            answers.forEach(answer -> violations.add(email + " answer: " + answer));
        }
        return violations;
    }

    private void checkSameState(String email, String status, String username, CognitoUser user,
            List<String> violations) {
        if (!user.username().equals(username)) {
            violations.add(email + ": User points at Cognito user " + username + ", the pool has " + user.username());
            return;
        }
        boolean inGroup = pool.isInAdminGroup(user.username());
        boolean mayAct = "ACTIVE".equals(status) || "INVITED".equals(status);
        if (mayAct && !(user.enabled() && inGroup)) {
            violations.add(email + ": " + status + " here, but the Cognito user is "
                    + (user.enabled() ? "outside the admin group" : "disabled"));
        }
        if ("DISABLED".equals(status) && user.enabled()) {
            violations.add(email + ": DISABLED here, but the Cognito user can still sign in");
        }
    }

    private void checkInviteCount(String email, UUID adminId, Object inviteCount, List<String> violations) {
        Long resends = jdbc.queryForObject("SELECT COUNT(*) FROM admin_operations WHERE operation = 'RESEND' "
                + "AND state = 'COMPLETED' AND admin_id = ?", Long.class, adminId);
        if (inviteCount != null && ((Number) inviteCount).longValue() != 1 + (resends == null ? 0 : resends)) {
            violations.add(email + ": invite_count " + inviteCount + " but " + resends + " completed resends");
        }
    }

    /**
     * The last answer that said something changed, unless an open answer came after it, names the
     * state both systems must be in; every 201 names an admin that exists (live, or offboarded later).
     */
    private void checkAnswers(String email, List<Answer> answers, String status, UUID liveId,
            List<String> violations) {
        for (Answer answer : answers) {
            if (answer.operation() == Operation.PROVISION && answer.kind() == Kind.CHANGED) {
                Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE id = ? AND (live_email = ? OR "
                        + "status = 'OFFBOARDED')", Long.class, answer.adminId(), email);
                if (rows == null || rows == 0) {
                    violations.add(email + ": answered 201 with " + answer.adminId() + " but that admin is lost");
                }
            }
        }
        Answer decisive = null;
        java.util.Set<UUID> provisioned = new java.util.HashSet<>();
        for (Answer answer : answers) {
            if (answer.operation() == Operation.PROVISION && answer.kind() == Kind.CHANGED
                    && !provisioned.add(answer.adminId())) {
                continue; // a key's replay of an earlier answer changes nothing
            }
            if (answer.kind() == Kind.UNKNOWN) {
                decisive = null;
                if (answer.operation() != Operation.RESEND) {
                    return;
                }
            } else if (answer.kind() == Kind.CHANGED && answer.operation() != Operation.RESEND) {
                decisive = answer;
            } else if (answer.kind() == Kind.NOTHING && answer.operation() == Operation.PROVISION && decisive == null
                    && status != null && answers.stream().noneMatch(a -> a.operation() == Operation.PROVISION
                            && (a.kind() == Kind.CHANGED || a.kind() == Kind.UNKNOWN))) {
                violations.add(email + ": every provisioning said nothing was created, yet admin " + liveId + " exists");
            }
        }
        if (decisive == null) {
            return;
        }
        switch (decisive.operation()) {
            case PROVISION -> {
                if (!decisive.adminId().equals(liveId)) {
                    violations.add(email + ": the last change was the provisioning of " + decisive.adminId()
                            + " but the live admin is " + liveId);
                }
            }
            case DISABLE -> expect(email, "DISABLED", status, decisive, violations);
            case ENABLE -> {
                if (!"ACTIVE".equals(status) && !"INVITED".equals(status)) {
                    violations.add(email + ": the last change was " + decisive + " but the admin is " + status);
                }
            }
            case OFFBOARD -> expect(email, null, status, decisive, violations);
            default -> {
            }
        }
    }

    private static void expect(String email, String expected, String status, Answer decisive, List<String> violations) {
        if (expected == null ? status != null : !expected.equals(status)) {
            violations.add(email + ": the last change was " + decisive + " but the admin is "
                    + (status == null ? "gone" : status));
        }
    }
}
