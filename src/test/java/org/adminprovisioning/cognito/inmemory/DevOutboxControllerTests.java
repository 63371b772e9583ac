package org.adminprovisioning.cognito.inmemory;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.adminprovisioning.admin.AdminRecords;
import org.adminprovisioning.auth.SecuritySliceConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /dev/outbox}: the in-memory pool's "emails", default profile only, oldest first. */
class DevOutboxControllerTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Outbox {

        @Bean
        InMemoryOutbox inMemoryOutbox() {
            return new InMemoryOutbox();
        }
    }

    @Nested
    @WebMvcTest(DevOutboxController.class)
    @Import({SecuritySliceConfiguration.class, Outbox.class})
    class DefaultProfile {

        @Autowired
        private MockMvc mvc;

        @Autowired
        private InMemoryOutbox outbox;

        @MockitoBean
        private AdminRecords records;

        @BeforeEach
        void twoInvitations() {
            if (outbox.all().isEmpty()) {
                Instant now = Instant.parse("2026-03-01T10:00:00Z");
                outbox.send(new OutboxMessage("new.admin@example.com", "Your temporary password",
                        "Your username is new.admin@example.com and temporary password is Temp-Passw0rd!.", "u-1",
                        "Temp-Passw0rd!", now));
                outbox.send(new OutboxMessage("third.admin@example.com", "Your temporary password",
                        "Your username is third.admin@example.com and temporary password is Other-Passw0rd!.", "u-2",
                        "Other-Passw0rd!", now.plusSeconds(1)));
            }
        }

        @Test
        void outbox_listsEveryInvitationOldestFirst_withoutAToken() throws Exception {
            mvc.perform(get("/dev/outbox"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$", hasSize(2)))
                    .andExpect(jsonPath("$[0].to").value("new.admin@example.com"))
                    .andExpect(jsonPath("$[0].subject").value("Your temporary password"))
                    .andExpect(jsonPath("$[0].body").value(
                            "Your username is new.admin@example.com and temporary password is Temp-Passw0rd!."))
                    .andExpect(jsonPath("$[0].username").value("u-1"))
                    .andExpect(jsonPath("$[0].temporaryPassword").value("Temp-Passw0rd!"))
                    .andExpect(jsonPath("$[0].sentAt").value("2026-03-01T10:00:00Z"))
                    .andExpect(jsonPath("$[1].to").value("third.admin@example.com"));
        }

        @Test
        void outbox_filtersByRecipient_inAnyLetterCase() throws Exception {
            mvc.perform(get("/dev/outbox").param("to", "THIRD.Admin@example.com"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$", hasSize(1)))
                    .andExpect(jsonPath("$[0].username").value("u-2"));
            mvc.perform(get("/dev/outbox").param("to", "nobody@example.com"))
                    .andExpect(status().isOk()).andExpect(content().json("[]"));
        }
    }

    @Nested
    @WebMvcTest(controllers = DevOutboxController.class, properties = {"COGNITO_USER_POOL_ID=us-east-1_Example1",
            "COGNITO_CLIENT_ID=example-client"})
    @ActiveProfiles("cognito")
    @Import({SecuritySliceConfiguration.class, Outbox.class})
    class CognitoProfile {

        @Autowired
        private MockMvc mvc;

        @MockitoBean
        private AdminRecords records;

        @Test
        void outbox_doesNotExist_becauseCognitoSendsRealEmails() throws Exception {
            mvc.perform(get("/dev/outbox").with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"))))
                    .andExpect(status().isNotFound());
        }

        @Test
        void outboxPath_needsAnAdmin_likeEveryPathOutsideTheSandbox() throws Exception {
            mvc.perform(get("/dev/outbox")).andExpect(status().isUnauthorized());
        }
    }

    @Nested
    @WebMvcTest(controllers = DevOutboxController.class)
    @ActiveProfiles("postgres")
    @Import({SecuritySliceConfiguration.class, Outbox.class})
    class AnyOtherProfile {

        @Autowired
        private MockMvc mvc;

        @MockitoBean
        private AdminRecords records;

        @Test
        void outbox_doesNotExist_becauseItHandsOutTemporaryPasswords() throws Exception {
            mvc.perform(get("/dev/outbox").with(jwt().authorities(new SimpleGrantedAuthority("ROLE_ADMIN"))))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/dev/outbox")).andExpect(status().isUnauthorized());
        }
    }
}
