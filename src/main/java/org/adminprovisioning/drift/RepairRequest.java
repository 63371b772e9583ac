package org.adminprovisioning.drift;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /admins/reconciliation/repair}: one entry of the drift report and what to do with it.
 *
 * @param entry  the kind of entry
 * @param id     the ghost's Cognito username, the orphan's user id, or the stuck request's id
 * @param action {@code delete-cognito-user} or {@code create-records} for a ghost; for a record,
 *               {@code disable-records}, or the Cognito side's fix its reason names
 *               ({@code disable-cognito-user}, {@code enable-cognito-user}, {@code add-to-admin-group});
 *               {@code retry} for a stuck request
 */
public record RepairRequest(@NotNull Entry entry, @NotBlank @Size(max = 254) String id, @NotNull Action action) {

    /** The kinds of entry in the drift report. */
    public enum Entry {
        @JsonProperty("ghost-cognito-user")
        GHOST_COGNITO_USER,
        @JsonProperty("orphan-record")
        ORPHAN_RECORD,
        @JsonProperty("stuck-request")
        STUCK_REQUEST
    }

    /** The repairs. */
    public enum Action {
        /** Deletes a ghost's Cognito user. */
        @JsonProperty("delete-cognito-user")
        DELETE_COGNITO_USER,
        /** Adopts a ghost: writes its {@code User} and {@code AdminInfo} (ACTIVE if it has a permanent password). */
        @JsonProperty("create-records")
        CREATE_RECORDS,
        /** Disables an orphan's {@code User}: it keeps its history but can no longer act. */
        @JsonProperty("disable-records")
        DISABLE_RECORDS,
        /** Disables the Cognito user of a record that is DISABLED here but can still sign in there. */
        @JsonProperty("disable-cognito-user")
        DISABLE_COGNITO_USER,
        /** Enables the Cognito user of an admin that is ACTIVE here but disabled there. */
        @JsonProperty("enable-cognito-user")
        ENABLE_COGNITO_USER,
        /** Puts the Cognito user of an admin that is ACTIVE here back into the admin group. */
        @JsonProperty("add-to-admin-group")
        ADD_TO_ADMIN_GROUP,
        /** Drives a stuck request to a final state now, even if the reconciler gave up on it. */
        @JsonProperty("retry")
        RETRY
    }

    /**
     * What the repair did.
     *
     * @param outcome what became of the entry, e.g. {@code DELETED}, {@code RECORDS_CREATED},
     *                {@code DISABLED}, or the reconciler's result for a stuck request
     */
    public record Result(Entry entry, String id, Action action, String outcome, String detail) {
    }
}
