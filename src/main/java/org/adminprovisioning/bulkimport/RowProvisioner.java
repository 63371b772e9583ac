package org.adminprovisioning.bulkimport;

import java.time.Duration;

import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.EmailQuotaExceededException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.provisioning.Actor;
import org.adminprovisioning.provisioning.FailureReason;
import org.adminprovisioning.provisioning.OperationFailedException;
import org.adminprovisioning.provisioning.ProvisionAdmin;
import org.adminprovisioning.provisioning.ProvisionCommand;
import org.springframework.stereotype.Component;

/**
 * One row through the engine: a provisioning as {@code POST /admins} makes it, by the importing admin,
 * with the Idempotency-Key {@code import:<import id>:<line>} so that a row tried again after a crash
 * replays its first answer instead of provisioning twice. After a try Cognito refused before acting (a
 * throttle, the email quota) the next try takes a new key, {@code ...:<attempt>}: the refused one
 * would only replay its refusal.
 */
@Component
class RowProvisioner {

    /** An unfinished provisioning the reconciler will decide: asked again this much later. */
    static final Duration IN_PROGRESS_PAUSE = Duration.ofSeconds(30);
    /** Tries of a row whose provisioning stays unfinished before it is reported failed (about 30 minutes). */
    static final int IN_PROGRESS_TRIES = 60;

    private final ProvisionAdmin provision;
    private final ImportProperties properties;

    RowProvisioner(ProvisionAdmin provision, ImportProperties properties) {
        this.provision = provision;
        this.properties = properties;
    }

    /** What a try of a row came to. */
    sealed interface Result {
    }

    /** The row is decided. */
    record Decided(RowOutcome outcome, String problemType, String detail) implements Result {
    }

    /** The row is tried again later, under attempt number {@code attempt}. */
    record Retry(int attempt, Duration after, String detail, boolean throttled) implements Result {
    }

    /** Cognito's daily email quota is spent: the import pauses; the row is tried again under {@code attempt}. */
    record EmailQuotaSpent(int attempt, String detail) implements Result {
    }

    static String idempotencyKey(ImportStore.Job job, ImportStore.Pending row) {
        return "import:" + job.id() + ":" + row.line() + (row.attempt() == 0 ? "" : ":" + row.attempt());
    }

    Result provision(ImportStore.Job job, ImportStore.Pending row) {
        int tries = row.tries() + 1;
        try {
            provision.provision(new ProvisionCommand(EmailAddress.of(row.email()),
                    new Actor(job.requestedBy(), job.requestedEmail()), idempotencyKey(job, row)));
            return new Decided(RowOutcome.CREATED, null, null);
        } catch (InvalidEmailException e) {
            return new Decided(RowOutcome.INVALID, "invalid-email", e.getMessage());
        } catch (OperationFailedException e) {
            return failed(row, tries, e);
        } catch (EmailQuotaExceededException e) {
            return new EmailQuotaSpent(row.attempt() + 1, e.getMessage());
        } catch (CognitoThrottledException e) {
            // Never a failed row: the limiter paces the next try.
            return new Retry(row.attempt() + 1, properties.backoff(tries), e.getMessage(), true);
        } catch (InvalidInviteException e) {
            return new Decided(RowOutcome.FAILED, FailureReason.INVALID_INVITE.code(), e.getMessage());
        } catch (CognitoUnavailableException e) {
            // A refused call changed nothing: a new key. An unknown outcome keeps the key, whose replay tells.
            int attempt = e.refusedBeforeActing() ? row.attempt() + 1 : row.attempt();
            return retryOrFail(attempt, tries, properties.backoff(tries), FailureReason.COGNITO_UNAVAILABLE.code(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // Our database, most likely: nothing is known, so the same key asks again.
            return retryOrFail(row.attempt(), tries, properties.backoff(tries), "internal-error", e.toString());
        }
    }

    private Result failed(ImportStore.Pending row, int tries, OperationFailedException e) {
        FailureReason reason = e.reason();
        return switch (reason) {
            case ADMIN_EXISTS -> new Decided(RowOutcome.ALREADY_EXISTED, reason.code(), e.getMessage());
            // The key's earlier try failed and changed nothing (a replay), or this one was undone: a new key.
            case COGNITO_UNAVAILABLE, ROLLED_BACK -> retryOrFail(row.attempt() + 1, tries, properties.backoff(tries),
                    reason.code(), e.getMessage());
            // Unfinished: the reconciler decides it, then the same key's replay answers.
            case KEY_IN_PROGRESS, INTERRUPTED -> tries >= IN_PROGRESS_TRIES
                    ? new Decided(RowOutcome.FAILED, reason.code(), e.getMessage())
                    : new Retry(row.attempt(), IN_PROGRESS_PAUSE, e.getMessage(), false);
            default -> new Decided(RowOutcome.FAILED, reason.code(), e.getMessage());
        };
    }

    private Result retryOrFail(int attempt, int tries, Duration after, String problemType, String detail) {
        return tries >= properties.maxTries() ? new Decided(RowOutcome.FAILED, problemType, detail)
                : new Retry(attempt, after, detail, false);
    }
}
