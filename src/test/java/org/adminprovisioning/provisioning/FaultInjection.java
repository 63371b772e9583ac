package org.adminprovisioning.provisioning;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Supplier;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Wraps the real journal, records and Cognito gateway so that every call goes to the real (and, for
 * the database, transactional) object, and the {@link FaultPlan}'s faults fire around the calls of
 * the methods mapped to a {@link Step}. A wrapper is a Mockito mock whose default answer delegates,
 * so no method can be forgotten: an unmapped one simply passes through.
 */
final class FaultInjection {

    private static final Map<String, Step> JOURNAL = Map.ofEntries(
            Map.entry("begin", Step.JOURNAL_BEGIN),
            Map.entry("beginAnswered", Step.JOURNAL_BEGIN),
            Map.entry("cognitoDone", Step.JOURNAL_COGNITO_DONE),
            Map.entry("lockInState", Step.JOURNAL_LOCK),
            Map.entry("complete", Step.JOURNAL_COMPLETE),
            Map.entry("fail", Step.JOURNAL_FAIL),
            Map.entry("handOver", Step.JOURNAL_HAND_OVER),
            Map.entry("compensating", Step.JOURNAL_COMPENSATING),
            Map.entry("rolledBack", Step.JOURNAL_ROLLED_BACK),
            Map.entry("lateChangeFound", Step.JOURNAL_REOPEN),
            Map.entry("lateChangeFoundClaimed", Step.JOURNAL_REOPEN),
            Map.entry("claimDue", Step.RECONCILER_CLAIM),
            Map.entry("claimForRepair", Step.RECONCILER_CLAIM),
            Map.entry("lockClaimed", Step.RECONCILER_LOCK),
            Map.entry("failClaimed", Step.RECONCILER_END),
            Map.entry("failClaimedPendingSecondLook", Step.RECONCILER_END),
            Map.entry("nothingLandedClaimed", Step.RECONCILER_END),
            Map.entry("completeClaimed", Step.RECONCILER_END),
            Map.entry("rollBackClaimed", Step.RECONCILER_END),
            Map.entry("retryClaimedAt", Step.RECONCILER_END),
            Map.entry("giveUpOnClaimed", Step.RECONCILER_END));

    private static final Map<String, Step> RECORDS = Map.of(
            "lockForChange", Step.LOCK_ADMIN,
            "createAdminDatabaseRecords", Step.WRITE_RECORDS,
            "disable", Step.WRITE_DISABLE,
            "enable", Step.WRITE_ENABLE,
            "offboard", Step.WRITE_OFFBOARD,
            "recordInviteResent", Step.WRITE_RESENT);

    private static final Map<String, Step> COGNITO = Map.of(
            "findUser", Step.FIND_USER,
            "addToAdminGroup", Step.ADD_TO_GROUP,
            "disableUser", Step.DISABLE_USER,
            "signOutEverywhere", Step.SIGN_OUT,
            "enableUser", Step.ENABLE_USER,
            "deleteUser", Step.DELETE_USER,
            "resendInvite", Step.RESEND);

    private FaultInjection() {
    }

    static Journal journal(FaultPlan faults, Journal real) {
        return wrap(Journal.class, real, faults, JOURNAL, FaultInjection::databaseDown);
    }

    static AdminRecords records(FaultPlan faults, AdminRecords real) {
        return wrap(AdminRecords.class, real, faults, RECORDS, FaultInjection::databaseDown);
    }

    /** The gateway's generic steps; {@code createAdminUser} has faults of its own ({@link FaultInjectingCognitoGateway}). */
    static CognitoGateway cognito(FaultPlan faults, CognitoGateway real) {
        return wrap(CognitoGateway.class, real, faults, COGNITO, FaultInjection::cognitoDown);
    }

    private static RuntimeException databaseDown(Step step) {
        return new DataAccessResourceFailureException("injected: database failure at " + step);
    }

    private static RuntimeException cognitoDown(Step step) {
        return new CognitoUnavailableException("injected: " + step + " timed out", null);
    }

    private static <T> T wrap(Class<T> type, T real, FaultPlan faults, Map<String, Step> steps,
            java.util.function.Function<Step, RuntimeException> failure) {
        return mock(type, withSettings().defaultAnswer(invocation -> {
            Method method = invocation.getMethod();
            Supplier<Object> call = () -> invoke(method, real, invocation.getArguments());
            Step step = steps.get(method.getName());
            return step == null ? call.get() : faults.intercept(step, call, () -> failure.apply(step));
        }));
    }

    private static Object invoke(Method method, Object target, Object[] arguments) {
        try {
            method.setAccessible(true);
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
