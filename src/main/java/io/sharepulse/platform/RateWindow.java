package io.sharepulse.platform;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * A fixed-window request limit counted in Redis, so every pod shares it: one script round trip
 * ({@code redis/rate-limit.lua}) per admitted request. Used for site keys and for the public write paths.
 */
@ApplicationScoped
public class RateWindow {

    private static final RedisScript SCRIPT = RedisScript.fromResource("redis/rate-limit.lua");

    private final ReactiveRedisDataSource redis;

    public RateWindow(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Counts one request against {@code key}; fails with a 429 problem (with Retry-After) past {@code limit} in
     * the window. The key should carry its site's hash tag like every other key.
     *
     * @param what how the caller's allowance reads in the problem's detail, e.g. "This key may make 300 requests"
     */
    public Uni<Void> admit(String key, long limit, long windowMs, String what) {
        return SCRIPT.run(redis, 1, key, Long.toString(windowMs)).map(reply -> {
            long count = reply.get(0).toLong();
            long ttlMs = reply.get(1).toLong();
            if (count > limit) {
                int retry = (int) Math.max(1, (ttlMs + 999) / 1000);
                throw new ProblemException(429, "rate-limited", "Too Many Requests",
                        what + " per " + (windowMs / 1000) + " s; retry in " + retry + " s.", null, retry);
            }
            return null;
        });
    }
}
