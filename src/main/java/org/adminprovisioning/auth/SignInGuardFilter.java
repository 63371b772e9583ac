package org.adminprovisioning.auth;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.adminprovisioning.audit.AuditTrail;
import org.adminprovisioning.audit.AuditTrail.Action;
import org.adminprovisioning.audit.AuditTrail.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards {@code /auth/*}, whatever the endpoint: a budget of requests per client address, a budget
 * of failed attempts (answers 401) per username, both answered with {@code 429 too-many-attempts}
 * and {@code Retry-After} before Cognito is asked; and an audit event for every failed sign-in,
 * with actor {@code anonymous}, the username typed as the target and the client's address, never a
 * password. The username is read from the JSON body, which is then handed on unchanged.
 */
class SignInGuardFilter extends OncePerRequestFilter {

    static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(SignInGuardFilter.class);
    /** More than any sign-in body holds; a larger one is refused by the body limit before this filter. */
    private static final int MAX_INSPECTED_BODY = 64 * 1024;
    private static final int MAX_TARGET_LENGTH = 254;

    private final SignInThrottle throttle;
    private final SignInProtectionProperties properties;
    private final ClientAddresses clients;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final HandlerExceptionResolver problems;

    SignInGuardFilter(SignInThrottle throttle, SignInProtectionProperties properties, AuditTrail audit,
            JsonMapper json, HandlerExceptionResolver problems) {
        this.throttle = throttle;
        this.properties = properties;
        this.clients = new ClientAddresses(properties.trustedProxies());
        this.audit = audit;
        this.json = json;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/auth/") || HttpMethod.OPTIONS.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clients.clientOf(request);
        SignInThrottle.Verdict perClient = throttle.acquire("ip:" + ClientAddresses.bucketOf(client),
                properties.requestsPerClient(), properties.requestsPerClientWindow());
        if (!perClient.allowed()) {
            refuse(request, response, new TooManySignInAttemptsException("Too many sign-in requests from your "
                    + "address; try again later", perClient.retryAfter()));
            return;
        }
        InspectedRequest inspected = InspectedRequest.of(request);
        String username = usernameIn(inspected);
        String userBucket = username == null ? null : "user:" + sha256(username);
        if (userBucket != null) {
            SignInThrottle.Verdict perUsername = throttle.acquire(userBucket, properties.failedAttemptsPerUsername(),
                    properties.failedAttemptsWindow());
            if (!perUsername.allowed()) {
                refuse(request, response, new TooManySignInAttemptsException("Too many failed sign-in attempts for "
                        + "this username; try again later", perUsername.retryAfter()));
                return;
            }
        }
        boolean failedSignIn = false;
        try {
            chain.doFilter(inspected, response);
            int status = response.getStatus();
            failedSignIn = status == HttpServletResponse.SC_UNAUTHORIZED;
            if (failedSignIn || status >= 500) {
                auditQuietly(request, username, client, status);
            }
        } finally {
            // Only a refused credential keeps its unit: successes, bad requests and outages give it back.
            if (userBucket != null && !failedSignIn) {
                throttle.release(userBucket, properties.failedAttemptsWindow());
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response,
            TooManySignInAttemptsException refusal) throws IOException {
        // The one problem advice writes the 429, as it does for every other failure.
        if (problems.resolveException(request, response, null, refusal) == null) {
            response.setHeader("Retry-After", String.valueOf(refusal.retryAfter().toSeconds()));
            response.sendError(429);
        }
    }

    private String usernameIn(InspectedRequest request) {
        if (request.prefix.length == 0 || request.prefix.length > MAX_INSPECTED_BODY) {
            return null;
        }
        try {
            JsonNode username = json.readTree(request.prefix).path("username");
            String value = username.isString() ? username.asString().trim().toLowerCase(Locale.ROOT) : null;
            return value == null || value.isEmpty() ? null : value;
        } catch (JacksonException notJson) {
            return null;  // the endpoint answers 400 itself
        }
    }

    private void auditQuietly(HttpServletRequest request, String username, String client, int status) {
        try {
            Action action = request.getRequestURI().endsWith("/auth/new-password-challenge") ? Action.FIRST_LOGIN
                    : Action.SIGN_IN;
            audit.record(ANONYMOUS, action, printable(username), status >= 500 ? Outcome.FAILED : Outcome.REFUSED,
                    request.getMethod() + " " + printable(request.getRequestURI()) + " from " + client + ": " + status);
        } catch (RuntimeException e) {
            log.warn("Could not audit a failed sign-in from {}: {}", client, e.toString());
        }
    }

    /** What a caller typed, safe for a log line or a column: no control characters, bounded. */
    static String printable(String typed) {
        if (typed == null) {
            return null;
        }
        String clean = typed.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= MAX_TARGET_LENGTH ? clean : clean.substring(0, MAX_TARGET_LENGTH);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with the first bytes of its body already read, handed on as if nobody had. */
    private static final class InspectedRequest extends HttpServletRequestWrapper {

        private final byte[] prefix;
        private final ServletInputStream body;
        private BufferedReader reader;

        private InspectedRequest(HttpServletRequest request, byte[] prefix, InputStream rest) {
            super(request);
            this.prefix = prefix;
            this.body = new ReplayedInputStream(new SequenceInputStream(new ByteArrayInputStream(prefix), rest));
        }

        static InspectedRequest of(HttpServletRequest request) throws IOException {
            InputStream original = request.getInputStream();
            return new InspectedRequest(request, original.readNBytes(MAX_INSPECTED_BODY + 1), original);
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(body, charset));
            }
            return reader;
        }
    }

    private static final class ReplayedInputStream extends ServletInputStream {

        private final InputStream delegate;
        private boolean finished;

        ReplayedInputStream(InputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("Sign-in bodies are read blocking");
        }
    }
}
