package org.adminprovisioning.cognito.inmemory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The in-memory pool's users, indexed as Cognito's are (by username, by the email alias, by sub,
 * by creation order and by group; never a scan per look-up) and paged as {@code ListUsers} and
 * {@code ListUsersInGroup} page. Not thread-safe: {@link InMemoryUserPool} holds its lock around
 * every use.
 */
final class PoolDirectory {

    /** Cognito's largest page for ListUsers and ListUsersInGroup. */
    private static final int MAX_PAGE_SIZE = 60;
    private static final NavigableMap<Long, PoolUser> EMPTY = new TreeMap<>();
    /** The exact-match filters an index answers: {@code email = "…"}, {@code sub = "…"}, {@code username = "…"}. */
    private static final Pattern EXACT_FILTER = Pattern.compile("^(email|sub|username)\\s*=\\s*\"([^\"]*)\"$");

    private final Map<String, PoolUser> usersByName = new HashMap<>();
    private final Map<String, PoolUser> usersByEmail = new HashMap<>();
    private final Map<String, PoolUser> usersBySub = new HashMap<>();
    /** Every user by creation order: {@code ListUsers} pages through it from the token's position. */
    private final NavigableMap<Long, PoolUser> usersInOrder = new TreeMap<>();
    /** Each group's members by creation order: {@code ListUsersInGroup} pages through it. */
    private final Map<String, NavigableMap<Long, PoolUser>> groupMembers = new HashMap<>();
    private long nextSequence;

    /** A new user, last in the creation order; the caller made sure its email is free. */
    PoolUser add(String username, String sub, String email, Instant now) {
        PoolUser user = new PoolUser(nextSequence++, username, sub, email.toLowerCase(Locale.ROOT), now);
        usersByName.put(user.username, user);
        usersByEmail.put(user.email, user);
        usersBySub.put(user.sub, user);
        usersInOrder.put(user.sequence, user);
        return user;
    }

    void remove(PoolUser user) {
        usersByName.remove(user.username);
        usersByEmail.remove(user.email);
        usersBySub.remove(user.sub);
        usersInOrder.remove(user.sequence);
        user.groups.forEach(group -> groupMembers.get(group).remove(user.sequence));
    }

    void addToGroup(PoolUser user, String group) {
        if (user.groups.add(group)) {
            groupMembers.computeIfAbsent(group, g -> new TreeMap<>()).put(user.sequence, user);
        }
    }

    /** By username, or by the email alias in any letter case, as Cognito's admin calls look users up. */
    Optional<PoolUser> lookup(String usernameOrEmail) {
        if (usernameOrEmail == null) {
            return Optional.empty();
        }
        PoolUser byName = usersByName.get(usernameOrEmail);
        if (byName != null) {
            return Optional.of(byName);
        }
        return Optional.ofNullable(usersByEmail.get(usernameOrEmail.toLowerCase(Locale.ROOT)));
    }

    int size() {
        return usersByName.size();
    }

    /**
     * One page of every user, or the answer to an exact {@code email}, {@code sub} or {@code username}
     * filter from its index; other filters (prefixes, other attributes) are refused, as they are not used here.
     */
    <R> R list(String filter, Integer limit, String token, BiFunction<List<UserType>, String, R> response) {
        String trimmed = filter == null ? "" : filter.trim();
        Matcher exact = EXACT_FILTER.matcher(trimmed);
        NavigableMap<Long, PoolUser> matching;
        if (exact.matches()) {
            matching = new TreeMap<>();
            Optional.ofNullable(switch (exact.group(1)) {
                case "email" -> usersByEmail.get(exact.group(2).toLowerCase(Locale.ROOT));
                case "sub" -> usersBySub.get(exact.group(2));
                default -> usersByName.get(exact.group(2));
            }).ifPresent(user -> matching.put(user.sequence, user));
        } else if (trimmed.isEmpty()) {
            matching = usersInOrder;
        } else {
            throw PoolErrors.error(InvalidParameterException.builder(), "InvalidParameterException",
                    "The in-memory pool filters by email, sub or username with '=' only: " + trimmed);
        }
        return page(matching, limit, token, response);
    }

    /** One page of the group's members. */
    <R> R listGroup(String group, Integer limit, String token, BiFunction<List<UserType>, String, R> response) {
        return page(groupMembers.getOrDefault(group, EMPTY), limit, token, response);
    }

    /**
     * One page of {@code all}, from just after the user the token names: O(log n + page) whatever the
     * page, and a user deleted between two pages shifts nothing (the token is opaque, as Cognito's is).
     */
    private static <R> R page(NavigableMap<Long, PoolUser> all, Integer limit, String token,
            BiFunction<List<UserType>, String, R> response) {
        int size = limit == null ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
        NavigableMap<Long, PoolUser> rest = token == null ? all : all.tailMap(sequenceOf(token), false);
        List<UserType> users = new ArrayList<>(Math.min(size, rest.size()));
        long last = -1;
        for (PoolUser user : rest.values()) {
            if (users.size() == size) {
                break;
            }
            users.add(user.toUserType());
            last = user.sequence;
        }
        String next = users.size() == size && rest.higherKey(last) != null ? Base64.getEncoder().encodeToString(
                Long.toString(last).getBytes(StandardCharsets.UTF_8)) : null;
        return response.apply(users, next);
    }

    private static long sequenceOf(String token) {
        try {
            return Long.parseLong(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw PoolErrors.error(InvalidParameterException.builder(), "InvalidParameterException",
                    "Invalid pagination token.");
        }
    }
}
