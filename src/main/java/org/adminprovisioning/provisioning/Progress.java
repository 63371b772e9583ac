package org.adminprovisioning.provisioning;

/**
 * What one step of an operation came to: carry on with a value, or the operation's answer is known
 * already (a twin with the same key, or the reconciler, finished it first). Failures are thrown.
 */
sealed interface Progress<T> {

    static <T> Progress<T> next(T value) {
        return new Next<>(value);
    }

    static <T> Progress<T> answer(OperationOutcome outcome) {
        return new Answer<>(outcome);
    }

    /** Carry on with this value. */
    record Next<T>(T value) implements Progress<T> {
    }

    /** Stop here: this is the operation's answer. */
    record Answer<T>(OperationOutcome outcome) implements Progress<T> {
    }
}
