package org.adminprovisioning.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body over its limit with {@code 413 payload-too-large} before anything reads
 * it: at once when its {@code Content-Length} says so, and, for a chunked body, as soon as reading
 * passes the limit (the stream handed down stops there). Runs first, so neither the security chain
 * nor a parser ever holds more than the limit of one body. A {@code Content-Type} that names no
 * concrete media type ({@code *}{@code /*}, garbage) is refused here too, with
 * {@code 415 unsupported-media-type}: Spring MVC would fail on it with an unexpected error.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final Map<PathPattern, Long> overrides = new LinkedHashMap<>();
    private final JsonMapper json;

    RequestBodyLimitFilter(RequestLimitsProperties limits, JsonMapper json) {
        this.defaultLimit = limits.maxBodySize().toBytes();
        limits.bodySizeOverrides().forEach((pattern, size) -> overrides.put(PathPatternParser.defaultInstance
                .parse(PathPatternParser.defaultInstance.initFullPathPattern(pattern)), size.toBytes()));
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            refuse(response, limit);
            return;
        }
        if (!isConcreteOrAbsent(request.getContentType())) {
            write(response, Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type header names no concrete media type"));
            return;
        }
        try {
            chain.doFilter(new LimitedBodyRequest(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // A reader outside Spring MVC (a filter further down) ran into the limit.
            RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(e);
            if (tooLarge == null || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            refuse(response, limit);
        }
    }

    long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        for (Map.Entry<PathPattern, Long> override : overrides.entrySet()) {
            if (override.getKey().matches(container)) {
                return override.getValue();
            }
        }
        return defaultLimit;
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        // The rest of the body is never read: the connection cannot carry another request.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        write(response, problem(limit));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static boolean isConcreteOrAbsent(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }

    /** The 413 for a body over {@code limit} bytes, here and in the advice alike. */
    static ProblemDetail problem(long limit) {
        return Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + readable(limit) + " this endpoint accepts");
    }

    static String readable(long bytes) {
        if (bytes >= DataSize.ofMegabytes(1).toBytes() && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return DataSize.ofBytes(bytes).toMegabytes() + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return DataSize.ofBytes(bytes).toKilobytes() + " KiB";
        }
        return bytes + " bytes";
    }

    /** The request with a body that can be read up to the limit and no further. */
    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private LimitedInputStream body;
        private BufferedReader reader;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new LimitedInputStream(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    /** Counts what is read and fails with {@link RequestBodyTooLargeException} one byte past the limit. */
    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never ask for more than one byte past the limit: enough to tell, no more held.
            int n = delegate.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
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
    }
}
