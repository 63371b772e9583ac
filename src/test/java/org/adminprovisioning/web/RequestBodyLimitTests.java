package org.adminprovisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.adminprovisioning.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies over 64 KiB answer {@code 413 payload-too-large} before they are read, on every
 * endpoint, over real HTTP (docs/security.md). A filter in front of everything counts the bytes the
 * application pulled from the connection: none for a body whose {@code Content-Length} is too
 * large, at most the limit for a chunked one. JSON within the limit is still bounded: too deep, too
 * long a string, name or number is a 400 problem, never a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:body-limit-${random.uuid};DB_CLOSE_DELAY=-1",
    "provisioning.bootstrap-admin.password=Bootstrap-Passw0rd!",
    "spring.main.banner-mode=off"
})
@Import(RequestBodyLimitTests.BytesReadByTheApplication.class)
// A configuration of its own, used by no other suite: closed when done rather than cached.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RequestBodyLimitTests {

    private static final long TEN_MB = 10L * 1024 * 1024;
    private static final long LIMIT = 64 * 1024;
    private static final String PROBLEM = "https://adminprovisioning.org/problems/";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    /** Bytes each request's body gave up to the application, by path; counted outside every filter of ours. */
    static final Map<String, AtomicLong> READ = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class BytesReadByTheApplication {

        @Bean
        FilterRegistrationBean<Filter> countingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                AtomicLong read = new AtomicLong();
                READ.put(http.getRequestURI(), read);
                chain.doFilter(new Counting(http, read), response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @Test
    void aTenMegabyteBody_isRefusedWith413_beforeTheApplicationReadsAByteOfIt() throws Exception {
        RawHttp.Answer answer = RawHttp.post(port, "/auth/login", "application/json", TEN_MB, false, (byte) ' ');

        assertPayloadTooLarge(answer, "64 KiB");
        assertThat(READ.get("/auth/login")).hasValue(0);
        assertThat(answer.sentWhenAnswered()).as("body bytes the client had sent when the 413 arrived")
                .isLessThan(TEN_MB / 4);
        System.out.printf("413 for a 10 MB body with Content-Length: application read 0 bytes; the client had sent "
                + "%d bytes when the answer arrived, %d in all before the connection closed%n",
                answer.sentWhenAnswered(), answer.sentInAll());
    }

    @Test
    void aTenMegabyteChunkedBody_isRefusedWith413_afterTheApplicationReadAtMostTheLimit() throws Exception {
        RawHttp.Answer answer = RawHttp.post(port, "/auth/new-password-challenge", "application/json", TEN_MB, true,
                (byte) ' ');

        assertPayloadTooLarge(answer, "64 KiB");
        assertThat(READ.get("/auth/new-password-challenge").get()).isLessThanOrEqualTo(LIMIT + 1);
        assertThat(answer.sentWhenAnswered()).isLessThan(TEN_MB / 4);
        System.out.printf("413 for a 10 MB chunked body: application read %d bytes; the client had sent %d bytes "
                + "when the answer arrived%n", READ.get("/auth/new-password-challenge").get(), answer.sentWhenAnswered());
    }

    @Test
    void everyEndpointIsBounded_evenOneThatNeedsAToken_andOneThatDoesNotExist() throws Exception {
        assertPayloadTooLarge(RawHttp.post(port, "/admins", "application/json", LIMIT + 1, false, (byte) ' '),
                "64 KiB");
        assertThat(READ.get("/admins")).as("refused before the token was even looked at").hasValue(0);
        assertPayloadTooLarge(RawHttp.post(port, "/no/such/endpoint", "application/x-www-form-urlencoded",
                LIMIT + 1, false, (byte) 'a'), "64 KiB");

        RawHttp.Answer chunked = RawHttp.post(port, "/admins/resend-invite", "application/json", TEN_MB, true,
                (byte) ' ', Map.of("Authorization", "Bearer " + adminToken()));
        assertPayloadTooLarge(chunked, "64 KiB");
        assertThat(READ.get("/admins/resend-invite").get()).isLessThanOrEqualTo(LIMIT + 1);
    }

    @Test
    void aChunkedBodyWithoutAToken_isNeverRead_theSecurityChainAnswersFirst() throws Exception {
        RawHttp.Answer answer = RawHttp.post(port, "/admins", "application/json", TEN_MB, true, (byte) ' ');

        assertThat(answer.status()).isEqualTo(401);
        assertThat(READ.get("/admins")).hasValue(0);
    }

    @Test
    void aBodyOfExactlyTheLimit_isRead_andAnsweredOnItsMerits() throws Exception {
        String credentials = "{\"username\":\"nobody@example.com\",\"password\":\"Wrong-Passw0rd!\"}";
        String padded = credentials + " ".repeat((int) LIMIT - credentials.length());

        Reply reply = post("/auth/login", padded);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.problemType()).isEqualTo("invalid-credentials");
    }

    @Test
    void theBulkImportPath_hasItsOwnLargerLimit() throws Exception {
        RawHttp.Answer oneMegabyte = RawHttp.post(port, "/admins/import", "text/csv", 1024 * 1024, false, (byte) 'a');
        assertThat(oneMegabyte.status()).as("past the body limit, the import asks for a token").isEqualTo(401);

        assertPayloadTooLarge(RawHttp.post(port, "/admins/import", "text/csv", 5L * 1024 * 1024, false, (byte) 'a'),
                "4 MiB");
    }

    @Test
    void jsonTooDeep_orWithTooLongAString_NameOrNumber_isA400Problem_neverA500() throws Exception {
        String deep = "{\"username\":" + "[".repeat(40) + "]".repeat(40) + ",\"password\":\"x\"}";
        String longString = "{\"username\":\"" + "a".repeat(20_000) + "\",\"password\":\"x\"}";
        String longName = "{\"" + "n".repeat(300) + "\":1,\"username\":\"a\",\"password\":\"x\"}";
        String longNumber = "{\"username\":" + "9".repeat(100) + ",\"password\":\"x\"}";

        for (String body : new String[] {deep, longString, longName, longNumber}) {
            Reply reply = post("/auth/login", body);
            assertThat(reply.status()).as(body.substring(0, 40)).isEqualTo(400);
            assertThat(reply.problemType()).isEqualTo("invalid-request");
            assertThat(reply.body().path("detail").asString()).doesNotContain("aaaaaaaaaa");
        }
    }

    @Test
    void aCommonClient_sendingTenMegabytes_getsThe413_notABrokenConnection() throws Exception {
        byte[] body = new byte[(int) TEN_MB];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).path("type").asString()).isEqualTo(PROBLEM + "payload-too-large");
    }

    private String adminToken() throws IOException, InterruptedException {
        Reply login = post("/auth/login", "{\"username\":\"admin@example.com\",\"password\":\"Bootstrap-Passw0rd!\"}");
        assertThat(login.status()).isEqualTo(200);
        return login.body().path("accessToken").asString();
    }

    private void assertPayloadTooLarge(RawHttp.Answer answer, String limit) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.path("type").asString()).isEqualTo(PROBLEM + "payload-too-large");
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("detail").asString()).isEqualTo("The request body is larger than the " + limit
                + " this endpoint accepts");
    }

    private record Reply(int status, JsonNode body) {

        String problemType() {
            return body.path("type").asString().substring(PROBLEM.length());
        }
    }

    private Reply post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), json.readTree(response.body()));
    }

    /** The request, with a body stream that counts what it hands out. */
    private static final class Counting extends HttpServletRequestWrapper {

        private final AtomicLong read;
        private ServletInputStream stream;

        Counting(HttpServletRequest request, AtomicLong read) {
            super(request);
            this.read = read;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream delegate = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = delegate.read();
                        if (b >= 0) {
                            read.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = delegate.read(buffer, offset, length);
                        if (n > 0) {
                            read.addAndGet(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return delegate.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return delegate.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        delegate.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
