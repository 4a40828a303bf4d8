package io.sharepulse.security;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A key as the API shows it. {@code secret} is present only in the answer that created the key.
 *
 * @param rateLimit requests per minute
 * @param createdBy the id of the key that created this one; absent when the operator did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(String id, String site, String name, String role, int rateLimit, Instant createdAt,
        String createdBy, Instant lastUsedAt, Instant revokedAt, String secret) {

    static ApiKeyView of(ApiKey key, String secret) {
        return new ApiKeyView(key.id, key.siteId, key.name, key.role, key.rateLimit, key.createdAt, key.createdBy,
                key.lastUsedAt, key.revokedAt, secret);
    }
}
