package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.AdminApi;
import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.admin.AdminAccount;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.audit.AuditEntry;
import org.adminprovisioning.cognito.CognitoProperties;
import org.adminprovisioning.cognito.CognitoUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /admins/reconciliation}, {@code POST /admins/reconciliation/run} and {@code POST
 * /admins/reconciliation/repair} over HTTP: drift is reported page by page and never repaired
 * silently; an admin repairs one entry on purpose, and it is audited.
 */
class ReconciliationApiTests extends EndToEndTestSupport {

    @Autowired
    CognitoProperties cognitoSettings;

    @Autowired
    JournalEntries requests;

    private static String unique(String name) {
        return uniqueEmail(name, "drift.example.com");
    }

    /** A Cognito admin that no request made and no record knows: as if created by hand in the console. */
    private CognitoUser ghost(String email) {
        return cognito.findUser(userPool.createConfirmedAdmin(email, "Ghost-Password-1!")).orElseThrow();
    }

    /** Records whose Cognito user is gone: as if deleted by hand in the console. */
    private AdminAccount orphan(String email) {
        return records.createAdminDatabaseRecords(email, "deleted-" + UUID.randomUUID(), null, null);
    }

    /** A request the reconciler gave up on. */
    private JournalEntry flaggedRequest(String email) {
        JournalEntry request = started(email, null);
        request.gaveUp("gave up after 10 attempts: AdminGetUser timed out", Instant.now());
        return requests.saveAndFlush(request);
    }

    private static JournalEntry started(String email, java.util.UUID requestedBy) {
        return new JournalEntry(Operation.PROVISION, new JournalEntry.Subject(email, null, null),
                new JournalEntry.Request(requestedBy, null, "hash"), true, Instant.now());
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(entry -> values.add(entry.get(field).asString()));
        return values;
    }

    @Test
    void theEndpoints_needAnAdmin() {
        String email = unique("not-admin");
        String temporary = "Temporary-Pass-1!";
        cognito.createAdminUser(email, temporary); // never added to the admin group
        JsonNode tokens = api.post("/auth/new-password-challenge",
                Map.of("username", email, "temporaryPassword", temporary, "newPassword", "Chosen-Password-2!"), null)
                .body();
        String outsider = tokens.get("accessToken").asString();

        assertThat(api.get("/admins/reconciliation", null).status()).isEqualTo(401);
        assertThat(api.post("/admins/reconciliation/run", null, null).status()).isEqualTo(401);
        assertThat(api.post("/admins/reconciliation/repair", Map.of(), null).status()).isEqualTo(401);
        assertThat(api.get("/admins/reconciliation", outsider).status()).isEqualTo(403);
        assertThat(api.post("/admins/reconciliation/run", null, outsider).status()).isEqualTo(403);
        AdminApi.Reply repair = api.post("/admins/reconciliation/repair",
                Map.of("entry", "stuck-request", "id", UUID.randomUUID().toString(), "action", "retry"), outsider);
        assertThat(repair.status()).isEqualTo(403);
        assertThat(repair.problemType()).isEqualTo("forbidden");
    }

    /** Ghosts other suites of the shared context left in the pool; the report lists at most 100. */
    private void deleteLeftoverGhosts() {
        String next = null;
        List<String> leftovers = new ArrayList<>();
        do {
            var page = cognito.listAdminGroupUsers(next);
            page.users().stream().filter(user -> records.findByCognitoUsername(user.username()).isEmpty())
                    .forEach(user -> leftovers.add(user.username()));
            next = page.nextToken();
        } while (next != null);
        leftovers.forEach(cognito::deleteUser);
    }

    @Test
    void theReport_listsGhostsOrphansAndStuckRequests_pageByPage_andRepairsNothing() {
        deleteLeftoverGhosts();
        List<String> ghosts = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // more than one ListUsersInGroup page (60)
            ghosts.add(ghost(unique("ghost" + i)).username());
        }
        AdminAccount orphan = orphan(unique("orphan"));
        JournalEntry stuck = flaggedRequest(unique("stuck"));
        String explained = unique("in-flight");
        // A provisioning whose create landed but whose answer is not journaled yet: its user is no ghost.
        requests.saveAndFlush(started(explained, null));
        CognitoUser inFlight = cognito.createAdminUser(explained, "Temporary-Pass-1!");
        cognito.addToAdminGroup(inFlight.username());

        AdminApi.Reply report = api.get("/admins/reconciliation", token);

