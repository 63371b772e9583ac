package org.adminprovisioning.provisioning;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.adminprovisioning.testsupport.SliceRequests.admin;
import static org.adminprovisioning.testsupport.SliceRequests.nonAdmin;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.admin.InvalidEmailException;
import org.adminprovisioning.auth.SecuritySliceConfiguration;
import org.adminprovisioning.cognito.CognitoThrottledException;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.CognitoUserNotFoundException;
import org.adminprovisioning.cognito.CognitoUserStatus;
import org.adminprovisioning.cognito.InvalidInviteException;
import org.adminprovisioning.web.ProblemType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The operations over HTTP, the operations mocked: every status and problem type of {@code POST /admins},
 * {@code POST /admins/resend-invite}, {@code POST /admins/{id}/disable}, {@code /enable} and
 * {@code DELETE /admins/{id}}.
 */
@WebMvcTest(AdminOperationsController.class)
@Import(SecuritySliceConfiguration.class)
class AdminOperationsControllerTests {

    private static final Instant CREATED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final AdminResponse CREATED = new AdminResponse(
            UUID.fromString("6f1d3c2b-9a8e-4d7f-b6c5-a4b3c2d1e0f9"), "new.admin@example.com",
            "0b6c1a52-6a1f-4b7e-9d0c-3f1e2a4b5c6d", AdminStatus.INVITED, "admin@example.com",
            CREATED_AT.plusSeconds(7 * 24 * 3600), false, CREATED_AT, null);

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ProvisionAdmin provisioning;

    @MockitoBean
    private ResendInvite resends;

    @MockitoBean
    private DisableAdmin disables;

    @MockitoBean
    private EnableAdmin enables;

    @MockitoBean
    private OffboardAdmin offboards;

    /** The token converter reads the caller's {@code User}; slices authenticate with {@code jwt()} instead. */
    @MockitoBean
    private AdminRecords records;

