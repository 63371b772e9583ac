package org.adminprovisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.adminprovisioning.AdminApi.Reply;
import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.testsupport.DebugLogging;
import org.adminprovisioning.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request has an id: the caller's sane {@code X-Request-Id} or a fresh one, echoed in the
 * header, carried by every problem as {@code requestId} — whoever writes it: the advice, Spring MVC,
 * the security chain, the container's error page — and by the request's log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdTests extends EndToEndTestSupport {

    @BeforeEach
    void debugLogging() {
        DebugLogging.on();
    }

    @Test
    void aProblem_carriesTheCallersRequestId_inTheHeaderTheBodyAndTheLogLines(CapturedOutput output) {
        Reply reply = api.post("/admins", Map.of("email", "not an email"), token,
                Map.of("X-Request-Id", "client-42.a:b_c"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("X-Request-Id")).isEqualTo("client-42.a:b_c");
        assertThat(reply.body().path("requestId").asString()).isEqualTo("client-42.a:b_c");
        assertThat(output.getAll().lines().filter(line -> line.contains("[client-42.a:b_c]")))
                .as("log lines of the request, tagged with its id").isNotEmpty();
    }

    @Test
    void anInsaneOrOverlongIncomingId_isReplacedByAFreshOne() {
        for (String insane : new String[] {"<script>alert(1)</script>", "a".repeat(65), "two words", ""}) {
            Reply reply = api.post("/admins", Map.of("email", "not an email"), token, Map.of("X-Request-Id", insane));

            String id = reply.header("X-Request-Id");
            assertThat(id).as("for %s", insane).isNotEqualTo(insane);
            assertThat(UUID.fromString(id)).isNotNull();
            assertThat(reply.body().path("requestId").asString()).isEqualTo(id);
        }
    }

    @Test
    void withoutAnIncomingId_eachRequestGetsItsOwn() {
        Reply first = api.get("/admins?size=1", token);
        Reply second = api.get("/admins?size=1", token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(UUID.fromString(first.header("X-Request-Id")))
                .isNotEqualTo(UUID.fromString(second.header("X-Request-Id")));
    }

    @Test
    void theSecurityChainsProblems_carryTheRequestId() {
        Reply unauthorized = api.post("/admins", Map.of("email", "a@example.com"), null,
                Map.of("X-Request-Id", "no-token-1"));

        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.body().path("requestId").asString()).isEqualTo("no-token-1");
    }

    @Test
    void springMvcsOwnProblems_carryTheRequestId() {
        Reply notFound = api.post("/no-such-endpoint", Map.of(), token, Map.of("X-Request-Id", "lost-1"));

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body().path("type").asString()).isEqualTo(PROBLEM + "not-found");
        assertThat(notFound.body().path("requestId").asString()).isEqualTo("lost-1");
    }

    @Test
    void theContainersErrorDispatch_keepsTheIdOfTheRequestItReportsOn() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(port,
                "GET /admins;x=1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: firewall-1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
        assertThat(problem.path("requestId").asString()).isEqualTo("firewall-1");
        assertThat(answer.header("X-Request-Id")).isEqualTo("firewall-1");
    }
}
