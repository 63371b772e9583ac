package org.adminprovisioning.web;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much a request may carry before anything reads it ({@code provisioning.limits.*}, env
 * {@code PROVISIONING_LIMITS_MAX_BODY_SIZE}).
 *
 * @param maxBodySize       the largest request body any endpoint accepts; a larger one answers
 *                          {@code 413 payload-too-large} before it is read (64 KiB by default)
 * @param bodySizeOverrides other limits for some paths, keyed by Spring path pattern, e.g.
 *                          {@code provisioning.limits.body-size-overrides.[/admins/import]=4MB} for
 *                          the bulk import of 10,000 rows; the first matching pattern wins
 * @param json              bounds on what a JSON body may contain, checked while it is parsed
 */
@ConfigurationProperties("provisioning.limits")
public record RequestLimitsProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue Map<String, DataSize> bodySizeOverrides,
        @DefaultValue Json json) {

    /**
     * Jackson's {@code StreamReadConstraints} for every JSON body; a violation answers
     * {@code 400 invalid-request}.
     *
     * @param maxStringLength the longest string value, in characters (refresh tokens are under 4 KB)
     * @param maxNameLength   the longest property name, in characters
     * @param maxNestingDepth the deepest nesting of objects and arrays (our bodies are one or two deep)
     * @param maxNumberLength the longest number, in characters
     */
    public record Json(
            @DefaultValue("16384") int maxStringLength,
            @DefaultValue("256") int maxNameLength,
            @DefaultValue("32") int maxNestingDepth,
            @DefaultValue("64") int maxNumberLength) {
    }
}
