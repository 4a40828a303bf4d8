package io.sharepulse.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RateWindow;
import io.smallrye.mutiny.Uni;

/**
 * Per-key request limit: a fixed one-minute window counted in Redis (so every pod shares it), one script round
 * trip per request. The counter key carries the site's hash tag like every other key of the site.
 */
@ApplicationScoped
public class RateLimiter {

    static final long WINDOW_MS = 60_000;

    private final RateWindow window;
    private final RedisKeys keys;

    public RateLimiter(RateWindow window, RedisKeys keys) {
        this.window = window;
        this.keys = keys;
    }

    /** Completes when the caller may go on; fails with a 429 problem (with Retry-After) when over its limit. */
    public Uni<Void> check(Caller caller) {
        if (caller.isOperator()) {
            return Uni.createFrom().voidItem();
        }
        return window.admit(keys.rateLimit(caller.site(), caller.keyId()), caller.rateLimit(), WINDOW_MS,
                "This key may make " + caller.rateLimit() + " requests");
    }
}
