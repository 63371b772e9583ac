package org.adminprovisioning.admin;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.adminprovisioning.testsupport.SliceRequests.admin;
import static org.adminprovisioning.testsupport.SliceRequests.nonAdmin;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.auth.SecuritySliceConfiguration;
import org.adminprovisioning.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code GET /admins} and {@code GET /admins/{id}}: every row of DESIGN §5 for them. */
@WebMvcTest(AdminQueryController.class)
@Import(SecuritySliceConfiguration.class)
class AdminQueryControllerTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AdminAccount BOOTSTRAP = new AdminAccount(UUID.randomUUID(), "admin@example.com",
            "11111111-1111-4111-8111-111111111111", "sub-1", AdminStatus.ACTIVE, null, T0, T0, null, 0, null, T0);
    private static final AdminAccount INVITED = new AdminAccount(UUID.randomUUID(), "new.admin@example.com",
            "22222222-2222-4222-8222-222222222222", "sub-2", AdminStatus.INVITED, "admin@example.com",
            T0.plusSeconds(60), null, T0.plusSeconds(60), 1, Instant.parse("2026-03-08T10:01:00Z"), T0.plusSeconds(60));
    private static final AdminAccount DISABLED = new AdminAccount(UUID.randomUUID(), "gone@example.com",
            "33333333-3333-4333-8333-333333333333", "sub-3", AdminStatus.DISABLED, "admin@example.com",
            T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(120), 1, null, T0.plusSeconds(120));

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AdminRecords records;

    private static void isProblem(ResultActions result, ProblemType type) throws Exception {
        result.andExpect(status().is(type.status().value()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + type.slug()))
                .andExpect(jsonPath("$.title").value(type.title()))
                .andExpect(jsonPath("$.status").value(type.status().value()));
    }

    @Test
    void list_answers200WithEveryAdminAndItsStatus() throws Exception {
        when(records.findAll()).thenReturn(List.of(BOOTSTRAP, INVITED, DISABLED));

        mvc.perform(get("/admins").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[*].status").value(org.hamcrest.Matchers.contains("ACTIVE", "INVITED", "DISABLED")))
                .andExpect(jsonPath("$[0].id").value(BOOTSTRAP.id().toString()))
                .andExpect(jsonPath("$[0].invitedBy").doesNotExist())
                .andExpect(jsonPath("$[1].email").value("new.admin@example.com"))
                .andExpect(jsonPath("$[1].cognitoUsername").value(INVITED.cognitoUsername()))
                .andExpect(jsonPath("$[1].invitedBy").value("admin@example.com"))
                .andExpect(jsonPath("$[1].inviteExpiresAt").value("2026-03-08T10:01:00Z"))
                .andExpect(jsonPath("$[1].createdAt").value("2026-03-01T10:01:00Z"))
                .andExpect(jsonPath("$[*].cognitoSub").doesNotExist());
    }

    @Test
    void list_answers200WithAnEmptyList_whenThereAreNoAdmins() throws Exception {
        when(records.findAll()).thenReturn(List.of());

        mvc.perform(get("/admins").with(admin())).andExpect(status().isOk()).andExpect(content().json("[]"));
    }

    @Test
    void one_answers200WithTheAdmin() throws Exception {
        when(records.findById(INVITED.id())).thenReturn(Optional.of(INVITED));

        mvc.perform(get("/admins/{id}", INVITED.id()).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(INVITED.id().toString()))
                .andExpect(jsonPath("$.email").value("new.admin@example.com"))
                .andExpect(jsonPath("$.status").value("INVITED"));
    }

    @Test
    void one_answers404AdminNotFound_forAnUnknownId() throws Exception {
        UUID unknown = UUID.randomUUID();
        when(records.findById(unknown)).thenReturn(Optional.empty());

        isProblem(mvc.perform(get("/admins/{id}", unknown).with(admin())), ProblemType.ADMIN_NOT_FOUND);
    }

    @Test
    void one_answers400InvalidRequest_forAnIdThatIsNoUuid() throws Exception {
        isProblem(mvc.perform(get("/admins/{id}", "not-a-uuid").with(admin())), ProblemType.INVALID_REQUEST);
    }

    @Test
    void anUnknownPath_answers404NotFound_asAProblem() throws Exception {
        isProblem(mvc.perform(get("/admins/{id}/roles", UUID.randomUUID()).with(admin())), ProblemType.NOT_FOUND);
    }

    @Test
    void delete_answers405MethodNotAllowed() throws Exception {
        isProblem(mvc.perform(delete("/admins/{id}", UUID.randomUUID()).with(admin())), ProblemType.METHOD_NOT_ALLOWED);
    }

    @Test
    void listAndOne_answer401WithoutAToken() throws Exception {
        isProblem(mvc.perform(get("/admins")), ProblemType.UNAUTHORIZED);
        isProblem(mvc.perform(get("/admins/{id}", INVITED.id())), ProblemType.UNAUTHORIZED);
        verifyNoInteractions(records);
    }

    @Test
    void listAndOne_answer403ForANonAdmin() throws Exception {
        isProblem(mvc.perform(get("/admins").with(nonAdmin())), ProblemType.FORBIDDEN);
        isProblem(mvc.perform(get("/admins/{id}", INVITED.id()).with(nonAdmin())), ProblemType.FORBIDDEN);
        verifyNoInteractions(records);
    }
}
