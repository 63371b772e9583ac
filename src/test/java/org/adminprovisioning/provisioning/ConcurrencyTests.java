package org.adminprovisioning.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mockingDetails;
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

import org.adminprovisioning.AdminApi;
import org.adminprovisioning.EndToEndTestSupport;
import org.adminprovisioning.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Admins clicking at once, through the real server and its connection pool: concurrent
 * provisionings of one email in any letter case, retries with one key, resends of one invitation,
 * disables of one admin. Only the database's unique keys and row locks stand between the requests,
 * so the results hold across instances too. 20 requests on H2; 100 on PostgreSQL (the postgres
 * execution).
 */
class ConcurrencyTests extends EndToEndTestSupport {

    private static final int REQUESTS = TestDatabase.postgresMode() ? 100 : 20;

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
        assertThat(usersWithEmail(email)).isEqualTo(1);
        assertThat(cognito.findUser(email)).isPresent();
        // The journal first: a loser that got past Tx A left an entry saying how and when it ended.
        assertThat(journalStatesOf(email)).as("the losers were stopped before they were journaled: %s",
                journalOf(email)).containsExactly("COMPLETED");
        assertThat(createsFor(email)).as("AdminCreateUser calls for %s", email).isEqualTo(1);
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
        assertThat(createsFor(email)).as("AdminCreateUser calls for %s", email).isEqualTo(1);
        assertThat(journalStatesOf(email)).hasSize(1);
    }

    @Test
    void parallelResends_takeAtMostTheHoursSlots_andTheRestAre429() throws Exception {
        String email = "resends-" + UUID.randomUUID().toString().substring(0, 8) + "@concurrency.example.com";
        invite(token, email);

        List<AdminApi.Reply> replies = all(i -> api.post("/admins/resend-invite", Map.of("email", email), token));

        Map<Integer, Long> statuses = replies.stream().collect(Collectors.groupingBy(AdminApi.Reply::status,
                Collectors.counting()));
        assertThat(statuses).as("statuses of %d parallel resends", REQUESTS)
                .containsEntry(202, (long) MAX_RESENDS_PER_HOUR)
                .containsEntry(429, (long) REQUESTS - MAX_RESENDS_PER_HOUR).hasSize(2);
        assertThat(replies.stream().filter(r -> r.status() == 429).map(AdminApi.Reply::problemType))
                .containsOnly("too-many-invites");
        assertThat(mockingDetails(cognito).getInvocations().stream()
                .filter(call -> call.getMethod().getName().equals("resendInvite")).count())
                .as("resends (counted: a listing would print their temporary passwords)").isEqualTo(MAX_RESENDS_PER_HOUR);
        assertThat(invitationsTo(email)).hasSize(1 + MAX_RESENDS_PER_HOUR);
    }

    @Test
    void parallelDisablesOfOneAdmin_disableItInCognitoOnce_andAllAnswer200() throws Exception {
        String email = "disables-" + UUID.randomUUID().toString().substring(0, 8) + "@concurrency.example.com";
        String id = invite(token, email).path("id").asString();

        List<AdminApi.Reply> replies = all(i -> api.post("/admins/" + id + "/disable", null, token));

        assertThat(replies).extracting(AdminApi.Reply::status).containsOnly(200);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.body().path("status").asString()).isEqualTo("DISABLED"));
        verify(cognito, times(1)).disableUser(anyString());
        assertThat(jdbc.queryForList("SELECT state FROM admin_operations WHERE email = ? AND operation = 'DISABLE'",
                String.class, email)).containsExactly("COMPLETED");
    }

    /** Counted, not listed: Mockito's listing of the calls would print the temporary passwords. */
    private long createsFor(String email) {
        return mockingDetails(cognito).getInvocations().stream()
                .filter(call -> call.getMethod().getName().equals("createAdminUser") && email.equals(call.getArgument(0)))
                .count();
    }

    private List<Map<String, Object>> journalOf(String email) {
        return jdbc.queryForList("SELECT state, failure_type, last_error, created_at, updated_at FROM admin_operations"
                + " WHERE email = ? ORDER BY created_at", email);
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
