package org.adminprovisioning.cognito.inmemory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The mailbox of the in-memory pool: what Cognito would have emailed, oldest first. */
public class InMemoryOutbox {

    private final List<OutboxMessage> messages = new CopyOnWriteArrayList<>();

    void send(OutboxMessage message) {
        messages.add(message);
    }

    public List<OutboxMessage> all() {
        return List.copyOf(messages);
    }

    /** Messages to one address (case-insensitive), oldest first. */
    public List<OutboxMessage> to(String email) {
        return messages.stream().filter(m -> m.to().equalsIgnoreCase(email.trim())).toList();
    }
}
