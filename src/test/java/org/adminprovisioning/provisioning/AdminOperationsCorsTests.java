package org.adminprovisioning.provisioning;

import static org.adminprovisioning.testsupport.SliceRequests.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.admin.AdminResponse;
import org.adminprovisioning.admin.AdminStatus;
import org.adminprovisioning.auth.SecuritySliceConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** CORS for the web app's frontend on another origin ({@code provisioning.cors.allowed-origins}). */
@WebMvcTest(controllers = AdminOperationsController.class,
        properties = "provisioning.cors.allowed-origins=https://app.example.com, https://admin.example.com")
@Import(SecuritySliceConfiguration.class)
class AdminOperationsCorsTests {

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

    @MockitoBean
    private AdminRecords records;

    private static MockHttpServletRequestBuilder preflight(String path, String origin, String method) {
        return options(path).header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admins", "/admins/resend-invite", "/auth/login", "/auth/new-password-challenge"})
    void preflight_isAllowedWithoutAToken_forAConfiguredOrigin(String path) throws Exception {
        mvc.perform(preflight(path, "https://app.example.com", "POST"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com"))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, containsString("POST")))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        containsStringIgnoringCase("authorization")))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        containsStringIgnoringCase("idempotency-key")))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600"));
    }

    @Test
    void preflight_isAllowed_forTheSecondConfiguredOriginAndAGet() throws Exception {
        mvc.perform(preflight("/admins/" + UUID.randomUUID(), "https://admin.example.com", "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://admin.example.com"));
    }

    @Test
    void preflight_isRefused_forAnOriginNotConfigured() throws Exception {
        mvc.perform(preflight("/admins", "https://evil.example.net", "POST"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    @Test
    void preflight_allowsDelete_forOffboarding() throws Exception {
        mvc.perform(preflight("/admins/" + UUID.randomUUID(), "https://app.example.com", "DELETE"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, containsString("DELETE")));
    }

    @Test
    void preflight_isRefused_forAMethodNotAllowed() throws Exception {
        mvc.perform(preflight("/admins", "https://app.example.com", "PUT"))
                .andExpect(status().isForbidden());
    }

    @Test
    void actualRequest_fromAConfiguredOrigin_exposesLocation() throws Exception {
        when(provisioning.provisionNewAdmin(any(), any())).thenReturn(new AdminResponse(UUID.randomUUID(),
                "new.admin@example.com", "u", AdminStatus.INVITED, "admin@example.com", Instant.now(), false, Instant.now(),
                null));

        mvc.perform(post("/admins").header(HttpHeaders.ORIGIN, "https://app.example.com").with(admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"new.admin@example.com\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com"))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, containsString("Location")));
    }
}
