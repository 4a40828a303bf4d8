package io.sharepulse.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.SharepulseConfig;

/**
 * One view of a site's clicks over UTC days, whichever store holds them: days up to the site's rollup mark come
 * from PostgreSQL, later days (today, and any day the rollup has not reached yet) from Redis. The two never
 * overlap, so a range spanning both is exact. Blocking: call from a worker.
 */
@ApplicationScoped
public class ClickData {

    private final ClickHistory history;
    private final RedisCounters redis;
    private final Clock clock;
    private final long retentionDays;
    private final long hourRetentionHours;

    public ClickData(ClickHistory history, RedisCounters redis, Clock clock, SharepulseConfig config) {
        this.history = history;
        this.redis = redis;
        this.clock = clock;
        this.retentionDays = config.counting().retention().toDays();
        this.hourRetentionHours = config.counting().hourRetention().toHours();
    }

    /**
     * Which days of a range each store answers for.
     *
     * @param version the site's rollup version when the split was made (0 before any rollup): what is known of
     *                the closed days holds while it stays the same
     */
    public record Split(LocalDate durableFrom, LocalDate durableTo, List<LocalDate> liveDays, long version) {
        boolean hasDurable() {
            return durableFrom != null && !durableFrom.isAfter(durableTo);
        }
    }

    /** A site's clicks and bot hits per network, and its uniques, per UTC day. */
    public record SiteDays(Map<LocalDate, Map<String, Long>> clicks, Map<LocalDate, Map<String, Long>> bots,
            Map<LocalDate, Long> uniques) {
        static SiteDays empty() {
            return new SiteDays(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        }
    }

    public Split split(String site, LocalDate from, LocalDate to) {
        ClickHistory.RollupState state = history.rollupState(site).orElse(null);
        LocalDate mark = state == null ? null : state.rolledThrough();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate durableTo = mark == null ? null : (to.isBefore(mark) ? to : mark);
        LocalDate liveFrom = mark == null || mark.isBefore(from) ? from : mark.plusDays(1);
        // Redis has nothing older than its retention, nor anything after today: do not ask.
        LocalDate oldest = today.minusDays(retentionDays);
        if (liveFrom.isBefore(oldest)) {
            liveFrom = oldest;
        }
        LocalDate liveTo = to.isAfter(today) ? today : to;
        List<LocalDate> live = new ArrayList<>();
        for (LocalDate d = liveFrom; !d.isAfter(liveTo); d = d.plusDays(1)) {
            live.add(d);
        }
        return new Split(mark == null ? null : from, durableTo, live, state == null ? 0 : state.version());
    }

    /** Clicks, bots and uniques of the split's days: one read of each store instead of three. */
    public SiteDays siteSummary(String site, Split split) {
        SiteDays out = split.hasDurable() ? history.siteSummary(site, split.durableFrom(), split.durableTo())
                : SiteDays.empty();
        SiteDays live = redis.siteSummary(site, split.liveDays());
        out.clicks().putAll(live.clicks());
        out.bots().putAll(live.bots());
        out.uniques().putAll(live.uniques());
        return out;
    }

    public Map<LocalDate, Map<String, Long>> postDays(String site, String postHash, Split split) {
        Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
        if (split.hasDurable()) {
            out.putAll(history.postDays(site, postHash, split.durableFrom(), split.durableTo()));
        }
        out.putAll(redis.postDays(site, postHash, split.liveDays()));
        return out;
    }

    /**
     * Clicks per network in each UTC hour of the split's days. Redis keeps hours for the hour retention only, so
     * live days older than that (the rollup stopped for longer) have no hours: callers fall back to whole days.
     */
    public Map<LocalDateTime, Map<String, Long>> siteHours(String site, Split split) {
        Map<LocalDateTime, Map<String, Long>> out = new TreeMap<>();
        if (split.hasDurable()) {
            out.putAll(history.siteHours(site, split.durableFrom().atStartOfDay(),
                    split.durableTo().plusDays(1).atStartOfDay()));
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.HOURS);
        LocalDateTime oldest = now.minusHours(hourRetentionHours + 1);
        List<LocalDateTime> hours = new ArrayList<>();
        for (LocalDate day : split.liveDays()) {
            for (int h = 0; h < 24; h++) {
                LocalDateTime hour = day.atTime(h, 0);
                if (!hour.isBefore(oldest) && !hour.isAfter(now)) {
                    hours.add(hour);
                }
            }
        }
        out.putAll(redis.siteHours(site, hours));
        return out;
    }

    /** Clicks per network of these posts over the split. */
    public Map<String, Map<String, Long>> postNetworks(String site, List<String> postHashes, Split split) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        if (split.hasDurable()) {
            out.putAll(history.postNetworks(site, postHashes, split.durableFrom(), split.durableTo()));
        }
        redis.postNetworks(site, postHashes, split.liveDays()).forEach((post, networks) -> networks.forEach(
                (n, c) -> out.computeIfAbsent(post, p -> new HashMap<>()).merge(n, c, Long::sum)));
        return out;
    }
}
