package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.adminprovisioning.admin.Users;
import org.adminprovisioning.cognito.CognitoGateway;
import org.adminprovisioning.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Admins clicking at once (DESIGN §4 step 3): concurrent {@code POST /admins} for one email, in
 * any letter case, through the real server and its connection pool. Only the database's unique
 * keys ({@code active_email}, {@code users.email}) stand between the requests, so the result holds
 * across instances too. 20 requests on H2; 100 on PostgreSQL (the postgres execution).
 */
class ConcurrentProvisioningTests extends ApiTestSupport {

    private static final int REQUESTS = TestDatabase.postgresMode() ? 100 : 20;

    @Autowired
    CognitoGateway cognito;

    @Autowired
    Users users;

    @Autowired
    ProvisioningRequests requests;

    @Test
    void concurrentRequestsForOneEmail_inAnyLetterCase_makeExactlyOneAdmin_andTheRestAre409() throws Exception {
        String email = "race-" + UUID.randomUUID().toString().substring(0, 8) + "@concurrency.example.com";
        Random random = new Random(7);
        List<String> spellings = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            spellings.add(mixedCase(email, random));
        }

        List<AdminApi.Reply> replies = all(i -> api.createAdmin(token, spellings.get(i), null));

        Map<Integer, Long> statuses = replies.stream().collect(Collectors.groupingBy(AdminApi.Reply::status,
                Collectors.counting()));
        assertThat(statuses).as("statuses of %d concurrent requests", REQUESTS)
                .containsEntry(201, 1L).containsEntry(409, (long) REQUESTS - 1).hasSize(2);
        assertThat(replies.stream().filter(r -> r.status() == 409).map(AdminApi.Reply::problemType))
                .containsOnly("admin-exists");
        assertThat(users.findByEmail(email)).isPresent();
        assertThat(users.findAll().stream().filter(u -> u.getEmail().equalsIgnoreCase(email))).hasSize(1);
        assertThat(cognito.findUser(email)).isPresent();
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
        assertThat(requests.findByEmailOrderByCreatedAtAsc(email)).allMatch(ProvisioningRequest::isFinal)
                .filteredOn(r -> r.getState() == ProvisioningState.COMPLETED).hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKey_makeExactlyOneAdmin_andAnswerWithItOrInProgress() throws Exception {
        String email = "retry-" + UUID.randomUUID().toString().substring(0, 8) + "@concurrency.example.com";
        String key = "key-" + email;

        List<AdminApi.Reply> replies = all(i -> api.createAdmin(token, email, key));

        List<AdminApi.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created).extracting(AdminApi.Reply::body).containsOnly(created.get(0).body());
        assertThat(replies.stream().filter(r -> r.status() != 201))
                .allSatisfy(r -> assertThat(r.status() + " " + r.problemType()).isEqualTo("409 provisioning-in-progress"));
        verify(cognito, times(1)).createAdminUser(eq(email), anyString());
        assertThat(requests.findByEmailOrderByCreatedAtAsc(email)).hasSize(1);
    }

    private static List<AdminApi.Reply> all(IntFunction<AdminApi.Reply> request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AdminApi.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                futures.add(clients.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<AdminApi.Reply> replies = new ArrayList<>();
            for (Future<AdminApi.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            clients.shutdownNow();
        }
    }

    private static String mixedCase(String email, Random random) {
        StringBuilder mixed = new StringBuilder();
        for (char c : email.toCharArray()) {
            mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        String spelled = mixed.toString();
        return spelled.toLowerCase(Locale.ROOT).equals(email) ? spelled : email;
    }
}
