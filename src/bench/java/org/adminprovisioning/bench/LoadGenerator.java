package org.adminprovisioning.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop HTTP load generator: {@code connections} threads (a fixed pool: no virtual threads on
 * JDK 17), each with its own {@link HttpClient} (HTTP/1.1, one kept-alive connection), sending the
 * next request as soon as the previous one answered. Warms up first, then measures.
 */
final class LoadGenerator {

    /** What one measured run did. Latencies in milliseconds. */
    record Result(long requests, long errors, double seconds, double p50, double p99) {

        double perSecond() {
            return requests / seconds;
        }
    }

    private final int connections;

    LoadGenerator(int connections) {
        this.connections = connections;
    }

    /**
     * @param request builds the n-th request (n unique across threads and phases)
     * @param expected the status a successful answer has
     */
    Result run(LongFunction<HttpRequest> request, int expected, Duration warmUp, Duration measure)
            throws Exception {
        AtomicLong sequence = new AtomicLong();
        phase(request, expected, sequence, warmUp);
        return phase(request, expected, sequence, measure);
    }

    private Result phase(LongFunction<HttpRequest> request, int expected, AtomicLong sequence, Duration length)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            List<Future<long[]>> workers = new ArrayList<>();
            AtomicLong errors = new AtomicLong();
            for (int i = 0; i < connections; i++) {
                workers.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    long[] latencies = new long[1024];
                    int count = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest next = request.apply(sequence.getAndIncrement());
                        long sent = System.nanoTime();
                        HttpResponse<Void> response = client.send(next, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - sent;
                        if (response.statusCode() != expected) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("bench: " + next.uri() + " answered " + response.statusCode());
                            }
                            continue;
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> worker : workers) {
                long[] some = worker.get();
                long[] merged = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, merged, all.length, some.length);
                all = merged;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(all);
            return new Result(all.length, errors.get(), seconds, percentile(all, 0.50), percentile(all, 0.99));
        } finally {
            pool.shutdownNow();
        }
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    static HttpRequest.Builder to(URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
