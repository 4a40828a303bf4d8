package io.sharepulse.share;

import java.time.LocalDate;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import io.sharepulse.platform.PinnedRedis;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.PostId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;

/**
 * Runs the arrival script ({@code redis/arrival.lua}): rate limit, dedupe and the arrival counters in one round
 * trip, with the click path's timeout ({@code sharepulse.redis.click-timeout}).
 */
@Singleton
public class ArrivalRecorder {

    private static final RedisScript SCRIPT = RedisScript.fromResource("redis/arrival.lua");

    /** The script's answer: the outcome, and for {@link ArrivalOutcome#LIMITED} the ms until the window ends. */
    public record Answer(ArrivalOutcome outcome, long retryMs) {
    }

    private final PinnedRedis redis;
    private final Vertx vertx;
    private final RedisKeys keys;
    private final CountingHours hours;
    private final long timeoutMs;

    public ArrivalRecorder(PinnedRedis redis, Vertx vertx, RedisKeys keys, CountingHours hours,
            SharepulseConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.keys = keys;
        this.hours = hours;
        this.timeoutMs = Math.max(1, config.redis().clickTimeout().toMillis());
    }

    /**
     * @param visitor   visitor hash, or {@link ClickRecorder#NO_VISITOR}
     * @param client    the client's rate-limit name ({@link PublicLimits#client})
     * @param limit     arrivals per client and minute (0: none)
     */
    public Future<Answer> record(PostId post, String network, String visitor, int dedupeSeconds, String client,
            int limit) {
        CountingHours.Hour now = hours.now();
        LocalDate day = now.day();
        String site = post.site();
        Future<Response> script = SCRIPT.runFuture(redis, 6,
                keys.post(site, post.hash()),
                keys.publicLimit(site, "arr", client),
                keys.arrivalDedupe(site, visitor, post.hash(), network),
                keys.arrivalsPostDay(site, post.hash(), day),
                keys.arrivalsSiteDay(site, day),
                keys.arrivalsTop(site, day),
                network, visitor, Integer.toString(dedupeSeconds), now.dayExpiry(),
                Integer.toString(limit), Long.toString(PublicLimits.WINDOW_MS), post.hash());
        Promise<Answer> answer = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> answer.tryFail(new TimeoutException(
                "Redis did not answer the arrival script within " + timeoutMs + " ms")));
        script.onComplete(reply -> {
            vertx.cancelTimer(timer);
            try {
                answer.tryComplete(toAnswer(reply));
            } catch (RuntimeException unreadable) {
                answer.tryFail(unreadable);
            }
        }, failure -> {
            vertx.cancelTimer(timer);
            answer.tryFail(failure);
        });
        return answer.future();
    }

    private static Answer toAnswer(Response reply) {
        ArrivalOutcome outcome = switch (reply.get(0).toInteger()) {
            case 0 -> ArrivalOutcome.COUNTED;
            case 1 -> ArrivalOutcome.DUPLICATE;
            case 4 -> ArrivalOutcome.UNKNOWN_POST;
            case 5 -> ArrivalOutcome.LIMITED;
            default -> throw new IllegalStateException("The arrival script answered " + reply.get(0));
        };
        return new Answer(outcome, reply.get(1).toLong());
    }
}
