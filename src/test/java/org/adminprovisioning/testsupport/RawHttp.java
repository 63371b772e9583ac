package org.adminprovisioning.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client library will not do: stream a body
 * of any size while the answer is read on another thread, so a test can tell how much of the body
 * had been sent when the server answered.
 */
public final class RawHttp {

    private static final int CHUNK = 16 * 1024;

    private RawHttp() {
    }

    /**
     * The answer, and how many body bytes the client had handed to the socket when its first byte
     * arrived ({@code sentWhenAnswered}) and in all ({@code sentInAll}: the server may close the
     * connection before the rest is sent).
     */
    public record Answer(int status, Map<String, String> headers, String body, long sentWhenAnswered,
            long sentInAll) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code bodyLength} bytes of {@code filler} as the body, with a {@code Content-Length}
     * or chunked, and reads the answer as it comes.
     */
    public static Answer post(int port, String path, String contentType, long bodyLength, boolean chunked,
            byte filler) throws IOException, InterruptedException {
        return post(port, path, contentType, bodyLength, chunked, filler, Map.of());
    }

    /** {@link #post(int, String, String, long, boolean, byte)} with more request headers. */
    public static Answer post(int port, String path, String contentType, long bodyLength, boolean chunked,
            byte filler, Map<String, String> headers) throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            // A small send buffer: what the client "sent" is close to what reached the server.
            socket.setSendBufferSize(CHUNK);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                    + "\r\nAccept: application/json, application/problem+json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bodyLength + "\r\n");
            StringBuilder more = new StringBuilder();
            headers.forEach((name, value) -> more.append(name).append(": ").append(value).append("\r\n"));
            head = head + more + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> writeBody(out, bodyLength, chunked, filler, sent), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            int first = in.read();
            long sentWhenAnswered = sent.get();
            if (first < 0) {
                throw new IOException("The server closed the connection without an answer after " + sentWhenAnswered
                        + " body bytes");
            }
            Answer answer = readAnswer(first, in, sentWhenAnswered);
            socket.shutdownOutput();
            writer.join(10_000);
            return new Answer(answer.status(), answer.headers(), answer.body(), sentWhenAnswered, sent.get());
        }
    }

    /** Sends these bytes as they are (malformed HTTP included) and reads the answer. */
    public static Answer exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first < 0) {
                throw new IOException("The server closed the connection without an answer");
            }
            return readAnswer(first, in, 0);
        }
    }

    /** A small POST from a chosen local address (e.g. {@code 127.0.0.2}), with these headers and body. */
    public static Answer postFrom(String localAddress, int port, String path, Map<String, String> headers, String body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first < 0) {
                throw new IOException("No answer");
            }
            return readAnswer(first, in, bytes.length);
        }
    }

    private static void writeBody(OutputStream out, long length, boolean chunked, byte filler, AtomicLong sent) {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, filler);
        try {
            long left = length;
            while (left > 0) {
                int n = (int) Math.min(CHUNK, left);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(chunk, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent.addAndGet(n);
                left -= n;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException closedByServer) {
            // The server answered and closed: the rest of the body is never sent.
        }
    }

    private static Answer readAnswer(int first, InputStream in, long sentWhenAnswered) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        while (!endsWithBlankLine(head)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed inside the answer's headers: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), sentWhenAnswered, -1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
    }
}
