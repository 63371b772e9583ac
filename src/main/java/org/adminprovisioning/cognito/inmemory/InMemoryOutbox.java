package org.adminprovisioning.cognito.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mailbox of the in-memory pool: what Cognito would have emailed, oldest first. Appending costs
 * the same at the millionth message as at the first (a copy-on-write list copied itself on each), and
 * one address's messages are found by their address, not by reading every message.
 */
public class InMemoryOutbox {

    private final List<OutboxMessage> messages = new ArrayList<>();
    private final Map<String, List<OutboxMessage>> byAddress = new HashMap<>();

    synchronized void send(OutboxMessage message) {
        messages.add(message);
        byAddress.computeIfAbsent(key(message.to()), address -> new ArrayList<>(2)).add(message);
    }

    public synchronized List<OutboxMessage> all() {
        return List.copyOf(messages);
    }

    /** Messages to one address (case-insensitive), oldest first. */
    public synchronized List<OutboxMessage> to(String email) {
        return List.copyOf(byAddress.getOrDefault(key(email), List.of()));
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
