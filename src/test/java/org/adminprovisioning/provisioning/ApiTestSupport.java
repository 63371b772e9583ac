package org.adminprovisioning.provisioning;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The {@link ApiTest} suites' common start: the service's port, its client, and the bootstrap admin's token. */
@ApiTest
abstract class ApiTestSupport {

    @LocalServerPort
    int port;

    AdminApi api;
    String token;

    @BeforeEach
    void signInAsBootstrapAdmin() {
        api = new AdminApi(port);
        token = api.loginAsBootstrapAdmin();
    }

    /** An email no other test of the shared context uses. */
    static String uniqueEmail(String name, String domain) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }
}