    private static MockHttpServletRequestBuilder createAdmin(String body) {
        return post("/admins").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder resendInvite(String body) {
        return post("/admins/resend-invite").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static void isProblem(ResultActions result, ProblemType type) throws Exception {
        result.andExpect(status().is(type.status().value()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + type.slug()))
                .andExpect(jsonPath("$.title").value(type.title()))
                .andExpect(jsonPath("$.status").value(type.status().value()))
                .andExpect(jsonPath("$.detail").isString());
    }

    @Nested
    class CreateAdmin {

        @Test
        void post_answers201WithLocationAndTheNewAdmin() throws Exception {
            when(provisioning.provisionNewAdmin("New.Admin@example.com", null)).thenReturn(CREATED);

            mvc.perform(createAdmin("{\"email\":\"New.Admin@example.com\"}").with(admin()))
                    .andExpect(status().isCreated())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/admins/" + CREATED.id()))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.id").value(CREATED.id().toString()))
                    .andExpect(jsonPath("$.email").value("new.admin@example.com"))
                    .andExpect(jsonPath("$.cognitoUsername").value(CREATED.cognitoUsername()))
                    .andExpect(jsonPath("$.status").value("INVITED"))
                    .andExpect(jsonPath("$.invitedBy").value("admin@example.com"))
                    .andExpect(jsonPath("$.inviteExpiresAt").value("2026-03-08T10:00:00Z"))
                    .andExpect(jsonPath("$.createdAt").value("2026-03-01T10:00:00Z"))
                    .andExpect(jsonPath("$", not(containsString("assword"))));
        }

        @Test
        void post_passesTheIdempotencyKeyTrimmed_andABlankKeyAsNone() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any())).thenReturn(CREATED);

            mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").header("Idempotency-Key", " key-1 ")
                    .with(admin())).andExpect(status().isCreated());
            mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").header("Idempotency-Key", "  ")
                    .with(admin())).andExpect(status().isCreated());

            verify(provisioning).provisionNewAdmin("new.admin@example.com", "key-1");
            verify(provisioning).provisionNewAdmin("new.admin@example.com", null);
        }

        @Test
        void post_answers400InvalidEmail_whenTheServiceRefusesTheAddress() throws Exception {
            when(provisioning.provisionNewAdmin("not-an-email", null))
                    .thenThrow(new InvalidEmailException("'not-an-email' is not a valid email address"));

            isProblem(mvc.perform(createAdmin("{\"email\":\"not-an-email\"}").with(admin())), ProblemType.INVALID_EMAIL);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"email\":\"\"}", "{\"email\":\"   \"}", "{\"email\":null}"})
        void post_answers400InvalidEmail_whenTheEmailIsMissing(String body) throws Exception {
            isProblem(mvc.perform(createAdmin(body).with(admin())), ProblemType.INVALID_EMAIL);
            verifyNoInteractions(provisioning);
        }

        @Test
        void post_answers400InvalidRequest_whenTheBodyIsNotJson() throws Exception {
            isProblem(mvc.perform(createAdmin("{\"email\":").with(admin())), ProblemType.INVALID_REQUEST);
            verifyNoInteractions(provisioning);
        }

        @Test
        void post_answers400InvalidRequest_whenTheIdempotencyKeyIsTooLong() throws Exception {
            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}")
                    .header("Idempotency-Key", "k".repeat(256)).with(admin())), ProblemType.INVALID_REQUEST);
            verifyNoInteractions(provisioning);
        }

        @Test
        void post_answers415_forAnotherContentType() throws Exception {
            isProblem(mvc.perform(post("/admins").contentType(MediaType.TEXT_PLAIN).content("new.admin@example.com")
                    .with(admin())), ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }

        @Test
        void post_answers401WithABearerChallenge_withoutAToken() throws Exception {
            ResultActions result = mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}"));

            isProblem(result, ProblemType.UNAUTHORIZED);
            result.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
            verifyNoInteractions(provisioning);
        }

        @Test
        void post_answers401_withATokenTheDecoderRejects() throws Exception {
            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")),
                    ProblemType.UNAUTHORIZED);
            verifyNoInteractions(provisioning);
        }

        @Test
        void post_answers403_forAValidTokenOfANonAdmin() throws Exception {
            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(nonAdmin())),
                    ProblemType.FORBIDDEN);
            verifyNoInteractions(provisioning);
        }

        @Test
        void post_answers409AdminExists() throws Exception {
            when(provisioning.provisionNewAdmin(any(), isNull()))
                    .thenThrow(new OperationFailedException(FailureReason.ADMIN_EXISTS, "An admin with email new.admin@example.com already exists"));

            isProblem(mvc.perform(createAdmin("{\"email\":\"NEW.admin@example.com\"}").with(admin())),
                    ProblemType.ADMIN_EXISTS);
        }

        @Test
        void post_answers422_whenTheIdempotencyKeyWasUsedForAnotherEmail() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any()))
                    .thenThrow(new OperationFailedException(FailureReason.KEY_REUSED, "This Idempotency-Key was used for a different request"));

            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").header("Idempotency-Key", "k1")
                    .with(admin())), ProblemType.IDEMPOTENCY_KEY_REUSED);
        }

        @Test
        void post_answers409InProgress_whileTheKeysFirstRequestRuns() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any()))
                    .thenThrow(new OperationFailedException(FailureReason.KEY_IN_PROGRESS, "still being processed"));

            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").header("Idempotency-Key", "k1")
                    .with(admin())), ProblemType.PROVISIONING_IN_PROGRESS);
        }

        @Test
        void post_replaysTheFirstProblem_forTheKeyOfAFailedRequest() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any()))
                    .thenThrow(new OperationFailedException(FailureReason.ROLLED_BACK, "rolled back"));

            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").header("Idempotency-Key", "k1")
                    .with(admin())), ProblemType.PROVISIONING_ROLLED_BACK);
        }

        @Test
        void post_answers400InvalidInvite_whenCognitoRefusesTheInvitation() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any()))
                    .thenThrow(new InvalidInviteException("Cognito refused the invitation", null));

            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(admin())),
                    ProblemType.INVALID_INVITE);
        }

        @Test
        void post_answers503CognitoUnavailableWithRetryAfter_andHidesCognitosMessage() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any()))
                    .thenThrow(new CognitoUnavailableException("AdminCreateUser failed: internal host 10.0.0.7", null));

            ResultActions result = mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(admin()));

            isProblem(result, ProblemType.COGNITO_UNAVAILABLE);
            result.andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                    .andExpect(jsonPath("$.detail", not(containsString("10.0.0.7"))));
        }

        @Test
        void post_answers503RolledBack_sayingNothingWasCreated() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any())).thenThrow(new OperationFailedException(FailureReason.ROLLED_BACK,
                    "The admin could not be saved, so the Cognito user was deleted again: nothing was created."));

            ResultActions result = mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(admin()));

            isProblem(result, ProblemType.PROVISIONING_ROLLED_BACK);
            result.andExpect(jsonPath("$.detail", containsString("nothing was created")));
        }

        @Test
        void post_answers503DatabaseUnavailable_whenTheJournalCannotBeReached() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any()))
                    .thenThrow(new DataAccessResourceFailureException("connection refused"));

            ResultActions result = mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(admin()));

            isProblem(result, ProblemType.DATABASE_UNAVAILABLE);
            result.andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.detail", not(containsString("connection refused"))));
        }

        @Test
        void post_answers503ProvisioningInterrupted_whenTheSagaCouldNotRecordItsCleanUp() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any())).thenThrow(new OperationFailedException(FailureReason.INTERRUPTED,
                    "finished or undone by the reconciler", new IllegalStateException("database down")));

            isProblem(mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(admin())),
                    ProblemType.PROVISIONING_INTERRUPTED);
        }

        @Test
        void post_answers500WithoutDetails_forAnUnexpectedError() throws Exception {
            when(provisioning.provisionNewAdmin(any(), any())).thenThrow(new IllegalStateException("secret internals"));

            ResultActions result = mvc.perform(createAdmin("{\"email\":\"new.admin@example.com\"}").with(admin()));

            isProblem(result, ProblemType.INTERNAL_ERROR);
            result.andExpect(jsonPath("$.detail", not(containsString("secret internals"))));
        }
    }

    @Nested
    class ResendingAnInvitation {

        @Test
        void resend_answers202WithTheEmailCognitoStatusAndTime() throws Exception {
            when(resends.resendAdminInvite("new.admin@example.com")).thenReturn(new InviteResent(
                    "new.admin@example.com", CognitoUserStatus.FORCE_CHANGE_PASSWORD, CREATED_AT));

            mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}").with(admin()))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$", aMapWithSize(3)))
                    .andExpect(jsonPath("$.email").value("new.admin@example.com"))
                    .andExpect(jsonPath("$.cognitoStatus").value("FORCE_CHANGE_PASSWORD"))
                    .andExpect(jsonPath("$.resentAt").value("2026-03-01T10:00:00Z"));
        }

        @Test
        void resend_answers404_forAnUnknownAdmin() throws Exception {
            when(resends.resendAdminInvite(any())).thenThrow(new OperationFailedException(FailureReason.ADMIN_NOT_FOUND, "No admin with email x"));

            isProblem(mvc.perform(resendInvite("{\"email\":\"nobody@example.com\"}").with(admin())),
                    ProblemType.ADMIN_NOT_FOUND);
        }

        @Test
        void resend_answers404_whenTheAdminsCognitoUserIsGone() throws Exception {
            when(resends.resendAdminInvite(any()))
                    .thenThrow(new CognitoUserNotFoundException("AdminCreateUser failed: User does not exist.", null));

            isProblem(mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}").with(admin())),
                    ProblemType.ADMIN_NOT_FOUND);
        }

        @Test
        void resend_answers409_forAnActiveAdmin() throws Exception {
            when(resends.resendAdminInvite(any())).thenThrow(new OperationFailedException(FailureReason.ALREADY_ACTIVE, "is ACTIVE"));

            isProblem(mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}").with(admin())),
                    ProblemType.ADMIN_ALREADY_ACTIVE);
        }

        @Test
        void resend_answers429_whenResentTooOften() throws Exception {
            when(resends.resendAdminInvite(any())).thenThrow(new OperationFailedException(FailureReason.TOO_MANY_INVITES, "5 times"));

            isProblem(mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}").with(admin())),
                    ProblemType.TOO_MANY_INVITES);
        }

        @Test
        void resend_answers503_whenCognitoThrottles() throws Exception {
            when(resends.resendAdminInvite(any()))
                    .thenThrow(new CognitoThrottledException("TooManyRequestsException", null));

            isProblem(mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}").with(admin())),
                    ProblemType.COGNITO_UNAVAILABLE);
        }

        @Test
        void resend_answers400InvalidEmail() throws Exception {
            when(resends.resendAdminInvite("x")).thenThrow(new InvalidEmailException("'x' is not valid"));

            isProblem(mvc.perform(resendInvite("{\"email\":\"x\"}").with(admin())), ProblemType.INVALID_EMAIL);
            isProblem(mvc.perform(resendInvite("{}").with(admin())), ProblemType.INVALID_EMAIL);
        }

        @Test
        void resend_answers401WithoutAToken_and403ForANonAdmin() throws Exception {
            isProblem(mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}")), ProblemType.UNAUTHORIZED);
            isProblem(mvc.perform(resendInvite("{\"email\":\"new.admin@example.com\"}").with(nonAdmin())),
                    ProblemType.FORBIDDEN);
            verifyNoInteractions(resends);
        }
    }

    @Nested
    class DisableEnableOffboard {

        private final UUID id = CREATED.id();

        @Test
        void disable_answers200WithTheDisabledAdmin_and202WhileCognitosPartIsPending() throws Exception {
            AdminResponse disabled = withStatus(AdminStatus.DISABLED);
            when(disables.disable(id, null)).thenReturn(new OperationOutcome.Done(disabled));
            when(disables.disable(id, "k1")).thenReturn(new OperationOutcome.Pending(disabled));

            mvc.perform(post("/admins/" + id + "/disable").with(admin()))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DISABLED"));
            mvc.perform(post("/admins/" + id + "/disable").header("Idempotency-Key", "k1").with(admin()))
                    .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("DISABLED"));
        }

        @Test
        void enable_answers200_alsoWhenNothingNeededChanging() throws Exception {
            when(enables.enable(id, null)).thenReturn(new OperationOutcome.Unchanged(withStatus(AdminStatus.ACTIVE)));

            mvc.perform(post("/admins/" + id + "/enable").with(admin()))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        }

        @Test
        void offboard_answers204WithoutABody_and202WithTheAdminWhileCognitosDeleteIsPending() throws Exception {
            when(offboards.offboard(id, null)).thenReturn(new OperationOutcome.Done(withStatus(AdminStatus.OFFBOARDED)));
            when(offboards.offboard(id, "k1")).thenReturn(new OperationOutcome.Pending(withStatus(AdminStatus.OFFBOARDED)));

            mvc.perform(delete("/admins/" + id).with(admin()))
                    .andExpect(status().isNoContent()).andExpect(content().string(""));
            mvc.perform(delete("/admins/" + id).header("Idempotency-Key", "k1").with(admin()))
                    .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("OFFBOARDED"));
        }

        @Test
        void theGuards_answerTheirOwnProblems() throws Exception {
            when(disables.disable(eq(id), any())).thenThrow(new OperationFailedException(
                    FailureReason.CANNOT_CHANGE_SELF, "An admin cannot disable itself"));
            when(offboards.offboard(eq(id), any())).thenThrow(new OperationFailedException(
                    FailureReason.LAST_ACTIVE_ADMIN, "the last ACTIVE admin"));
            when(enables.enable(eq(id), any())).thenThrow(new OperationFailedException(
                    FailureReason.OPERATION_IN_PROGRESS, "Another change is still being finished"));

            isProblem(mvc.perform(post("/admins/" + id + "/disable").with(admin())), ProblemType.CANNOT_CHANGE_SELF);
            isProblem(mvc.perform(delete("/admins/" + id).with(admin())), ProblemType.LAST_ACTIVE_ADMIN);
            ResultActions busy = mvc.perform(post("/admins/" + id + "/enable").with(admin()));
            isProblem(busy, ProblemType.OPERATION_IN_PROGRESS);
            busy.andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
        }

        @Test
        void anUnknownAdmin_is404_andAnIdThatIsNoUuid_is400() throws Exception {
            when(disables.disable(eq(id), any())).thenThrow(new OperationFailedException(
                    FailureReason.ADMIN_NOT_FOUND, "No admin with id " + id));

            isProblem(mvc.perform(post("/admins/" + id + "/disable").with(admin())), ProblemType.ADMIN_NOT_FOUND);
            isProblem(mvc.perform(post("/admins/not-a-uuid/disable").with(admin())), ProblemType.INVALID_REQUEST);
            isProblem(mvc.perform(delete("/admins/not-a-uuid").with(admin())), ProblemType.INVALID_REQUEST);
        }

        @Test
        void everyChange_needsAnAdmin() throws Exception {
            isProblem(mvc.perform(post("/admins/" + id + "/disable")), ProblemType.UNAUTHORIZED);
            isProblem(mvc.perform(post("/admins/" + id + "/enable").with(nonAdmin())), ProblemType.FORBIDDEN);
            isProblem(mvc.perform(delete("/admins/" + id).with(nonAdmin())), ProblemType.FORBIDDEN);
            verifyNoInteractions(disables, enables, offboards);
        }

        private AdminResponse withStatus(AdminStatus status) {
            return new AdminResponse(CREATED.id(), CREATED.email(), CREATED.cognitoUsername(), status,
                    CREATED.invitedBy(), null, false, CREATED.createdAt(), null);
        }
    }

    @Test
    void preflight_getsNoCorsHeaders_whenNoOriginIsConfigured() throws Exception {
        mvc.perform(options("/admins").header(HttpHeaders.ORIGIN, "https://app.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type"))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }
}
