package org.adminprovisioning.scim;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminAlreadyExistsException;
import org.adminprovisioning.admin.AdminNotFoundException;
import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.EmailQuotaExceededException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.provisioning.Actor;
import org.adminprovisioning.provisioning.AdminChange;
import org.adminprovisioning.provisioning.DisableAdmin;
import org.adminprovisioning.provisioning.EnableAdmin;
import org.adminprovisioning.provisioning.OffboardAdmin;
import org.adminprovisioning.provisioning.OperationFailedException;
import org.adminprovisioning.provisioning.OperationOutcome;
import org.adminprovisioning.provisioning.ProvisionAdmin;
import org.adminprovisioning.provisioning.ProvisionCommand;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * SCIM's Users, mapped onto the engine's operations with {@code Actor.service("scim:<connector>")}:
 * {@code POST} provisions, {@code active} false / true disables / enables, {@code DELETE} offboards;
 * reads go through {@link AdminRecords}. Every guard of the operations holds (never the last ACTIVE
 * admin). An outcome the engine hands to its reconciler ({@link OperationOutcome.Pending}) is a
 * success when the admin already cannot act (a disable, an offboard: our database holds it and
 * Cognito follows), and a {@code 503} with {@code Retry-After} when access is still to be granted
 * (an enable whose Cognito answer was lost): SCIM has no {@code 202}, and an identity provider retries
 * a 503 until the admin really is active.
 *
 * <p>Public, with its collaborators in the constructor, so the engine's scenario harness can run it
 * over fault-injecting operations.
 */
@Service
public class ScimUsers {

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ProvisionAdmin provision;
    private final DisableAdmin disable;
    private final EnableAdmin enable;
    private final OffboardAdmin offboard;
    private final AdminRecords records;
    private final ExternalIds externalIds;
    private final ScimUserSearch search;

    public ScimUsers(ProvisionAdmin provision, DisableAdmin disable, EnableAdmin enable, OffboardAdmin offboard,
            AdminRecords records, ExternalIds externalIds) {
        this.provision = provision;
        this.disable = disable;
        this.enable = enable;
        this.offboard = offboard;
        this.records = records;
        this.externalIds = externalIds;
        this.search = new ScimUserSearch(records, externalIds);
    }

    /** {@code POST /Users}: provisions the admin (Cognito emails the invitation); disabled at once if asked. */
    public ScimUser create(String connector, JsonNode body) {
        ScimRequests.UserChange change = ScimRequests.user(body);
        EmailAddress email = email(change.userName());
        Actor actor = actor(connector);
        AdminResponse admin = engine(() -> provision.provision(new ProvisionCommand(email, actor, null))).admin();
        rememberExternalId(connector, admin.id(), change);
        if (Boolean.FALSE.equals(change.active())) {
            admin = setActive(actor, admin.id(), false);
        }
        return ScimUser.of(admin, externalIds.of(connector, admin.id()).orElse(null));
    }

    /** {@code GET /Users/{id}}: a live admin; an offboarded or unknown one is not found. */
    public ScimUser get(String connector, String id) {
        AdminAccount admin = live(id);
        return ScimUser.of(admin, externalIds.of(connector, admin.id()).orElse(null));
    }

    /** {@code GET /Users?filter=&startIndex=&count=}. */
    public ScimListResponse<ScimUser> search(String connector, String filter, Integer startIndex,
            Integer count) {
        return search.search(connector, ScimFilter.parse(filter), startIndex, count);
    }

    /** {@code PATCH /Users/{id}}: Entra ID's and Okta's shapes alike. */
    public ScimUser patch(String connector, String id, JsonNode body) {
        AdminAccount admin = live(id);
        return apply(connector, admin, ScimRequests.patch(body));
    }

    /** {@code PUT /Users/{id}}: the same mapping; the userName must stay the admin's email. */
    public ScimUser replace(String connector, String id, JsonNode body) {
        AdminAccount admin = live(id);
        return apply(connector, admin, ScimRequests.user(body));
    }

    /** {@code DELETE /Users/{id}}: offboards (Cognito's user deleted, our row kept as OFFBOARDED). */
    public void delete(String connector, String id) {
        AdminAccount admin = live(id);
        engine(() -> offboard.offboard(new AdminChange(admin.id(), actor(connector), null)));
    }

