package org.adminprovisioning.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.cognito.CognitoUser;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.springframework.stereotype.Component;

/**
 * The one rule that decides whether a Cognito user belongs to a journaled operation; the operations,
 * the reconciler and the drift report all ask it.
 * <ul>
 * <li>Once the operation journaled a Cognito username, the user with that username is its user and
 * no other: every look-up and undo goes by username.</li>
 * <li>Before that (a provision whose {@code AdminCreateUser} answer was lost, so only the email it
 * sent as the username is known), a user is the operation's when it has that email, no other
 * operation on that email is under way, no live admin's records claim it, and it was created after
 * the operation was journaled. The second condition matters once a create stalled long enough for
 * the reconciler to stop it holding the email: a newer provisioning may have created the user and
 * not recorded it yet, or the stalled create may land while the newer one asks. Either way the user
 * may be the other's; it is nobody's until one of them ends. Cognito may report whole
 * seconds and its clock may be behind ours by up to {@link #CLOCK_SKEW}: a user created that little
 * before counts too, but only while it still waits for its first sign-in, as a fresh invitation
 * does. An admin someone made in the console seconds before, with a permanent password, is not
 * adopted; one made earlier is older; an admin's user is claimed.</li>
 * </ul>
 */
@Component
public class Ownership {

    /** How far Cognito's clock may be behind ours when telling an operation's user from an older one. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    private final AdminRecords records;
    private final Journal journal;

    Ownership(AdminRecords records, Journal journal) {
        this.records = records;
        this.journal = journal;
    }

    /** What the rule says of one user for one operation. */
    public enum Verdict {
        /** The operation's own user. */
        OWN,
        /** Someone else's user, or one the operation cannot have created. */
        NOT_OWN,
        /**
         * It would be the operation's, but another operation on its email is under way and may have
         * created it: nobody's until one of them ends. A live operation treats it as {@link #NOT_OWN};
         * the reconciler looks again later.
         */
        CONTESTED
    }

    /**
     * Whether the Cognito user is the one the operation created or acts on.
     *
     * @param operationId        the operation's journal entry
     * @param email              the operation's (normalized) email
     * @param journaledUsername  the Cognito username the operation journaled, or {@code null} before it knew one
     * @param journaledAt        when the operation was journaled
     */
    public boolean owns(UUID operationId, String email, String journaledUsername, Instant journaledAt,
            CognitoUser user) {
        return judge(operationId, email, journaledUsername, journaledAt, user) == Verdict.OWN;
    }

    /** {@link #owns}, telling a contested user from someone else's. */
    public Verdict judge(UUID operationId, String email, String journaledUsername, Instant journaledAt,
            CognitoUser user) {
        if (journaledUsername != null) {
            return journaledUsername.equals(user.username()) ? Verdict.OWN : Verdict.NOT_OWN;
        }
        if (!email.equals(user.email()) || !createdInTime(journaledAt, user)) {
            return Verdict.NOT_OWN;
        }
        // Under way first, records second: a provisioning is under way from before its create until
        // the transaction that writes its records, so one of the two looks always sees it.
        boolean contested = journal.anotherUnderway(email, operationId);
        if (records.findByCognitoUsername(user.username()).isPresent()) {
            return Verdict.NOT_OWN;
        }
        return contested ? Verdict.CONTESTED : Verdict.OWN;
    }

    /** A user without a creation date counts as created in time: only a known older date rules it out. */
    private static boolean createdInTime(Instant journaledAt, CognitoUser user) {
        if (user.createdAt() == null || !user.createdAt().isBefore(journaledAt)) {
            return true;
        }
        return user.status() == CognitoUserStatus.FORCE_CHANGE_PASSWORD
                && !user.createdAt().isBefore(journaledAt.truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_SKEW));
    }
}
