package io.sharepulse.share;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
import io.sharepulse.platform.SharepulseConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * The salt of today's visitor hashes. It lives in Redis so every pod hashes a visitor alike, rotates at UTC
 * midnight, and expires after at most 48 h, after which no hash of that day can be linked to a visitor again.
 * Each pod fetches it once a day (one script: set if absent, else read); clicks never wait on it after that.
 */
@Singleton
public class DailySalt {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RedisScript SCRIPT = RedisScript.fromResource("redis/salt.lua");

    private record Entry(long epochDay, Future<byte[]> salt) {
    }

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final long lifetimeSeconds;
    private final AtomicReference<Entry> current = new AtomicReference<>();

    public DailySalt(ReactiveRedisDataSource redis, RedisKeys keys, Clock clock, SharepulseConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.lifetimeSeconds = lifetime(config).toSeconds();
    }

    /** How long a day's salt is kept: as configured, never more than 48 h (also what /privacy states). */
    public static Duration lifetime(SharepulseConfig config) {
        return Duration.ofSeconds(Math.min(config.counting().saltLifetime().toSeconds(), 48 * 3600));
    }

    public Uni<byte[]> today() {
        return Uni.createFrom().completionStage(() -> todayFuture().toCompletionStage());
    }

    /** {@link #today} as a Vert.x future, for the click path: once fetched, an already completed one. */
    public Future<byte[]> todayFuture() {
        long epochDay = Math.floorDiv(clock.millis(), 86_400_000L);
        Entry entry = current.get();
        if (entry == null || entry.epochDay() != epochDay) {
            Entry fresh = new Entry(epochDay, fetch(LocalDate.ofEpochDay(epochDay)));
            entry = current.compareAndSet(entry, fresh) ? fresh : current.get();
        }
        Entry used = entry;
        // A failed fetch must not stick: forget it so the next click asks Redis again.
        return used.salt().onFailure(failure -> current.compareAndSet(used, null));
    }

    private Future<byte[]> fetch(LocalDate day) {
        byte[] mine = new byte[32];
        RANDOM.nextBytes(mine);
        String encoded = Base64.getEncoder().encodeToString(mine);
        // Keeps the first pod's salt and tells everybody else what it is, in one round trip.
        return Future.fromCompletionStage(SCRIPT.run(redis, 1, keys.salt(day), encoded, Long.toString(lifetimeSeconds))
                .map(inForce -> Base64.getDecoder().decode(inForce.toString()))
                .subscribeAsCompletionStage());
    }
}
