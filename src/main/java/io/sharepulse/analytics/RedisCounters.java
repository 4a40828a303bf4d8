package io.sharepulse.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.sharepulse.platform.RedisKeys;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.ResponseType;

/**
 * Reads the click script's buckets ({@code redis/click.lua}) for analytics and the rollup. Blocking (a worker
 * waits for Redis); many keys go out as one pipelined batch, and every key of a call carries the same site hash
 * tag, so a batch stays on one Redis Cluster node. Only named keys are read: no {@code KEYS}/{@code SCAN}.
 */
@ApplicationScoped
public class RedisCounters {

    private static final int BATCH = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Redis redis;
    private final RedisKeys keys;

    public RedisCounters(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis.getRedis();
        this.keys = keys;
    }

    /** Clicks per network of the site in each UTC hour (Redis keeps hours for the hour retention only). */
    public Map<LocalDateTime, Map<String, Long>> siteHours(String site, List<LocalDateTime> hours) {
        return hashes(hours, h -> keys.siteHour(site, h));
    }

    /** Clicks per network of one post on each day. */
    public Map<LocalDate, Map<String, Long>> postDays(String site, String postHash, List<LocalDate> days) {
        return hashes(days, d -> keys.postDay(site, postHash, d));
    }

    /** Clicks per network of each post over the days (summed). */
    public Map<String, Map<String, Long>> postNetworks(String site, List<String> postHashes, List<LocalDate> days) {
        List<String[]> pairs = new ArrayList<>();
        for (String post : postHashes) {
            for (LocalDate day : days) {
                pairs.add(new String[] { post, keys.postDay(site, post, day) });
            }
        }
        List<Response> replies = run(pairs.stream().map(p -> Request.cmd(Command.HGETALL).arg(p[1])).toList());
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            Map<String, Long> fields = hash(replies.get(i));
            if (!fields.isEmpty()) {
                Map<String, Long> sum = out.computeIfAbsent(pairs.get(i)[0], p -> new HashMap<>());
                fields.forEach((n, c) -> sum.merge(n, c, Long::sum));
            }
        }
        return out;
    }

    /** Clicks and bot hits per network, and uniques, of the site on each day: one pipelined batch. */
    public ClickData.SiteDays siteSummary(String site, List<LocalDate> days) {
        ClickData.SiteDays out = ClickData.SiteDays.empty();
        List<Request> requests = new ArrayList<>(days.size() * 3);
        for (LocalDate d : days) {
            requests.add(Request.cmd(Command.HGETALL).arg(keys.siteDay(site, d)));
            requests.add(Request.cmd(Command.HGETALL).arg(keys.bots(site, d)));
            requests.add(Request.cmd(Command.PFCOUNT).arg(keys.uniques(site, d)));
        }
        List<Response> replies = run(requests);
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            Map<String, Long> clicks = hash(replies.get(3 * i));
            Map<String, Long> bots = hash(replies.get(3 * i + 1));
            long uniques = replies.get(3 * i + 2) == null ? 0 : replies.get(3 * i + 2).toLong();
            if (!clicks.isEmpty()) {
                out.clicks().put(d, clicks);
            }
            if (!bots.isEmpty()) {
                out.bots().put(d, bots);
            }
            if (uniques > 0) {
                out.uniques().put(d, uniques);
            }
        }
        return out;
    }

    /** Every post clicked on the day with its clicks (the day's top-posts set, whole). */
    public Map<String, Long> topOfDay(String site, LocalDate day) {
        return scores(run(List.of(Request.cmd(Command.ZRANGE).arg(keys.top(site, day)).arg(0).arg(-1)
                .arg("WITHSCORES"))).get(0));
    }

    /**
     * Clicks per post over the days, in ascending order of clicks: one read-only {@code ZUNION} of the days'
     * top-posts sets, or for one day (the usual case: today) a plain {@code ZRANGE}, which spares Redis building
     * and sorting a copy (1.7 ms instead of 4.9 for 5,400 posts).
     */
    public Map<String, Long> topOfDays(String site, List<LocalDate> days) {
        if (days.isEmpty()) {
            return Map.of();
        }
        if (days.size() == 1) {
            return topOfDay(site, days.get(0));
        }
        Request union = Request.cmd(Command.ZUNION).arg(days.size());
        days.forEach(d -> union.arg(keys.top(site, d)));
        return scores(run(List.of(union.arg("WITHSCORES"))).get(0));
    }

    private <T> Map<T, Map<String, Long>> hashes(List<T> buckets, Function<T, String> key) {
        List<Response> replies = run(buckets.stream().map(b -> Request.cmd(Command.HGETALL).arg(key.apply(b)))
                .toList());
        Map<T, Map<String, Long>> out = new LinkedHashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            Map<String, Long> fields = hash(replies.get(i));
            if (!fields.isEmpty()) {
                out.put(buckets.get(i), fields);
            }
        }
        return out;
    }

    /** Sends the requests as pipelined batches; replies in request order. */
    private List<Response> run(List<Request> requests) {
        List<Response> out = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += BATCH) {
            out.addAll(redis.batch(requests.subList(from, Math.min(requests.size(), from + BATCH)))
                    .await().atMost(TIMEOUT));
        }
        return out;
    }

    /** A hash reply as field → count, whether the server speaks RESP2 (flat pairs) or RESP3 (a map). */
    static Map<String, Long> hash(Response reply) {
        Map<String, Long> out = new HashMap<>();
        if (reply == null || reply.type() != ResponseType.MULTI) {
            return out;
        }
        for (String field : reply.getKeys()) {
            out.put(field, reply.get(field).toLong());
        }
        return out;
    }

    /** A WITHSCORES reply as member → score: flat pairs (RESP2) or [member, score] pairs (RESP3). */
    static Map<String, Long> scores(Response reply) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (reply == null || reply.size() == 0) {
            return out;
        }
        if (reply.get(0).type() == ResponseType.MULTI) {
            for (Response pair : reply) {
                out.put(pair.get(0).toString(), Math.round(Double.parseDouble(pair.get(1).toString())));
            }
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                out.put(reply.get(i).toString(), Math.round(Double.parseDouble(reply.get(i + 1).toString())));
            }
        }
        return out;
    }
}
