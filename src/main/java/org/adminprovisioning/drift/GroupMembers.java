package org.adminprovisioning.drift;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The admin group's usernames as the drift report saw them, kept as 64-bit hashes in one sorted
 * {@code long[]}: 8 bytes per member instead of a {@code HashSet<String>}'s ~150, so that the report's
 * memory stays a small fraction of the pool's size. Add every member, then {@link #seal()}, then ask.
 *
 * <p>A hash collision would make a record whose user is outside the group look like a member (its
 * drift unreported until the next report); with 64 bits that is ~10⁻⁹ at a million members.
 */
final class GroupMembers {

    private long[] hashes = new long[1024];
    private int size;
    private boolean sealed;

    void add(String username) {
        if (sealed) {
            throw new IllegalStateException("Sealed: no more members");
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = hash(username);
    }

    /** Sorts the hashes once, for {@link #contains(String)}'s binary search. */
    void seal() {
        Arrays.sort(hashes, 0, size);
        sealed = true;
    }

    boolean contains(String username) {
        if (!sealed) {
            throw new IllegalStateException("Seal before asking");
        }
        return Arrays.binarySearch(hashes, 0, size, hash(username)) >= 0;
    }

    int size() {
        return size;
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer (SplitMix64) to spread similar usernames. */
    static long hash(String username) {
        long h = 0xcbf29ce484222325L;
        for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
