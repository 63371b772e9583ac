package org.adminprovisioning.cognito;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * The one door every SDK call of {@link AwsCognitoGateway} and {@link AwsSignIn} goes through: it waits
 * for the call's turn under the account's quota ({@link QuotaLimiter}), makes the call, tries a call
 * Cognito throttled anyway again after a growing pause (Cognito refused it before acting, so a retry
 * is safe), and counts every attempt as {@code cognito.calls{api, outcome}} (a timer; outcomes
 * {@code success}, {@code throttled}, {@code email-quota-exceeded}, {@code rejected} for Cognito's
 * other answers, {@code unavailable} for server and network errors) and the waits for a turn as
 * {@code cognito.quota.wait{category}}.
 */
public final class CognitoCalls {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final QuotaLimiter limiter;
    private final MeterRegistry meters;
    private final int throttleRetries;
    private final Duration throttleBackoff;

    CognitoCalls(QuotaLimiter limiter, MeterRegistry meters, int throttleRetries, Duration throttleBackoff) {
        this.limiter = limiter;
        this.meters = meters;
        this.throttleRetries = throttleRetries;
        this.throttleBackoff = throttleBackoff;
    }

    /** Calls made as they come and never retried: for a single caller, or a client that paces itself. */
    static CognitoCalls unpaced() {
        return new CognitoCalls(null, new SimpleMeterRegistry(), 0, Duration.ZERO);
    }

    /**
     * Makes one Cognito call under its quota.
     *
     * @param api    Cognito's name of the API, a variant in brackets ({@code AdminCreateUser(RESEND)})
     * @param action the SDK call; made again when Cognito throttles it
     * @return what the call returned
     * @throws SdkException               what the last attempt threw
     * @throws CognitoThrottledException the call's turn would come later than {@code cognito.quotas.max-wait}:
     *                                    it was not made
     */
    <T> T call(String api, Supplier<T> action) {
        QuotaCategory category = QuotaCategory.of(api);
        for (int attempt = 0;; attempt++) {
            awaitTurn(api, category);
            long start = System.nanoTime();
            try {
                T result = action.get();
                record(api, "success", start);
                return result;
            } catch (SdkException e) {
                String outcome = outcomeOf(e);
                record(api, outcome, start);
                if (!"throttled".equals(outcome) || attempt >= throttleRetries || !pause(attempt)) {
                    throw e;
                }
            }
        }
    }

    private void awaitTurn(String api, QuotaCategory category) {
        if (limiter == null) {
            return;
        }
        long start = System.nanoTime();
        boolean turn;
        try {
            turn = limiter.acquire(category);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CognitoThrottledException(api + " was not called: interrupted while waiting for its turn", e);
        }
        Timer.builder("cognito.quota.wait").tag("category", category.name())
                .description("Time Cognito calls waited for their turn under the account's quota")
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (!turn) {
            Timer.builder("cognito.calls").tag("api", api).tag("outcome", "paced-out").register(meters)
                    .record(0, TimeUnit.NANOSECONDS);
            throw new CognitoThrottledException(api + " was not called: the " + category
                    + " quota has no turn free within cognito.quotas.max-wait", null);
        }
    }

    private void record(String api, String outcome, long start) {
        Timer.builder("cognito.calls").tag("api", api).tag("outcome", outcome)
                .description("Cognito API calls, each attempt, by API and outcome")
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** Exponential backoff with full jitter, capped: retries from several threads do not line up. */
    private boolean pause(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF.toMillis(), throttleBackoff.toMillis() << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String outcomeOf(SdkException e) {
        if (e instanceof LimitExceededException limit && CognitoErrors.isDailyEmailLimit(limit)) {
            return "email-quota-exceeded";
        }
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException
                || (e instanceof AwsServiceException service && service.isThrottlingException())) {
            return "throttled";
        }
        if (e instanceof AwsServiceException service && service.statusCode() > 0 && service.statusCode() < 500) {
            return "rejected";
        }
        return "unavailable";
    }
}
