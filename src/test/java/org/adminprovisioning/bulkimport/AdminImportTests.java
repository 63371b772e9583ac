package org.adminprovisioning.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.admin.EmailAddress;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.EmailQuotaExceededException;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.provisioning.Actor;
import org.adminprovisioning.provisioning.ProvisionAdmin;
import org.adminprovisioning.provisioning.ProvisionCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admins/import} end to end: every row provisioned through the engine as the importing
 * admin, a bad row never stopping the others, throttles retried, the email quota pausing the import,
 * re-runs creating nothing twice, and an import resumed after its instance died.
 */
class AdminImportTests extends EndToEndTestSupport {

    @Autowired
    ImportStore store;

    @Autowired
    ImportRunner runner;

    @Autowired
    ProvisionAdmin provision;

    private MockHttpServletRequestBuilder csv(String body) {
        return post("/admins/import").contentType("text/csv").content(body.getBytes(StandardCharsets.UTF_8))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private static String file(String... emails) {
        return "email\n" + String.join("\n", emails) + "\n";
    }

    private UUID started(MvcResult result, int total) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(202);
        JsonNode body = body(result);
        assertThat(body.path("total").asInt()).isEqualTo(total);
        UUID id = UUID.fromString(body.path("importId").asString());
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/admins/import/" + id);
        return id;
    }

    private JsonNode status(UUID id, String query) throws Exception {
        MvcResult result = perform(getWith("/admins/import/" + id + query, token));
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return body(result);
    }

