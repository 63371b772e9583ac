package org.adminprovisioning.provisioning;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * How the reconciler finishes a provisioning a crash or a timeout interrupted. Cognito user there
 * and ours: create the records (roll forward: an admin asked for it, and Cognito has already
 * emailed the invitation). Cognito user absent: failed, and looked at once more a stale period
 * later in case a create was still in flight. Compensating: delete the user.
 */
@Component
class ProvisionReconciliation implements OperationPlan {

    private static final Logger log = LoggerFactory.getLogger(ProvisionReconciliation.class);

    private final CognitoGateway cognito;
    private final AdminRecords records;
    private final Journal journal;
    private final Ownership ownership;
    private final Idempotency idempotency;
    private final ClaimEndings endings;
    private final TransactionOperations transactions;
    private final ProvisioningProperties properties;
    private final Clock clock;

    ProvisionReconciliation(CognitoGateway cognito, AdminRecords records, Journal journal, Ownership ownership,
            Idempotency idempotency, ClaimEndings endings, TransactionOperations transactions,
            ProvisioningProperties properties, Clock clock) {
        this.cognito = cognito;
        this.records = records;
        this.journal = journal;
        this.ownership = ownership;
        this.idempotency = idempotency;
        this.endings = endings;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Operation operation() {
        return Operation.PROVISION;
    }

    @Override
    public ReconciliationRun.Result finish(Journal.Claim claim, String actor) {
        switch (claim.state()) {
            case STARTED: {
                // Only the username it sent (the email) is known: ask for that user.
                Optional<CognitoUser> user = cognito.findUser(claim.email());
                if (user.isEmpty()) {
                    return endings.failedPendingSecondLook(claim, "no Cognito user: nothing was created",
                            clock.instant().plus(properties.reconciler().staleAfter()), actor);
                }
                Ownership.Verdict verdict = judge(claim, user.get());
                if (verdict == Ownership.Verdict.CONTESTED) {
                    return lookAgainLater(claim);
                }
                if (verdict == Ownership.Verdict.NOT_OWN) {
                    return endings.failed(claim, FailureReason.ADMIN_EXISTS,
                            "the Cognito user with this email is not this request's", actor);
                }
                return rollForward(claim, user.get(), actor);
            }
            case COGNITO_DONE: {
                Optional<CognitoUser> user = cognito.findUser(claim.cognitoUsername());
                if (user.isEmpty()) {
                    return endings.rolledBack(claim, "the Cognito user is gone", actor);
                }
                return rollForward(claim, user.get(), actor);
            }
            case COMPENSATING:
                return compensate(claim, actor);
            case VERIFYING:
                return lookOnceMore(claim, actor);
            default:
                return ReconciliationRun.Result.SKIPPED;
        }
    }

    private Ownership.Verdict judge(Journal.Claim claim, CognitoUser user) {
        return ownership.judge(claim.id(), claim.email(), claim.cognitoUsername(), claim.createdAt(), user);
    }

    /**
     * A newer operation for the email may own the user, or find it is not its own: look again once
     * that one is finished (found by the random scenarios: both deciding "not ours" left a ghost).
     */
    private ReconciliationRun.Result lookAgainLater(Journal.Claim claim) {
        journal.retryClaimedAt(claim, clock.instant().plus(properties.reconciler().staleAfter()),
                "another operation for the email is under way; looking again later");
        return ReconciliationRun.Result.RETRY_LATER;
    }

    private ReconciliationRun.Result rollForward(Journal.Claim claim, CognitoUser user, String actor) {
        try {
            // Idempotent; a crash may have come between AdminCreateUser and AdminAddUserToGroup.
            cognito.addToAdminGroup(user.username());
        } catch (CognitoUserNotFoundException gone) {
            return claim.state() == OperationState.STARTED
                    ? endings.failed(claim, FailureReason.INTERRUPTED, "the Cognito user vanished", actor)
                    : endings.rolledBack(claim, "the Cognito user vanished", actor);
        }
        transactions.executeWithoutResult(tx -> {
            journal.lockClaimed(claim);
            if (records.existsByEmail(claim.email())) {
                throw new ReconciliationConflict("admin " + claim.email() + " already exists with another Cognito "
                        + "user; see GET /admins/reconciliation");
            }
            AdminAccount account = records.createAdminDatabaseRecords(claim.email(), user.username(), user.sub(),
                    claim.requestedBy());
            journal.completeClaimed(claim, idempotency.bodyOf(AdminResponse.of(account)), account.id());
        });
        return endings.completedAudited(claim, actor);
    }

    private ReconciliationRun.Result compensate(Journal.Claim claim, String actor) {
        String username = claim.cognitoUsername();
        if (username == null) {
            // It failed before it could journal the username: find the user it created, if any.
            Optional<CognitoUser> user = cognito.findUser(claim.email());
            Ownership.Verdict verdict = user.map(found -> judge(claim, found)).orElse(Ownership.Verdict.NOT_OWN);
            if (verdict == Ownership.Verdict.CONTESTED) {
                return lookAgainLater(claim);
            }
            username = verdict == Ownership.Verdict.OWN ? user.get().username() : null;
        }
        if (username != null) {
            if (records.findByCognitoUsername(username).isPresent()) {
                throw new ReconciliationConflict("Cognito user " + username + " belongs to an admin; not deleting it");
            }
            cognito.deleteUser(username);
        }
        return endings.rolledBack(claim, "compensation finished", actor);
    }

    /**
     * The second look at an operation failed for want of a Cognito user. A user that appeared since,
     * that the rule of {@link Ownership} gives this operation and no newer operation may claim, is
     * the late create of a stalled instance: the operation is reopened and the user deleted.
     */
    private ReconciliationRun.Result lookOnceMore(Journal.Claim claim, String actor) {
        Optional<CognitoUser> found = cognito.findUser(claim.email());
        Ownership.Verdict verdict = found.map(user -> judge(claim, user)).orElse(Ownership.Verdict.NOT_OWN);
        if (verdict == Ownership.Verdict.NOT_OWN || records.existsByEmail(claim.email())) {
            journal.nothingLandedClaimed(claim);
            return ReconciliationRun.Result.VERIFIED;
        }
        if (verdict == Ownership.Verdict.CONTESTED
                || !journal.unfinishedFor(List.of(), List.of(found.get().username())).isEmpty()) {
            return lookAgainLater(claim);
        }
        journal.lateChangeFoundClaimed(claim, found.get().username(),
                "a Cognito user appeared after the request failed");
        log.warn("Provisioning {} ({}) had failed, but its Cognito user {} appeared late: deleting it", claim.id(),
                claim.email(), found.get().username());
        Journal.Claim again = journal.claimForRepair(claim.id(), properties.reconciler().staleAfter()).orElseThrow();
        return compensate(again, actor);
    }
}
