package io.sharepulse.share;

import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import io.sharepulse.platform.PinnedRedis;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.platform.RedisScript;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostTarget;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
        PEEK("p"),
        /** Not counted for a {@link Refusal}: only the reason is tallied. */
        REFUSE("r");

        final String arg;

        Mode(String arg) {
            this.arg = arg;
        }
    }

    /** The visitor argument when no visitor hash may be computed (DNT/GPC) or is needed (bots, peeks). */
    public static final String NO_VISITOR = "";

    /** What the script answered: the click recorded, or a post Redis does not know. */
    public sealed interface Answer permits Recorded, UnknownPost {
    }

    /** The post exists: what became of the click, and where the post points. */
    public record Recorded(ClickOutcome outcome, PostTarget target) implements Answer {
    }

    /** Redis does not know the post; nothing was written. */
    public enum UnknownPost implements Answer {
        INSTANCE
    }

    /**
     * The reader's wait ran out before Redis answered ({@code sharepulse.redis.click-timeout}): the click is not
     * lost yet, since the script runs to its end whatever the reader does. {@link #late()} tells what became of it:
     * Redis's answer when it comes, or {@link NoAnswer} after {@code sharepulse.redis.click-grace}.
     */
    public static final class Unconfirmed extends TimeoutException {
        private final transient Future<Answer> late;

        Unconfirmed(long timeoutMs, Future<Answer> late) {
            super("Redis did not answer the click script within " + timeoutMs + " ms");
            this.late = late;
        }

        public Future<Answer> late() {
            return late;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // Expected when Redis is slow, possibly thousands a second: the stack says nothing.
            return this;
        }
    }

    /** Redis did not answer an unconfirmed click within the grace period: it is taken as lost. */
    public static final class NoAnswer extends TimeoutException {
        NoAnswer(long graceMs) {
            super("Redis did not answer the click script within the grace period of " + graceMs + " ms");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final PinnedRedis redis;
    private final Vertx vertx;
    private final RedisKeys keys;
    private final CountingHours hours;
    private final long timeoutMs;
    private final long graceMs;

    public ClickRecorder(PinnedRedis redis, Vertx vertx, RedisKeys keys, CountingHours hours,
            SharepulseConfig config) {
        // The Vert.x client, on a connection per event loop: the click path is the hot one, and Mutiny's operators,
        // a pool lease and a scheduler-based timeout per click cost as much CPU as the script (docs/PERFORMANCE.md).
        this.redis = redis;
        this.vertx = vertx;
        this.keys = keys;
        this.hours = hours;
        this.timeoutMs = Math.max(1, config.redis().clickTimeout().toMillis());
        this.graceMs = Math.max(timeoutMs, config.redis().clickGrace().toMillis());
    }

    /** A click without a cap (tests, and callers that count no reader's click). */
    public Future<Answer> record(PostId post, String network, Mode mode, String visitor, int dedupeSeconds) {
        return record(post, network, mode, visitor, dedupeSeconds, Cap.NONE, null);
    }

    /**
     * The client cap of a counted click: at most {@code clicks} counted per post and network within
     * {@code windowSeconds} for the client of this (salted) hash.
     */
    public record Cap(String client, int clicks, long windowSeconds) {
        static final Cap NONE = new Cap("", 0, 1);
    }

    /**
     * @param visitor       visitor hash, or {@link #NO_VISITOR}
     * @param dedupeSeconds the site's window (0: off)
     * @return the answer; {@link Unconfirmed} when Redis did not answer within {@code sharepulse.redis.click-timeout}
     *         (the script may still complete and count: the exception's {@link Unconfirmed#late()} tells), another
     *         failure when Redis answered an error
     */
    public Future<Answer> record(PostId post, String network, Mode mode, String visitor, int dedupeSeconds, Cap cap,
            Refusal refusal) {
        return record(post, network, mode, visitor, dedupeSeconds, cap, refusal, NO_CONTEXT, NO_CONTEXT);
    }

    /** The device and browser arguments when none are kept (DNT/GPC, bots, peeks, refusals). */
    public static final String NO_CONTEXT = "";

    /**
     * As {@link #record(PostId, String, Mode, String, int, Cap, Refusal)}, also counting the click's device class
     * and browser family ({@link UserAgents}) in the day's context counters, in the same script run.
     */
    public Future<Answer> record(PostId post, String network, Mode mode, String visitor, int dedupeSeconds, Cap cap,
            Refusal refusal, String device, String browser) {
        CountingHours.Hour now = hours.now();
        String site = post.site();
        Future<Response> script = SCRIPT.runFuture(redis, 11,
                keys.post(site, post.hash()),
                keys.dedupe(site, visitor, post.hash(), network),
                keys.postDay(site, post.hash(), now.day()),
                keys.siteDay(site, now.day()),
                keys.siteHour(site, now.hour()),
                keys.top(site, now.day()),
                keys.uniques(site, now.day()),
                keys.bots(site, now.day()),
                keys.refusals(site, now.day()),
                keys.clickCap(site, cap.client(), post.hash(), network),
                keys.context(site, now.day()),
                network, mode.arg, visitor, Integer.toString(dedupeSeconds),
                now.dayExpiry(), now.hourExpiry(), post.hash(), refusal == null ? "" : refusal.id,
                mode == Mode.COUNT ? Integer.toString(Math.max(0, cap.clicks())) : "0",
                Long.toString(Math.max(1, cap.windowSeconds())), device, browser);
        // The script runs to its end whatever the reader's wait does: a Redis that is merely slow still counts the
        // click, while the reader is redirected after the timeout (and the click reported as unconfirmed, then as
        // confirmed late or lost). The timers are the event loop's own, not a scheduler thread's.
        Pending pending = new Pending();
        pending.timer = vertx.setTimer(timeoutMs, pending);
        script.onComplete(pending::settle);
        return pending.answer.future();
    }

    /** One click's wait: the reader's answer, and after the timeout the late one. */
    private final class Pending implements Handler<Long> {
        final Promise<Answer> answer = Promise.promise();
        long timer;
        /** Set when the reader's wait ran out; guarded by this, as the timer and the reply may race. */
        private Promise<Answer> late;
        private boolean waitOver;

        /** The reader's wait ran out. */
        @Override
        public void handle(Long id) {
            Promise<Answer> later = Promise.promise();
            synchronized (this) {
                if (waitOver) {
                    return;
                }
                waitOver = true;
                late = later;
            }
            long grace = vertx.setTimer(graceMs - timeoutMs, g -> later.tryFail(new NoAnswer(graceMs)));
            later.future().onComplete(done -> vertx.cancelTimer(grace));
            answer.tryFail(new Unconfirmed(timeoutMs, later.future()));
        }

        /** Redis answered (or failed): the reader's answer if still waiting, else the late one. */
        void settle(AsyncResult<Response> reply) {
            Promise<Answer> to;
            synchronized (this) {
                if (waitOver) {
                    to = late;
                } else {
                    waitOver = true;
                    to = answer;
                }
            }
            if (to == answer) {
                vertx.cancelTimer(timer);
            }
            if (reply.failed()) {
                to.tryFail(reply.cause());
                return;
            }
            try {
                to.tryComplete(toAnswer(reply.result()));
            } catch (RuntimeException unreadable) {
                to.tryFail(unreadable);
            }
        }
    }

    private static Answer toAnswer(Response reply) {
        if (reply == null || reply.size() == 0) {
            return UnknownPost.INSTANCE;
        }
        ClickOutcome outcome = switch (reply.get(0).toInteger()) {
            case 0 -> ClickOutcome.COUNTED;
            case 1 -> ClickOutcome.DUPLICATE;
            case 2 -> ClickOutcome.BOT;
            case 3 -> ClickOutcome.PEEKED;
            case 4 -> ClickOutcome.REFUSED;
            default -> throw new IllegalStateException("The click script answered " + reply.get(0));
        };
        return new Recorded(outcome, new PostTarget(text(reply, 1), text(reply, 2), text(reply, 3)));
    }

    private static String text(Response reply, int index) {
        if (reply.size() <= index) {
            return null;
        }
        Response item = reply.get(index);
        return item == null ? null : item.toString();
    }
}
