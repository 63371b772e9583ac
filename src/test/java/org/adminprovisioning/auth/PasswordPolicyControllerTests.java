package org.adminprovisioning.auth;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.cognito.CognitoUnavailableException;
import org.adminprovisioning.cognito.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /auth/password-policy}: public, the pool's rules and Cognito's symbols, Cognito's failure as a problem. */
@WebMvcTest(PasswordPolicyController.class)
@Import(SecuritySliceConfiguration.class)
class PasswordPolicyControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private FirstLoginService firstLogin;

    @MockitoBean
    private AdminRecords records;

    @Test
    void passwordPolicy_isPublic_andTellsThePoolsRulesWithTheSymbolsCognitoCounts() throws Exception {
        when(firstLogin.passwordPolicy()).thenReturn(new PasswordPolicy(12, true, false, true, true));

        mvc.perform(get("/auth/password-policy"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "max-age=300, public"))
                .andExpect(jsonPath("$", aMapWithSize(6)))
                .andExpect(jsonPath("$.minimumLength").value(12))
                .andExpect(jsonPath("$.requireUppercase").value(true))
                .andExpect(jsonPath("$.requireLowercase").value(false))
                .andExpect(jsonPath("$.requireNumbers").value(true))
                .andExpect(jsonPath("$.requireSymbols").value(true))
                .andExpect(jsonPath("$.symbols").value(PasswordPolicy.SYMBOLS));
    }

    @Test
    void passwordPolicy_ignoresAStaleToken_asEverySignInEndpointDoes() throws Exception {
        when(firstLogin.passwordPolicy()).thenReturn(PasswordPolicy.cognitoDefault());

        mvc.perform(get("/auth/password-policy").header("Authorization", "Bearer expired.token.value"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.minimumLength").value(8));
    }

    @Test
    void passwordPolicy_answers503CognitoUnavailable_whenThePoolCannotBeAsked() throws Exception {
        when(firstLogin.passwordPolicy()).thenThrow(new CognitoUnavailableException("DescribeUserPool failed: "
                + "InternalErrorException (500)", null));

        mvc.perform(get("/auth/password-policy"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value(PROBLEM + "cognito-unavailable"));
    }
}