    private ScimUser apply(String connector, AdminAccount admin, ScimRequests.UserChange change) {
        if (change.userName() != null && !change.userName().trim().toLowerCase(Locale.ROOT).equals(admin.email())) {
            throw ScimException.badRequest("mutability", "userName is the admin's email and cannot change ("
                    + admin.email() + "); provision the new address as a new user");
        }
        rememberExternalId(connector, admin.id(), change);
        AdminResponse current = AdminResponse.of(admin);
        if (change.active() != null) {
            current = setActive(actor(connector), admin.id(), change.active());
        }
        return ScimUser.of(current, externalIds.of(connector, admin.id()).orElse(null));
    }

    private AdminResponse setActive(Actor actor, UUID adminId, boolean active) {
        AdminChange change = new AdminChange(adminId, actor, null);
        OperationOutcome outcome = engine(() -> active ? enable.enable(change) : disable.disable(change));
        if (active && outcome instanceof OperationOutcome.Pending) {
            throw ScimException.retryLater("Amazon Cognito did not answer; the enable is recorded and will be "
                    + "finished within minutes. Send the request again to confirm.", RETRY_AFTER);
        }
        return outcome.admin();
    }

    private void rememberExternalId(String connector, UUID adminId, ScimRequests.UserChange change) {
        if (change.externalId() != null) {
            externalIds.put(connector, adminId, change.externalId());
        } else if (change.removeExternalId()) {
            externalIds.remove(connector, adminId);
        }
    }

    private AdminAccount live(String id) {
        Optional<UUID> uuid = parse(id);
        return uuid.flatMap(records::findById).filter(admin -> admin.status() != AdminStatus.OFFBOARDED)
                .orElseThrow(() -> ScimException.notFound("No user with id " + abbreviated(id)));
    }

    static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static String abbreviated(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "…";
    }

    private static EmailAddress email(String userName) {
        try {
            return EmailAddress.of(userName);
        } catch (InvalidEmailException e) {
            throw ScimException.badRequest("invalidValue", "userName must be the admin's email address: "
                    + e.getMessage());
        }
    }

    static Actor actor(String connector) {
        return Actor.service("scim:" + connector);
    }

    /** Runs an operation, naming its failures in SCIM's terms (RFC 7644 §3.12). */
    private static OperationOutcome engine(Supplier<OperationOutcome> operation) {
        try {
            return operation.get();
        } catch (OperationFailedException e) {
            throw failure(e);
        } catch (AdminAlreadyExistsException e) {
            throw ScimException.conflict("uniqueness", e.getMessage());
        } catch (AdminNotFoundException e) {
            throw ScimException.notFound(e.getMessage());
        } catch (InvalidEmailException | InvalidInviteException e) {
            throw ScimException.badRequest("invalidValue", e.getMessage());
        } catch (EmailQuotaExceededException e) {
            // Not a matter of seconds: the pool's daily email quota is spent (docs/cognito.md).
            throw ScimException.retryLater("Amazon Cognito's daily email quota is spent; nothing was changed. "
                    + "Retry tomorrow, or move the pool's email to Amazon SES.", null);
        } catch (CognitoUnavailableException e) {
            throw ScimException.retryLater("Amazon Cognito could not be reached: " + e.getMessage(), RETRY_AFTER);
        }
    }

    private static ScimException failure(OperationFailedException e) {
        return switch (e.reason()) {
            case ADMIN_EXISTS -> ScimException.conflict("uniqueness", e.getMessage());
            case INVALID_INVITE -> ScimException.badRequest("invalidValue", e.getMessage());
            case ADMIN_NOT_FOUND -> ScimException.notFound(e.getMessage());
            // Nothing changed, or the reconciler finishes it: the same request later is safe.
            case COGNITO_UNAVAILABLE, ROLLED_BACK, INTERRUPTED, OPERATION_IN_PROGRESS, KEY_IN_PROGRESS ->
                ScimException.retryLater(e.getMessage(), RETRY_AFTER);
            default -> ScimException.conflict(null, e.getMessage());
        };
    }
}