        assertThat(report.status()).isEqualTo(200);
        assertThat(values(report.body().get("ghostCognitoUsers"), "username")).containsAll(ghosts)
                .doesNotContain(inFlight.username());
        assertThat(values(report.body().get("orphanRecords"), "userId")).contains(orphan.id().toString());
        assertThat(values(report.body().get("stuckRequests"), "requestId")).contains(stuck.getId().toString());
        verify(cognito, atLeast(2)).listAdminGroupUsers(any());
        // Nothing was repaired: the ghosts are still in Cognito, the orphan still active, the request still stuck.
        assertThat(cognito.findUser(ghosts.get(0))).isPresent();
        assertThat(records.findById(orphan.id()).orElseThrow().status()).isEqualTo(AdminStatus.INVITED);
        assertThat(requests.findById(stuck.getId()).orElseThrow().getNeedsAttentionSince()).isNotNull();
        ghosts.forEach(cognito::deleteUser);
        cognito.deleteUser(inFlight.username());
    }

    @Test
    void repairingAGhost_deletesItsCognitoUser_onPurpose_andOnlyOnce() {
        CognitoUser ghost = ghost(unique("ghost-delete"));

        AdminApi.Reply repaired = api.post("/admins/reconciliation/repair",
                Map.of("entry", "ghost-cognito-user", "id", ghost.username(), "action", "delete-cognito-user"), token);
        AdminApi.Reply again = api.post("/admins/reconciliation/repair",
                Map.of("entry", "ghost-cognito-user", "id", ghost.username(), "action", "delete-cognito-user"), token);

        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.body().get("outcome").asString()).isEqualTo("DELETED");
        assertThat(cognito.findUser(ghost.username())).isEmpty();
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemType()).isEqualTo("drift-not-found");
        assertThat(auditOf(ghost.email())).extracting(AuditEntry::action,
                AuditEntry::outcome, AuditEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REPAIR", "SUCCEEDED", AdminApi.BOOTSTRAP_EMAIL));
    }

    @Test
    void repairingAGhost_canAdoptIt_asAnAdminWithRecords() {
        CognitoUser ghost = ghost(unique("ghost-adopt"));

        AdminApi.Reply repaired = api.post("/admins/reconciliation/repair",
                Map.of("entry", "ghost-cognito-user", "id", ghost.username(), "action", "create-records"), token);

        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.body().get("outcome").asString()).isEqualTo("RECORDS_CREATED");
        AdminAccount adopted = records.findByCognitoUsername(ghost.username()).orElseThrow();
        assertThat(adopted.email()).isEqualTo(ghost.email());
        assertThat(adopted.status()).isEqualTo(AdminStatus.ACTIVE); // it had a permanent password already
        assertThat(values(api.get("/admins/reconciliation", token).body().get("ghostCognitoUsers"), "username"))
                .doesNotContain(ghost.username());
    }

    @Test
    void repairingAnOrphan_disablesItsRecords_soItCanNoLongerAct() {
        AdminAccount orphan = orphan(unique("orphan-disable"));

        AdminApi.Reply repaired = api.post("/admins/reconciliation/repair",
                Map.of("entry", "orphan-record", "id", orphan.id().toString(), "action", "disable-records"), token);

        assertThat(repaired.status()).isEqualTo(200);
        assertThat(records.findById(orphan.id()).orElseThrow().status()).isEqualTo(AdminStatus.DISABLED);
        assertThat(values(api.get("/admins/reconciliation", token).body().get("orphanRecords"), "userId"))
                .doesNotContain(orphan.id().toString());
        assertThat(auditOf(orphan.email())).extracting(AuditEntry::action)
                .containsExactly("REPAIR");
    }

    @Test
    void repairingAStuckRequest_drivesItToAFinalStateNow_evenThoughTheReconcilerGaveUp() {
        String email = unique("stuck-retry");
        JournalEntry stuck = flaggedRequest(email);

        AdminApi.Reply repaired = api.post("/admins/reconciliation/repair",
                Map.of("entry", "stuck-request", "id", stuck.getId().toString(), "action", "retry"), token);

        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.body().get("outcome").asString()).isEqualTo("FAILED"); // Cognito never had the user
        JournalEntry after = requests.findById(stuck.getId()).orElseThrow();
        assertThat(after.getState()).as("failed, looked at once more later").isEqualTo(OperationState.VERIFYING);
        assertThat(after.getNeedsAttentionSince()).isNull();
        assertThat(after.getActiveEmail()).isNull();
        assertThat(values(api.get("/admins/reconciliation", token).body().get("stuckRequests"), "requestId"))
                .doesNotContain(stuck.getId().toString());
    }

    @Test
    void aPoolUserOutsideTheAdminGroup_isNoGhost_andARepairCanNeitherDeleteNorPromoteIt() {
        String email = unique("ordinary-user");
        String username = userPool.adminCreateUser(r -> r.userPoolId(cognitoSettings.userPoolId())
                .username(email)
                .messageAction("SUPPRESS")
                .temporaryPassword("Ordinary-Passw0rd!")
                .userAttributes(a -> a.name("email").value(email))).user().username();

        for (String action : List.of("delete-cognito-user", "create-records")) {
            AdminApi.Reply refused = api.post("/admins/reconciliation/repair",
                    Map.of("entry", "ghost-cognito-user", "id", username, "action", action), token);

            assertThat(refused.status()).as(action).isEqualTo(404);
            assertThat(refused.problemType()).as(action).isEqualTo("drift-not-found");
        }
        assertThat(cognito.findUser(username)).isPresent();
        assertThat(records.findByCognitoUsername(username)).isEmpty();
        cognito.deleteUser(username);
    }

    @Test
    void aRepairThatDoesNotFitItsEntry_isRefused() {
        assertThat(api.post("/admins/reconciliation/repair",
                Map.of("entry", "orphan-record", "id", UUID.randomUUID().toString(), "action", "retry"), token)
                .problemType()).isEqualTo("invalid-request");
        assertThat(api.post("/admins/reconciliation/repair",
                Map.of("entry", "stuck-request", "id", "not-a-uuid", "action", "retry"), token).status())
                .isEqualTo(400);
        assertThat(api.post("/admins/reconciliation/repair",
                Map.of("entry", "nonsense", "id", "x", "action", "retry"), token).status()).isEqualTo(400);
        assertThat(api.post("/admins/reconciliation/repair",
                Map.of("entry", "stuck-request", "id", UUID.randomUUID().toString(), "action", "retry"), token)
                .problemType()).isEqualTo("drift-not-found");
    }

    @Test
    void theRunAction_finishesWhatACrashLeft_andSaysWhatItDid() {
        String email = unique("crashed");
        // The state a process killed right after AdminCreateUser leaves behind.
        JournalEntry crashed = requests.saveAndFlush(started(email,
                records.findByEmail(AdminApi.BOOTSTRAP_EMAIL).orElseThrow().id()));
        CognitoUser created = cognito.createAdminUser(email, "Temporary-Pass-1!");

        AdminApi.Reply run = api.post("/admins/reconciliation/run", null, token);

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().get("completed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(requests.findById(crashed.getId()).orElseThrow().getState()).isEqualTo(OperationState.COMPLETED);
        AdminAccount admin = records.findByEmail(email).orElseThrow();
        assertThat(admin.cognitoUsername()).isEqualTo(created.username());
        assertThat(admin.invitedBy()).isEqualTo(AdminApi.BOOTSTRAP_EMAIL);
        assertThat(api.get("/admins/" + admin.id(), token).status()).isEqualTo(200);
        assertThat(outbox.to(email)).hasSize(1); // the invitation went out once, with the create
    }

    @Test
    void theReport_namesAnAdminActiveHereButDisabledInCognito_andOneDisabledHereThatCanStillSignIn() {
        AdminAccount active = records.createActiveAdminRecords(unique("active-here"),
                ghost(unique("active-here-user")).username(), null);
        cognito.disableUser(active.cognitoUsername());
        String leaverEmail = unique("disabled-here");
        String leaverId = api.createAdmin(token, leaverEmail, null).body().path("id").asString();
        jdbc.update("UPDATE users SET status = 'DISABLED' WHERE id = ?", UUID.fromString(leaverId));

        AdminApi.Reply report = api.get("/admins/reconciliation", token);

        assertThat(report.body().get("orphanRecords")).anySatisfy(entry -> {
            assertThat(entry.get("userId").asString()).isEqualTo(active.id().toString());
            assertThat(entry.get("reason").asString()).isEqualTo("cognito-user-disabled");
        }).anySatisfy(entry -> {
            assertThat(entry.get("userId").asString()).isEqualTo(leaverId);
            assertThat(entry.get("reason").asString()).isEqualTo("can-still-sign-in");
        });

        AdminApi.Reply wrongFix = api.post("/admins/reconciliation/repair",
                Map.of("entry", "orphan-record", "id", leaverId, "action", "enable-cognito-user"), token);
        AdminApi.Reply fixed = api.post("/admins/reconciliation/repair",
                Map.of("entry", "orphan-record", "id", leaverId, "action", "disable-cognito-user"), token);

        assertThat(wrongFix.problemType()).isEqualTo("invalid-request");
        assertThat(fixed.status()).as(fixed.raw()).isEqualTo(200);
        String username = records.findById(UUID.fromString(leaverId)).orElseThrow().cognitoUsername();
        assertThat(cognito.findUser(username).orElseThrow().enabled()).isFalse();
        assertThat(values(api.get("/admins/reconciliation", token).body().get("orphanRecords"), "userId"))
                .doesNotContain(leaverId);
    }

    @Test
    void theReport_readsEachPageOfTheAdminGroupOnce_andAsksCognitoNothingPerHealthyAdmin() {
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            usernames.add(api.createAdmin(token, unique("healthy" + i), null).body().path("cognitoUsername").asString());
        }
        org.mockito.Mockito.clearInvocations(cognito);

        assertThat(api.get("/admins/reconciliation", token).status()).isEqualTo(200);

        usernames.forEach(username -> verify(cognito, org.mockito.Mockito.never()).findUser(username));
        verify(cognito, org.mockito.Mockito.never()).isInAdminGroup(any());
    }
}
