package org.adminprovisioning.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * sent as the username is known), a user is the operation's when it has that email, no live
 * admin's records claim it, it was created after the operation was journaled, and no other
 * operation on that email is under way. That last condition matters once a create stalled long
 * enough for the reconciler to stop it holding the email: a newer provisioning may have created the
 * user and not recorded it yet, or the stalled create may land while the newer one asks. The oldest
 * operation under way decides; for a newer one the user is not its own, and for an older one it is
 * {@link Verdict#CONTESTED} until the newer one ends. Cognito may report whole
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
         * It would be the operation's, but a newer operation on its email is under way and may have
         * created it: nobody's until that one ends. A live operation treats it as {@link #NOT_OWN};
         * the reconciler looks again later. (An older operation under way makes it {@link #NOT_OWN}:
         * the oldest decides.)
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
        List<JournalEntry> others = journal.othersUnderway(email, operationId);
        if (records.findByCognitoUsername(user.username()).isPresent()) {
            return Verdict.NOT_OWN;
        }
        if (others.isEmpty()) {
            return Verdict.OWN;
        }
        // The oldest operation decides and the newer ones defer to it; two that waited for each
        // other would wait forever.
        return others.stream().anyMatch(other -> olderThan(other, journaledAt, operationId)) ? Verdict.NOT_OWN
                : Verdict.CONTESTED;
    }

    private static boolean olderThan(JournalEntry other, Instant journaledAt, UUID operationId) {
        int byTime = other.getCreatedAt().compareTo(journaledAt);
        return byTime < 0 || (byTime == 0 && other.getId().compareTo(operationId) < 0);
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
