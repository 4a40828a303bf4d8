package io.sharepulse.analytics;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.analytics.HistoryReader.ExportRow;
import io.sharepulse.analytics.HistoryReader.RowSink;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRepository;
import io.sharepulse.post.PostTarget;

/**
 * One view of a site's clicks over UTC days, whichever store holds them: days up to the site's rollup mark come
 * from PostgreSQL, later days (today, and any day the rollup has not reached yet) from Redis. The two never
 * overlap, so a range spanning both is exact. Blocking: call from a worker.
 */
@ApplicationScoped
public class ClickData {

    /** Posts of an open day read from Redis (and looked up in the registry) at a time, for the export. */
    private static final int POSTS_PER_READ = 1_000;

    private final HistoryReader history;
    private final RedisCounters redis;
    private final PostRepository posts;
    private final Clock clock;
    private final long retentionDays;
    private final long hourRetentionHours;

    public ClickData(HistoryReader history, RedisCounters redis, PostRepository posts, Clock clock,
            SharepulseConfig config) {
        this.history = history;
        this.redis = redis;
        this.posts = posts;
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
    public record SiteDays(Map<LocalDate, NetworkCounts> clicks, Map<LocalDate, NetworkCounts> bots,
            Map<LocalDate, Long> uniques) {
        static SiteDays empty() {
            return new SiteDays(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        }
    }

    public Split split(String site, LocalDate from, LocalDate to) {
        Optional<HistoryReader.RollupState> state = history.rollupState(site);
        LocalDate mark = state.map(HistoryReader.RollupState::rolledThrough).orElse(null);
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
        return new Split(mark == null ? null : from, durableTo, live, state.map(HistoryReader.RollupState::version)
                .orElse(0L));
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

    /** Refusals per reason on the days from..to that Redis still keeps (see {@link RedisCounters#refusals}). */
    public Map<String, Long> refusals(String site, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        LocalDate last = to.isAfter(today) ? today : to;
        LocalDate first = from.isBefore(last.minusDays(800)) ? last.minusDays(800) : from;
        List<LocalDate> days = new java.util.ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return redis.refusals(site, days);
    }

    public Map<LocalDate, NetworkCounts> postDays(PostId post, Split split) {
        return bothStores(split, new TreeMap<>(), (from, to) -> history.postDays(post, from, to),
                days -> redis.postDays(post, days));
    }

    /**
     * Clicks per network in each UTC hour of the split's days. Redis keeps hours for the hour retention only, so
     * live days older than that (the rollup stopped for longer) have no hours: callers fall back to whole days.
     */
    public Map<LocalDateTime, NetworkCounts> siteHours(String site, Split split) {
        Map<LocalDateTime, NetworkCounts> out = new TreeMap<>();
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

    /** Clicks per network of these posts of the site over the split. */
    public Map<PostId, NetworkCounts> postNetworks(String site, Collection<PostId> posts, Split split) {
        return bothStores(split, new HashMap<>(), (from, to) -> history.postNetworks(site, posts, from, to),
                days -> redis.postNetworks(posts, days));
    }

    /** The site's counted clicks per device class and browser family over the split. */
    public Stats.Context siteContext(String site, Split split) {
        NetworkCounts all = split.hasDurable() ? history.siteContext(site, split.durableFrom(), split.durableTo())
                : new NetworkCounts();
        redis.siteContext(site, split.liveDays()).values().forEach(all::addAll);
        Map<String, Long> devices = new TreeMap<>();
        Map<String, Long> browsers = new TreeMap<>();
        all.forEach((field, clicks) -> {
            if (field.startsWith("d:")) {
                devices.put(field.substring(2), clicks);
            } else if (field.startsWith("b:")) {
                browsers.put(field.substring(2), clicks);
            }
        });
        return new Stats.Context(devices, browsers);
    }

    /** Arrivals per network of the site on each UTC day of the split. */
    public Map<LocalDate, NetworkCounts> siteArrivals(String site, Split split) {
        return bothStores(split, new TreeMap<>(), (from, to) -> history.siteArrivals(site, from, to),
                days -> redis.siteArrivals(site, days));
    }

    /** Arrivals per network of one post on each UTC day of the split. */
    public Map<LocalDate, NetworkCounts> postArrivalDays(PostId post, Split split) {
        return bothStores(split, new TreeMap<>(), (from, to) -> history.postArrivalDays(post, from, to),
                days -> redis.postArrivalDays(post, days));
    }

    /** Arrivals per network of these posts of the site over the split. */
    public Map<PostId, NetworkCounts> postArrivals(String site, Collection<PostId> posts, Split split) {
        return bothStores(split, new HashMap<>(), (from, to) -> history.postArrivals(site, posts, from, to),
                days -> redis.postArrivals(posts, days));
    }

    /**
     * Counts by day or by post over the split, into {@code out}: the closed days' from PostgreSQL plus the open
     * days' from Redis, summed per key (a day is only ever in one of them; a post's counts are in both).
     */
    private static <K> Map<K, NetworkCounts> bothStores(Split split, Map<K, NetworkCounts> out,
            BiFunction<LocalDate, LocalDate, Map<K, NetworkCounts>> closed,
            Function<List<LocalDate>, Map<K, NetworkCounts>> open) {
        if (split.hasDurable()) {
            out.putAll(closed.apply(split.durableFrom(), split.durableTo()));
        }
        open.apply(split.liveDays()).forEach((key, networks) ->
                out.computeIfAbsent(key, k -> new NetworkCounts()).addAll(networks));
        return out;
    }

    /** Closed days' posts read to rank by arrivals: the ranking is exact while the top posts are among them. */
    static final int ARRIVAL_CANDIDATES = 500;

    /**
     * The posts with the most arrivals over the split, most first (ties by id), at most {@code limit}: the closed
     * days' leaders from PostgreSQL plus every post Redis counts on the open days.
     */
    public List<Map.Entry<PostId, Long>> topArrivals(String site, Split split, int limit) {
        Map<PostId, Long> sums = new HashMap<>();
        if (split.hasDurable()) {
            sums.putAll(history.topArrivals(site, split.durableFrom(), split.durableTo(),
                    Math.max(limit, ARRIVAL_CANDIDATES)));
        }
        redis.topArrivals(site, split.liveDays()).forEach((post, n) -> sums.merge(post, n, Long::sum));
        return sums.entrySet().stream()
                .sorted(Map.Entry.<PostId, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().hash()))
                .limit(limit).toList();
    }

    /**
     * Every row (day, post, network, clicks, arrivals) of the split's days, ordered by day, post and network, with the post's
     * url and title: closed days from a PostgreSQL cursor, open days from Redis a thousand posts at a time, so
     * memory stays flat whatever the range.
     */
    public void exportRows(String site, Split split, RowSink sink) throws IOException {
        if (split.hasDurable()) {
            history.export(site, split.durableFrom(), split.durableTo(), sink);
        }
        for (LocalDate day : split.liveDays()) {
            java.util.Set<PostId> seen = new java.util.HashSet<>(redis.topOfDay(site, day).keySet());
            seen.addAll(redis.topArrivals(site, List.of(day)).keySet());
            List<PostId> clicked = new ArrayList<>(seen);
            clicked.sort(Comparator.comparing(PostId::hash));
            for (int from = 0; from < clicked.size(); from += POSTS_PER_READ) {
                List<PostId> batch = clicked.subList(from, Math.min(clicked.size(), from + POSTS_PER_READ));
                Map<PostId, NetworkCounts> networks = redis.postNetworks(batch, List.of(day));
                Map<PostId, NetworkCounts> arrivals = redis.postArrivals(batch, List.of(day));
                Map<PostId, PostTarget> targets = posts.targets(batch);
                NetworkCounts none = new NetworkCounts();
                for (PostId post : batch) {
                    Optional<PostTarget> target = Optional.ofNullable(targets.get(post));
                    NetworkCounts shared = networks.getOrDefault(post, none);
                    NetworkCounts arrived = arrivals.getOrDefault(post, none);
                    java.util.TreeSet<String> ids = new java.util.TreeSet<>(shared.sorted().keySet());
                    ids.addAll(arrived.sorted().keySet());
                    for (String network : ids) {
                        sink.accept(new ExportRow(day, post, target.map(PostTarget::url).orElse(null),
                                target.map(PostTarget::title).orElse(null), network, shared.get(network),
                                arrived.get(network)));
                    }
                }
            }
        }
    }
}
