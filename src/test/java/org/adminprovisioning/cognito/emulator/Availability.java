package org.adminprovisioning.cognito.emulator;

import java.nio.file.Path;

/**
 * Whether an emulator can run here: the executable it needs, or why not.
 *
 * @param executable the program to run, or {@code null} when absent
 * @param reason     why it is absent, or {@code null}
 */
public record Availability(Path executable, String reason) {

    static Availability of(Path executable) {
        return new Availability(executable, null);
    }

    static Availability absent(String reason) {
        return new Availability(null, reason);
    }

    public boolean available() {
        return executable != null;
    }
}
