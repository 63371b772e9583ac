package org.adminprovisioning.console;

import static org.adminprovisioning.testsupport.SliceRequests.PROBLEM;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.auth.SecuritySliceConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console's static files ({@code /}, {@code /console/**}) are public in every profile: they hold no
 * data, and a person must load the sign-in page before having a token. Everything else keeps its guard.
 */
@WebMvcTest(ConsolePageController.class)
@Import(SecuritySliceConfiguration.class)
class ConsoleFilesSecurityTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AdminRecords records;

    @Test
    void theConsolePage_andItsScripts_loadWithoutAToken() throws Exception {
        mvc.perform(get("/").accept("text/html,application/xhtml+xml,*/*;q=0.8")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(content().string(containsString("<main id=\"main\"")));
        mvc.perform(get("/index.html")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<main id=\"main\"")));
        mvc.perform(get("/console/app.js")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"));
        mvc.perform(get("/console/console.css")).andExpect(status().isOk());
        mvc.perform(get("/console/vendor/qrcode-generator.mjs")).andExpect(status().isOk());
    }

    @Test
    void onlyReadingIsPublic_andTheApiBesideItStillNeedsAnAdmin() throws Exception {
        mvc.perform(post("/console/app.js")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value(PROBLEM + "unauthorized"));
        mvc.perform(get("/admins")).andExpect(status().isUnauthorized());
        mvc.perform(get("/admins/reconciliation")).andExpect(status().isUnauthorized());
    }

    @Test
    void thePage_forAClientThatTakesNoHtml_isTheUsual406Problem() throws Exception {
        mvc.perform(get("/").accept("application/json")).andExpect(status().isNotAcceptable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(PROBLEM + "not-acceptable"));
    }

    @Test
    void aFileTheConsoleDoesNotHave_isNotFound_notAPageOfData() throws Exception {
        mvc.perform(get("/console/missing.js")).andExpect(status().isNotFound());
    }

    /** Against a real pool the console is the same page: same origin, public files, the API behind tokens. */
    @Nested
    @ActiveProfiles("cognito")
    class InTheCognitoProfile {

        @Test
        void theConsolePage_loadsWithoutAToken_whileTheApiDocsNeedAnAdmin() throws Exception {
            mvc.perform(get("/index.html")).andExpect(status().isOk());
            mvc.perform(get("/console/app.js")).andExpect(status().isOk());
            mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
            mvc.perform(get("/dev/outbox")).andExpect(status().isUnauthorized());
        }
    }
}