    /** Polls the status until the import leaves RUNNING. */
    private JsonNode awaitSettled(UUID id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode status = status(id, "");
        while ("RUNNING".equals(status.path("state").asString()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            status = status(id, "");
        }
        return status;
    }

    private static JsonNode row(JsonNode status, int line) {
        for (JsonNode row : status.path("rows")) {
            if (row.path("line").asInt() == line) {
                return row;
            }
        }
        throw new AssertionError("no row " + line + " in " + status);
    }

    @Test
    void import_provisionsEveryRow_asTheImportingAdmin_andReportsEachRowsOutcome() throws Exception {
        String first = uniqueEmail("import-first");
        String second = uniqueEmail("import-second");
        UUID id = started(perform(csv(file(first, "not-an-email", second.toUpperCase(), BOOTSTRAP_EMAIL, second))), 5);

        JsonNode status = awaitSettled(id);

        assertThat(status.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(status.path("created").asInt()).isEqualTo(2);
        assertThat(status.path("alreadyExisted").asInt()).isEqualTo(2);
        assertThat(status.path("invalid").asInt()).isEqualTo(1);
        assertThat(status.path("failed").asInt()).isZero();
        assertThat(status.path("pending").asInt()).isZero();
        assertThat(row(status, 2).path("outcome").asString()).isEqualTo("CREATED");
        assertThat(row(status, 3).path("outcome").asString()).isEqualTo("INVALID");
        assertThat(row(status, 3).path("problemType").asString()).isEqualTo(PROBLEM + "invalid-email");
        assertThat(row(status, 4).path("email").asString()).isEqualTo(second);
        assertThat(row(status, 5).path("outcome").asString()).isEqualTo("ALREADY_EXISTED");
        assertThat(row(status, 5).path("problemType").asString()).isEqualTo(PROBLEM + "admin-exists");
        assertThat(row(status, 6).path("detail").asString()).isEqualTo("The same email as line 4");
        assertThat(usersWithEmail(first)).isEqualTo(1);
        assertThat(usersWithEmail(second)).isEqualTo(1);
        assertThat(invitationsTo(first)).hasSize(1);
        assertThat(auditOf(first)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo(BOOTSTRAP_EMAIL);
            assertThat(entry.action()).isEqualTo("PROVISION_ADMIN");
        });
    }

    @Test
    void import_skipsABadRow_andProvisionsTheRest() throws Exception {
        String refused = uniqueEmail("import-refused");
        List<String> fine = List.of(uniqueEmail("import-fine"), uniqueEmail("import-fine"), uniqueEmail("import-fine"));
        doThrow(new InvalidInviteException("AdminCreateUser failed: InvalidParameterException (400): bad address", null))
                .when(cognito).createAdminUser(eq(refused), anyString());

        UUID id = started(perform(postJson("/admins/import", token,
                Map.of("emails", List.of(fine.get(0), refused, fine.get(1), fine.get(2))))), 4);
        JsonNode status = awaitSettled(id);

        assertThat(status.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(status.path("created").asInt()).isEqualTo(3);
        assertThat(status.path("failed").asInt()).isEqualTo(1);
        assertThat(row(status, 2).path("problemType").asString()).isEqualTo(PROBLEM + "invalid-invite");
        assertThat(usersWithEmail(refused)).isZero();
        fine.forEach(email -> assertThat(usersWithEmail(email)).isEqualTo(1));
    }

    @Test
    void aThrottledRow_isTriedAgain_andNeverFails() throws Exception {
        String throttled = uniqueEmail("import-throttled");
        CognitoThrottledException tooMany = new CognitoThrottledException(
                "AdminCreateUser failed: TooManyRequestsException (400): Too many requests", null);
        doThrow(tooMany).doThrow(tooMany).doThrow(tooMany).doCallRealMethod()
                .when(cognito).createAdminUser(eq(throttled), anyString());

        UUID id = started(perform(csv(file(throttled))), 1);
        JsonNode status = awaitSettled(id);

        assertThat(status.path("created").asInt()).isEqualTo(1);
        assertThat(row(status, 2).path("outcome").asString()).isEqualTo("CREATED");
        assertThat(usersWithEmail(throttled)).isEqualTo(1);
        assertThat(journalStatesOf(throttled)).containsExactly("FAILED", "FAILED", "FAILED", "COMPLETED");
    }

    @Test
    void cognitosEmailQuota_pausesTheImport_untilItIsResumed() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(uniqueEmail("import-quota"));
        }
        doThrow(new EmailQuotaExceededException("AdminCreateUser failed: LimitExceededException (400): Exceeded "
                + "daily email limit for the operation or the account", null)).doCallRealMethod()
                .when(cognito).createAdminUser(eq(emails.get(0)), anyString());

        UUID id = started(perform(csv(file(emails.toArray(String[]::new)))), 5);
        JsonNode paused = awaitSettled(id);

        assertThat(paused.path("state").asString()).isEqualTo("PAUSED_EMAIL_QUOTA");
        assertThat(paused.path("problemType").asString()).isEqualTo(PROBLEM + "email-quota-exceeded");
        assertThat(paused.path("detail").asString()).contains("Amazon SES", "/resume");
        assertThat(paused.path("pending").asInt()).isPositive();
        assertThat(row(paused, 2).path("outcome").asString()).isEqualTo("PENDING");

        MvcResult resumed = perform(post("/admins/import/" + id + "/resume")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        assertThat(resumed.getResponse().getStatus()).isEqualTo(202);
        JsonNode done = awaitSettled(id);

        assertThat(done.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(done.path("created").asInt()).isEqualTo(5);
        emails.forEach(email -> assertThat(usersWithEmail(email)).isEqualTo(1));
        MvcResult again = perform(post("/admins/import/" + id + "/resume")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(again).path("type").asString()).isEqualTo(PROBLEM + "import-not-paused");
    }

    @Test
    void theSameFileAgain_createsNothingTwice_andTheSameKeyAnswersTheSameImport() throws Exception {
        String a = uniqueEmail("import-rerun");
        String b = uniqueEmail("import-rerun");
        String body = file(a, b);
        UUID first = started(perform(csv(body).header("Idempotency-Key", "rerun-" + a)), 2);
        assertThat(awaitSettled(first).path("created").asInt()).isEqualTo(2);

        UUID sameKey = started(perform(csv(body).header("Idempotency-Key", "rerun-" + a)), 2);
        UUID again = started(perform(csv(body)), 2);
        JsonNode rerun = awaitSettled(again);

        assertThat(sameKey).isEqualTo(first);
        assertThat(again).isNotEqualTo(first);
        assertThat(rerun.path("created").asInt()).isZero();
        assertThat(rerun.path("alreadyExisted").asInt()).isEqualTo(2);
        assertThat(usersWithEmail(a)).isEqualTo(1);
        assertThat(invitationsTo(a)).hasSize(1);
    }

    @Test
    void anImportWhoseInstanceDied_isResumedByAnother_andCreatesNothingTwice() throws Exception {
        // An instance journaled an import, provisioned line 2 (under its row's key) and died before
        // recording it; its lease has expired.
        String provisioned = uniqueEmail("import-crash");
        String notYet = uniqueEmail("import-crash");
        UUID adminId = jdbc.queryForObject("SELECT id FROM users WHERE email = ?", UUID.class, BOOTSTRAP_EMAIL);
        Instant now = Instant.now();
        ImportStore.Job job = new ImportStore.Job(UUID.randomUUID(), adminId, BOOTSTRAP_EMAIL, ImportState.RUNNING, 2,
                now, now, null);
        store.insert(job, null, List.of(new ImportStore.NewRow(2, provisioned, RowOutcome.PENDING, null, null),
                new ImportStore.NewRow(3, notYet, RowOutcome.PENDING, null, null)));
        assertThat(store.claim(job.id(), "dead-instance", now, now.plusSeconds(30))).isTrue();
        provision.provision(new ProvisionCommand(EmailAddress.of(provisioned), new Actor(adminId, BOOTSTRAP_EMAIL),
                RowProvisioner.idempotencyKey(job, new ImportStore.Pending(2, provisioned, 0, 0))));

        runner.resumeUnclaimed();
        assertThat(store.find(job.id()).orElseThrow().state()).as("the dead instance's lease still holds")
                .isEqualTo(ImportState.RUNNING);
        assertThat(store.counts(job.id()).get(RowOutcome.PENDING)).isEqualTo(2);
        jdbc.update("UPDATE admin_imports SET lease_until = ? WHERE id = ?",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1), job.id());

        runner.resumeUnclaimed();
        JsonNode status = awaitSettled(job.id());

        assertThat(status.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(status.path("created").asInt()).isEqualTo(2);
        assertThat(usersWithEmail(provisioned)).isEqualTo(1);
        assertThat(invitationsTo(provisioned)).hasSize(1);
        assertThat(journalStatesOf(provisioned)).containsExactly("COMPLETED");
    }

    @Test
    void rows_arePaged_andFilteredByOutcome() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(i % 2 == 0 ? "bad-" + i : uniqueEmail("import-page"));
        }
        UUID id = started(perform(csv(file(emails.toArray(String[]::new)))), 5);
        awaitSettled(id);

        JsonNode invalid = status(id, "?outcome=INVALID&size=2&page=1");
        assertThat(invalid.path("rows")).hasSize(1);
        assertThat(invalid.path("rows").get(0).path("line").asInt()).isEqualTo(6);
        assertThat(invalid.path("rowsPage").path("totalElements").asInt()).isEqualTo(3);
        assertThat(invalid.path("rowsPage").path("totalPages").asInt()).isEqualTo(2);
        assertThat(status(id, "?size=2").path("rows")).extracting(row -> row.path("line").asInt()).containsExactly(2, 3);
    }

    @Test
    void tooManyRows_anUnreadableFile_anUnknownImport_andNoToken_areProblems() throws Exception {
        StringBuilder big = new StringBuilder("email\n");
        for (int i = 0; i <= 10_000; i++) {
            big.append("u").append(i).append("@example.com\n");
        }
        MvcResult tooMany = perform(csv(big.toString()));
        assertThat(tooMany.getResponse().getStatus()).isEqualTo(413);
        assertThat(body(tooMany).path("type").asString()).isEqualTo(PROBLEM + "import-too-large");
        assertThat(body(tooMany).path("detail").asString()).contains("10001");

        MvcResult noHeader = perform(csv("a@example.com\nb@example.com\n"));
        assertThat(noHeader.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(noHeader).path("type").asString()).isEqualTo(PROBLEM + "invalid-import");

        MvcResult unknown = perform(getWith("/admins/import/" + UUID.randomUUID(), token));
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(body(unknown).path("type").asString()).isEqualTo(PROBLEM + "import-not-found");

        MvcResult anonymous = perform(post("/admins/import").contentType("text/csv").content("email\na@example.com\n"));
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
    }
}
