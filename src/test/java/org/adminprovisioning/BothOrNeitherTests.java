package org.adminprovisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import java.util.Map;

import javax.sql.DataSource;

import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MvcResult;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Both or neither, end to end: whatever fails, the admin exists in the pool and in the database, or in
 * neither, and the journal says which way it went.
 */
class BothOrNeitherTests extends EndToEndTestSupport {

    @Autowired
    private DataSource dataSource;

    private void isProblem(MvcResult result, int status, String slug) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(body(result).path("type").asString()).isEqualTo(PROBLEM + slug);
    }

    private void existsInNeither(String email) {
        assertThat(cognito.findUser(email)).as("Cognito user %s", email).isEmpty();
        assertThat(usersWithEmail(email)).as("users rows").isZero();
        assertThat(adminInfosOf(email)).as("admin_info rows").isZero();
    }

    private void existsInBoth(String email) {
        assertThat(cognito.findUser(email)).as("Cognito user %s", email).isPresent();
        assertThat(usersWithEmail(email)).as("users rows").isEqualTo(1);
        assertThat(adminInfosOf(email)).as("admin_info rows").isEqualTo(1);
    }

    @Test
    void theDatabaseWriteFailingAfterCognitoSucceeded_leavesNoCognitoUserAndNoRows_andTheJournalRolledBack()
            throws Exception {
        String email = uniqueEmail("db-fails");
        String token = bootstrapToken();
        int poolSize = userPool.size();
        doThrow(new DataAccessResourceFailureException("Connection is not available, request timed out"))
                .when(records).createAdminDatabaseRecords(eq(email), any(), any(), any());

        MvcResult result = createAdmin(token, email);

        isProblem(result, 503, "provisioning-rolled-back");
        assertThat(body(result).path("detail").asString()).contains("nothing was created");
        existsInNeither(email);
        assertThat(userPool.size()).isEqualTo(poolSize);
        assertThat(journalStatesOf(email)).containsExactly("ROLLED_BACK");
        assertThat(rows("SELECT COUNT(*) FROM admin_operations WHERE email = ? AND active_email IS NULL", email))
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterARollback_succeeds() throws Exception {
        String email = uniqueEmail("retry");
        String token = bootstrapToken();
        doThrow(new DataAccessResourceFailureException("database unavailable")).when(records)
                .createAdminDatabaseRecords(eq(email), any(), any(), any());
        isProblem(createAdmin(token, email), 503, "provisioning-rolled-back");
        org.mockito.Mockito.reset(records);

        invite(token, email);

        existsInBoth(email);
        assertThat(journalStatesOf(email)).containsExactly("ROLLED_BACK", "COMPLETED");
    }

    @Test
    void addingToTheAdminGroupFailing_deletesTheCognitoUser_andLeavesNoRows() throws Exception {
        String email = uniqueEmail("group-fails");
        String token = bootstrapToken();
        doAnswer(invocation -> {
            throw new CognitoUnavailableException("AdminAddUserToGroup failed: InternalErrorException (500)", null);
        }).when(cognito).addToAdminGroup(anyString());

        isProblem(createAdmin(token, email), 503, "provisioning-rolled-back");

        existsInNeither(email);
        assertThat(journalStatesOf(email)).containsExactly("ROLLED_BACK");
    }

    @Test
    void cognitoFailing_leavesNoRows_andTheRequestUnfinishedForTheReconciler() throws Exception {
        String email = uniqueEmail("cognito-down");
        String token = bootstrapToken();
        doThrow(new CognitoUnavailableException("AdminCreateUser failed: client error: connect timed out", null))
                .when(cognito).createAdminUser(eq(email), anyString());

        MvcResult result = createAdmin(token, email);

        isProblem(result, 503, "cognito-unavailable");
        assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("5");
        existsInNeither(email);
        // The outcome of a failed create is unknown until nothing can be in flight any more: the
        // reconciler ends the request once it is stale (ReconcilerTests, FaultMatrixTests).
        assertThat(journalStatesOf(email)).containsExactly("STARTED");
        assertThat(invitationsTo(email)).isEmpty();
    }

    @Test
    void cognitoTimingOutAfterCreatingTheUser_carriesOnToBothRecords() throws Exception {
        String email = uniqueEmail("timeout-after-create");
        String token = bootstrapToken();
        doAnswer(invocation -> {
            invocation.callRealMethod();
            throw new CognitoUnavailableException("AdminCreateUser failed: ApiCallTimeoutException", null);
        }).when(cognito).createAdminUser(eq(email), anyString());

        JsonAssertions.hasStatus(invite(token, email), "INVITED");

        existsInBoth(email);
        assertThat(journalStatesOf(email)).containsExactly("COMPLETED");
        assertThat(invitationsTo(email)).hasSize(1);
    }

    @Test
    void theCompensationFailingToo_leavesTheRequestCompensatingForTheReconciler_andNoRows() throws Exception {
        String email = uniqueEmail("delete-fails");
        String token = bootstrapToken();
        doThrow(new DataAccessResourceFailureException("database unavailable")).when(records)
                .createAdminDatabaseRecords(eq(email), any(), any(), any());
        doThrow(new CognitoUnavailableException("AdminDeleteUser failed: connect timed out", null)).when(cognito)
                .deleteUser(anyString());

        isProblem(createAdmin(token, email), 503, "cognito-unavailable");

        assertThat(usersWithEmail(email)).isZero();
        assertThat(journalStatesOf(email)).containsExactly("COMPENSATING");
        assertThat(rows("SELECT COUNT(*) FROM admin_operations WHERE email = ? AND cognito_username IS NOT NULL "
                + "AND last_error IS NOT NULL AND active_email = email", email)).isEqualTo(1);
        // The reconciler (a later issue) deletes this user; until then the email stays reserved.
        org.mockito.Mockito.reset(records, cognito);
        isProblem(createAdmin(token, email), 409, "admin-exists");
    }

    @Test
    void aDuplicateEmailInAnyLetterCase_is409WithNothingWritten() throws Exception {
        String email = uniqueEmail("dup");
        String token = bootstrapToken();
        invite(token, email);
        int poolSize = userPool.size();
        long requests = rows("SELECT COUNT(*) FROM admin_operations");
        long users = rows("SELECT COUNT(*) FROM users");

        for (String variant : new String[] {email, email.toUpperCase(), "  " + Character.toUpperCase(email.charAt(0))
                + email.substring(1) + " ", BOOTSTRAP_EMAIL.toUpperCase()}) {
            isProblem(createAdmin(token, variant), 409, "admin-exists");
        }

        assertThat(userPool.size()).isEqualTo(poolSize);
        assertThat(rows("SELECT COUNT(*) FROM admin_operations")).isEqualTo(requests);
        assertThat(rows("SELECT COUNT(*) FROM users")).isEqualTo(users);
        assertThat(invitationsTo(email)).hasSize(1);
    }

    @Test
    void anEmailThatOnlyCognitoKnows_is409_withNoRowsAndTheJournalFailed() throws Exception {
        String email = uniqueEmail("cognito-only");
        userPool.createConfirmedAdmin(email, CHOSEN_PASSWORD);

        isProblem(createAdmin(bootstrapToken(), email.toUpperCase()), 409, "admin-exists");

        assertThat(usersWithEmail(email)).isZero();
        assertThat(journalStatesOf(email)).containsExactly("FAILED");
        assertThat(cognito.findUser(email)).isPresent();
    }

    @Test
    void anInvalidEmail_is400WithNothingWritten() throws Exception {
        long requests = rows("SELECT COUNT(*) FROM admin_operations");
        int poolSize = userPool.size();

        for (String bad : new String[] {"not-an-email", "two@@example.com", "", "   "}) {
            isProblem(createAdmin(bootstrapToken(), bad), 400, "invalid-email");
        }
        isProblem(perform(postJson("/admins", bootstrapToken(), Map.of())), 400, "invalid-email");

        assertThat(rows("SELECT COUNT(*) FROM admin_operations")).isEqualTo(requests);
        assertThat(userPool.size()).isEqualTo(poolSize);
    }

    @Test
    void theSameIdempotencyKey_replaysTheFirstAnswer_andAnotherEmailWithIt_is422() throws Exception {
        String email = uniqueEmail("idempotent");
        String key = "key-" + email;
        String token = bootstrapToken();

        MvcResult first = perform(postJson("/admins", token, Map.of("email", email)).header("Idempotency-Key", key));
        MvcResult replay = perform(postJson("/admins", token, Map.of("email", email.toUpperCase()))
                .header("Idempotency-Key", key));
        MvcResult reused = perform(postJson("/admins", token, Map.of("email", uniqueEmail("other")))
                .header("Idempotency-Key", key));

        assertThat(first.getResponse().getStatus()).isEqualTo(201);
        assertThat(replay.getResponse().getStatus()).isEqualTo(201);
        assertThat(body(replay)).isEqualTo(body(first));
        assertThat(replay.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"));
        isProblem(reused, 422, "idempotency-key-reused");
        assertThat(invitationsTo(email)).hasSize(1);
        assertThat(journalStatesOf(email)).containsExactly("COMPLETED");
    }

    /**
     * Regression: with H2 2.4.240 every CHECK (x IN (...)) failed once the connection that ran the
     * migration was closed, which the pool does when it retires a connection (30 minutes by default).
     */
    @Test
    void provisioning_stillWorks_afterThePoolReplacedTheConnectionThatRanTheMigrations() throws Exception {
        String token = bootstrapToken();
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        hikari.getHikariPoolMXBean().softEvictConnections();

        String email = uniqueEmail("after-eviction");
        invite(token, email);

        existsInBoth(email);
    }

    /** Small JSON assertions shared by the flows here. */
    static final class JsonAssertions {

        private JsonAssertions() {
        }

        static void hasStatus(tools.jackson.databind.JsonNode admin, String status) {
            assertThat(admin.path("status").asString()).isEqualTo(status);
        }
    }
}
