package org.adminprovisioning.admin;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.adminprovisioning.testsupport.SliceRequests.admin;
import static org.adminprovisioning.testsupport.SliceRequests.nonAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.adminprovisioning.auth.SecuritySliceConfiguration;
import org.adminprovisioning.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code GET /admins} (paged, filtered, sorted) and {@code GET /admins/{id}}: every answer they give. */
@WebMvcTest(AdminQueryController.class)
@Import(SecuritySliceConfiguration.class)
class AdminQueryControllerTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AdminAccount BOOTSTRAP = new AdminAccount(UUID.randomUUID(), "admin@example.com",
            "11111111-1111-4111-8111-111111111111", "sub-1", AdminStatus.ACTIVE, null, T0, T0, null, 0, null, false, T0);
    private static final AdminAccount INVITED = new AdminAccount(UUID.randomUUID(), "new.admin@example.com",
            "22222222-2222-4222-8222-222222222222", "sub-2", AdminStatus.INVITED, "admin@example.com",
            T0.plusSeconds(60), null, T0.plusSeconds(60), 1, Instant.parse("2026-03-08T10:01:00Z"), true,
            T0.plusSeconds(60));
    private static final AdminAccount DISABLED = new AdminAccount(UUID.randomUUID(), "gone@example.com",
            "33333333-3333-4333-8333-333333333333", "sub-3", AdminStatus.DISABLED, "admin@example.com",
            T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(120), 1, null, false, T0.plusSeconds(120));

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
    void list_answersOnePageOfAdmins_asSpringDatasPagedJson() throws Exception {
        when(records.page(eq(EnumSet.of(AdminStatus.INVITED, AdminStatus.ACTIVE, AdminStatus.DISABLED)), eq(""),
                any())).thenReturn(new PageImpl<>(List.of(BOOTSTRAP, INVITED, DISABLED), PageRequest.of(0, 50), 3));

        mvc.perform(get("/admins").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.content", hasSize(3)))
                .andExpect(jsonPath("$.content[*].status").value(org.hamcrest.Matchers.contains("ACTIVE", "INVITED", "DISABLED")))
                .andExpect(jsonPath("$.content[0].id").value(BOOTSTRAP.id().toString()))
                .andExpect(jsonPath("$.content[0].invitedBy").doesNotExist())
                .andExpect(jsonPath("$.content[1].email").value("new.admin@example.com"))
                .andExpect(jsonPath("$.content[1].cognitoUsername").value(INVITED.cognitoUsername()))
                .andExpect(jsonPath("$.content[1].invitedBy").value("admin@example.com"))
                .andExpect(jsonPath("$.content[1].inviteExpiresAt").value("2026-03-08T10:01:00Z"))
                .andExpect(jsonPath("$.content[1].inviteExpired").value(true))
                .andExpect(jsonPath("$.content[1].createdAt").value("2026-03-01T10:01:00Z"))
                .andExpect(jsonPath("$.content[*].cognitoSub").doesNotExist())
                .andExpect(jsonPath("$.page.size").value(50))
                .andExpect(jsonPath("$.page.number").value(0))
                .andExpect(jsonPath("$.page.totalElements").value(3))
                .andExpect(jsonPath("$.page.totalPages").value(1));
    }

    @Test
    void list_passesStatusPrefixPageSizeAndSort_toTheRecords() throws Exception {
        when(records.page(any(), any(), any())).thenReturn(Page.empty());

        mvc.perform(get("/admins").param("status", "DISABLED", "OFFBOARDED").param("q", "ann")
                .param("page", "2").param("size", "200").param("sort", "email,desc").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(0)));

        ArgumentCaptor<Pageable> page = ArgumentCaptor.forClass(Pageable.class);
        verify(records).page(eq(EnumSet.of(AdminStatus.DISABLED, AdminStatus.OFFBOARDED)), eq("ann"), page.capture());
        assertThat(page.getValue().getPageNumber()).isEqualTo(2);
        assertThat(page.getValue().getPageSize()).isEqualTo(200);
        assertThat(page.getValue().getSort().getOrderFor("user.email").getDirection()).isEqualTo(Sort.Direction.DESC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=201", "size=0", "page=-1", "sort=password", "sort=email,sideways", "status=BOSS"})
    void list_answers400InvalidRequest_forParametersOutOfBounds(String parameter) throws Exception {
        String[] pair = parameter.split("=");

        isProblem(mvc.perform(get("/admins").param(pair[0], pair[1]).with(admin())), ProblemType.INVALID_REQUEST);
        verifyNoInteractions(records);
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
    void put_answers405MethodNotAllowed() throws Exception {
        isProblem(mvc.perform(put("/admins/{id}", UUID.randomUUID()).with(admin())), ProblemType.METHOD_NOT_ALLOWED);
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
