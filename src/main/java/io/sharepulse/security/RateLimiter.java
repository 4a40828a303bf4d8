package io.sharepulse.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
import io.smallrye.mutiny.Uni;

/**
 * Per-key request limit: a fixed one-minute window counted in Redis (so every pod shares it), one script round
 * trip per request. The counter key carries the site's hash tag like every other key of the site.
 */
@ApplicationScoped
public class RateLimiter {

    private static final RedisScript SCRIPT = RedisScript.fromResource("redis/rate-limit.lua");
    static final long WINDOW_MS = 60_000;

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public RateLimiter(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Completes when the caller may go on; fails with a 429 problem (with Retry-After) when over its limit. */
    public Uni<Void> check(Caller caller) {
        if (caller.isOperator()) {
            return Uni.createFrom().voidItem();
        }
        return SCRIPT.run(redis, 1, keys.rateLimit(caller.site(), caller.keyId()), Long.toString(WINDOW_MS))
                .map(reply -> {
                    long count = reply.get(0).toLong();
                    long ttlMs = reply.get(1).toLong();
                    if (count > caller.rateLimit()) {
                        int retry = (int) Math.max(1, (ttlMs + 999) / 1000);
                        throw new ProblemException(429, "rate-limited", "Too Many Requests",
                                "This key may make " + caller.rateLimit() + " requests per minute; retry in " + retry
                                        + " s.",
                                null, retry);
                    }
                    return null;
                });
    }
}
