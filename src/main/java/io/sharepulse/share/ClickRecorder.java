package io.sharepulse.share;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

/** Runs the click script ({@code redis/click.lua}): dedupe, every bucket, uniques, top posts and the target. */
@Singleton
public class ClickRecorder {

    private static final RedisScript SCRIPT = RedisScript.fromResource("redis/click.lua");

    /** How the script treats this request. */
    public enum Mode {
        /** Count it (dedupe, buckets, uniques, top posts). */
        COUNT("c"),
        /** Tally it apart as a bot or prefetch. */
        BOT("b"),
        /** Write nothing; only read the post (HEAD requests, retired networks). */
        PEEK("p");

        final String arg;

        Mode(String arg) {
            this.arg = arg;
        }
    }

    /**
     * The click's fate (null when peeked) and what the post hash holds.
     */
    public record Result(ClickOutcome outcome, String url, String title, String media) {
    }

    /** The clock's current UTC hour, its key parts and expiries: worked out once an hour, not on every click. */
    private record Hour(long epochHour, LocalDate day, LocalDateTime hour, String dayExpiry, String hourExpiry) {
    }

    private final PinnedRedis redis;
    private final Vertx vertx;
    private final RedisKeys keys;
    private final Clock clock;
    private final long retentionSeconds;
    private final long hourRetentionSeconds;
    private final long timeoutMs;
    private volatile Hour current;

    public ClickRecorder(PinnedRedis redis, Vertx vertx, RedisKeys keys, Clock clock, SharepulseConfig config) {
        // The Vert.x client, on a connection per event loop: the click path is the hot one, and Mutiny's operators,
        // a pool lease and a scheduler-based timeout per click cost as much CPU as the script (docs/PERFORMANCE.md).
        this.redis = redis;
        this.vertx = vertx;
        this.keys = keys;
        this.clock = clock;
        this.retentionSeconds = config.counting().retention().toSeconds();
        this.hourRetentionSeconds = config.counting().hourRetention().toSeconds();
        this.timeoutMs = Math.max(1, config.redis().clickTimeout().toMillis());
    }

    /**
     * @param visitor      visitor hash, or null when none may be computed (DNT/GPC)
     * @param dedupeSeconds the site's window (0: off)
     * @return null item when Redis does not know the post (nothing was written); a failure when Redis did not
     *         answer within {@code sharepulse.redis.click-timeout} (the script may still complete and count)
     */
    public Future<Result> record(PostId post, String network, Mode mode, String visitor, int dedupeSeconds) {
        Hour now = hour();
        String site = post.site();
        String v = visitor == null ? "" : visitor;
        Future<Response> script = SCRIPT.send(redis, 8,
                keys.post(site, post.hash()),
                keys.dedupe(site, v, post.hash(), network),
                keys.postDay(site, post.hash(), now.day()),
                keys.siteDay(site, now.day()),
                keys.siteHour(site, now.hour()),
                keys.top(site, now.day()),
                keys.uniques(site, now.day()),
                keys.bots(site, now.day()),
                network, mode.arg, v, Integer.toString(dedupeSeconds),
                now.dayExpiry(), now.hourExpiry(), post.hash());
        // The script runs to its end whatever the reader's wait does: a Redis that is merely slow still counts the
        // click, while the reader is redirected after the timeout (and the click reported as not confirmed). The
        // timer is the event loop's own, not a scheduler thread's.
        Promise<Result> answer = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> answer.tryFail(new TimeoutException(
                "Redis did not answer the click script within " + timeoutMs + " ms")));
        script.onComplete(reply -> {
            vertx.cancelTimer(timer);
            try {
                answer.tryComplete(toResult(reply));
            } catch (RuntimeException unreadable) {
                answer.tryFail(unreadable);
            }
        }, failure -> {
            vertx.cancelTimer(timer);
            answer.tryFail(failure);
        });
        return answer.future();
    }

    private Hour hour() {
        long epochHour = clock.millis() / 3_600_000L;
        Hour h = current;
        if (h == null || h.epochHour() != epochHour) {
            LocalDateTime hour = LocalDateTime.ofEpochSecond(epochHour * 3600, 0, ZoneOffset.UTC);
            LocalDate day = hour.toLocalDate();
            long dayExpiry = day.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) + retentionSeconds;
            long hourExpiry = hour.plusHours(1).toEpochSecond(ZoneOffset.UTC) + hourRetentionSeconds;
            h = new Hour(epochHour, day, hour, Long.toString(dayExpiry), Long.toString(hourExpiry));
            current = h;
        }
        return h;
    }

    private static Result toResult(Response reply) {
        if (reply == null || reply.size() == 0) {
            return null;
        }
        ClickOutcome outcome = switch (reply.get(0).toInteger()) {
            case 0 -> ClickOutcome.COUNTED;
            case 1 -> ClickOutcome.DUPLICATE;
            case 2 -> ClickOutcome.BOT;
            default -> null;
        };
        return new Result(outcome, text(reply, 1), text(reply, 2), text(reply, 3));
    }

    private static String text(Response reply, int index) {
        if (reply.size() <= index) {
            return null;
        }
        Response item = reply.get(index);
        return item == null ? null : item.toString();
    }
}
