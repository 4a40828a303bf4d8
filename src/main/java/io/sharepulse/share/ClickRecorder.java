package io.sharepulse.share;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.PostId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/** Runs the click script ({@code redis/click.lua}): dedupe, every bucket, uniques, top posts and the target. */
@ApplicationScoped
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

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final long retentionSeconds;
    private final long hourRetentionSeconds;
    private final java.time.Duration timeout;

    public ClickRecorder(ReactiveRedisDataSource redis, RedisKeys keys, Clock clock, SharepulseConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.retentionSeconds = config.counting().retention().toSeconds();
        this.hourRetentionSeconds = config.counting().hourRetention().toSeconds();
        this.timeout = config.redis().clickTimeout();
    }

    /**
     * @param visitor      visitor hash, or null when none may be computed (DNT/GPC)
     * @param dedupeSeconds the site's window (0: off)
     * @return null item when Redis does not know the post (nothing was written); a failure when Redis did not
     *         answer within {@code sharepulse.redis.click-timeout} (the script may still complete and count)
     */
    public Uni<Result> record(PostId post, String network, Mode mode, String visitor, int dedupeSeconds) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDate day = now.toLocalDate();
        LocalDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
        long dayExpiry = day.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) + retentionSeconds;
        long hourExpiry = hour.plusHours(1).toEpochSecond(ZoneOffset.UTC) + hourRetentionSeconds;
        String site = post.site();
        String v = visitor == null ? "" : visitor;
        Uni<Response> script = SCRIPT.run(redis, 8,
                keys.post(site, post.hash()),
                keys.dedupe(site, v, post.hash(), network),
                keys.postDay(site, post.hash(), day),
                keys.siteDay(site, day),
                keys.siteHour(site, hour),
                keys.top(site, day),
                keys.uniques(site, day),
                keys.bots(site, day),
                network, mode.arg, v, Integer.toString(dedupeSeconds),
                Long.toString(dayExpiry), Long.toString(hourExpiry), post.hash())
                .memoize().indefinitely();
        // The script runs to its end whatever the reader's wait does: a Redis that is merely slow still counts the
        // click, while the reader is redirected after the timeout (and the click reported as not confirmed).
        script.subscribe().with(reply -> {
        }, failure -> {
        });
        return script.ifNoItem().after(timeout).fail().map(ClickRecorder::toResult);
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
