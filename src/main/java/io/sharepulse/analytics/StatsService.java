package io.sharepulse.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.analytics.ClickData.Split;
import io.sharepulse.analytics.Stats.Bucket;
import io.sharepulse.analytics.Stats.NetworkShare;
import io.sharepulse.analytics.Stats.PostStats;
import io.sharepulse.analytics.Stats.Series;
import io.sharepulse.analytics.Stats.TopPost;
import io.sharepulse.analytics.Stats.TopPosts;
import io.sharepulse.analytics.Stats.Totals;
import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;
import io.sharepulse.site.SiteService;
import io.sharepulse.site.SiteView;

/**
 * The analytics answers: series with zero-filled buckets, network shares, top posts, one post. Blocking (reads
 * PostgreSQL and Redis): resources call it from worker threads.
 *
 * <p>Clicks are kept per UTC hour (site) and per UTC day (site and post). A series in another time zone is built
 * from hours; uniques and bots exist per UTC day only, so each UTC day's figure goes to the bucket holding its
 * noon — the local day it overlaps most.
 */
@ApplicationScoped
public class StatsService {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    private final SiteService sites;
    private final NetworkCatalog catalog;
    private final ClickData data;
    private final ClickHistory history;
    private final PostRanking ranking;
    private final Clock clock;

    public StatsService(SiteService sites, NetworkCatalog catalog, ClickData data, ClickHistory history,
            PostRanking ranking, Clock clock) {
        this.sites = sites;
        this.catalog = catalog;
        this.data = data;
        this.history = history;
        this.ranking = ranking;
        this.clock = clock;
    }

    public Series stats(String siteId, String from, String to, String rawInterval, String tz, String rawNetwork,
            String rawPost) {
        Interval interval = Interval.parse(rawInterval).orElseThrow(() -> ProblemException.badRequest(
                "invalid-interval", "'interval' must be hour, day or month."));
        DateRange range = DateRange.parse(from, to, tz, interval, clock);
        SiteView site = sites.get(siteId);
        String network = rawNetwork == null || rawNetwork.isBlank() ? null : network(rawNetwork);
        Buckets buckets = new Buckets(range, interval);
        Split split = data.split(site.id(), range.firstUtcDay(), range.lastUtcDay());
        boolean byHour = interval == Interval.HOUR || !range.isUtc();
        Map<String, Long> networkTotals = new TreeMap<>();

        if (rawPost != null && !rawPost.isBlank()) {
            String post = knownPost(site.id(), rawPost).hash();
            if (byHour) {
                throw ProblemException.badRequest("post-series-by-day", "A post's clicks are kept per UTC day: use "
                        + "interval=day or month without tz (or tz=UTC).");
            }
            data.postDays(site.id(), post, split).forEach((day, counts) -> add(buckets.clicks, buckets,
                    day.atStartOfDay().toInstant(ZoneOffset.UTC), counts, network, networkTotals));
            return series(site, range, interval, network, rawPost, buckets, networkTotals, false, false);
        }

        ClickData.SiteDays summary = data.siteSummary(site.id(), split);
        Map<LocalDate, Map<String, Long>> days = summary.clicks();
        if (byHour) {
            Map<LocalDateTime, Map<String, Long>> hours = data.siteHours(site.id(), split);
            Map<LocalDate, Boolean> dayHasHours = new HashMap<>();
            hours.forEach((hour, counts) -> {
                dayHasHours.put(hour.toLocalDate(), true);
                add(buckets.clicks, buckets, hour.toInstant(ZoneOffset.UTC), counts, network, networkTotals);
            });
            // Hours lost (the rollup stopped for longer than Redis keeps hours): place the whole day at its noon.
            if (interval != Interval.HOUR) {
                days.forEach((day, counts) -> {
                    if (!dayHasHours.containsKey(day)) {
                        add(buckets.clicks, buckets, noon(day), counts, network, networkTotals);
                    }
                });
            }
        } else {
            days.forEach((day, counts) -> add(buckets.clicks, buckets, day.atStartOfDay().toInstant(ZoneOffset.UTC),
                    counts, network, networkTotals));
        }
        boolean daily = interval != Interval.HOUR;
        if (daily) {
            summary.bots().forEach((day, counts) -> add(buckets.bots, buckets, noon(day), counts, network, null));
            if (network == null) {
                summary.uniques().forEach((day, u) -> {
                    int i = buckets.index(noon(day));
                    if (i >= 0) {
                        buckets.uniques[i] += u;
                    }
                });
            }
        }
        return series(site, range, interval, network, null, buckets, networkTotals, daily, daily && network == null);
    }

    public Stats.Networks networks(String siteId, String from, String to) {
        DateRange range = DateRange.parse(from, to, null, Interval.DAY, clock);
        SiteView site = sites.get(siteId);
        Split split = data.split(site.id(), range.from(), range.to());
        Map<String, long[]> perNetwork = new LinkedHashMap<>();
        site.networks().forEach(n -> perNetwork.put(n, new long[2]));
        ClickData.SiteDays summary = data.siteSummary(site.id(), split);
        summary.clicks().values().forEach(counts -> counts.forEach((n, c) -> perNetwork
                .computeIfAbsent(n, k -> new long[2])[0] += c));
        summary.bots().values().forEach(counts -> counts.forEach((n, c) -> perNetwork
                .computeIfAbsent(n, k -> new long[2])[1] += c));
        long total = perNetwork.values().stream().mapToLong(v -> v[0]).sum();
        long bots = perNetwork.values().stream().mapToLong(v -> v[1]).sum();
        List<NetworkShare> list = new ArrayList<>();
        perNetwork.forEach((n, v) -> list.add(new NetworkShare(n, catalog.find(n).map(Network::name).orElse(n), v[0],
                total == 0 ? 0 : Math.round(v[0] * 10_000.0 / total) / 10_000.0, v[1])));
        list.sort(Comparator.comparingLong(NetworkShare::clicks).reversed()); // stable: bar order breaks ties
        return new Stats.Networks(site.id(), range.from().toString(), range.to().toString(), total, bots, list);
    }

    public TopPosts posts(String siteId, String from, String to, Integer rawLimit, Integer rawOffset, String rawOrder) {
        DateRange range = DateRange.parse(from, to, null, Interval.DAY, clock);
        int limit = rawLimit == null ? 20 : rawLimit;
        int offset = rawOffset == null ? 0 : rawOffset;
        String order = rawOrder == null || rawOrder.isBlank() ? "desc" : rawOrder;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-limit", "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ProblemException.badRequest("invalid-offset", "'offset' must be between 0 and " + MAX_OFFSET + ".");
        }
        if (!order.equals("desc") && !order.equals("asc")) {
            throw ProblemException.badRequest("invalid-order", "'order' must be desc (most clicks first) or asc.");
        }
        SiteView site = sites.get(siteId);
        Split split = data.split(site.id(), range.from(), range.to());
        PostRanking.Page ranked = ranking.rank(site.id(), split, order.equals("desc"), offset, limit);
        List<String> page = ranked.posts().stream().map(ClickHistory.BlockRow::postHash).toList();
        // Per-network detail and titles for the page only, never for every post of the range.
        Map<String, Map<String, Long>> perNetwork = data.postNetworks(site.id(), page, split);
        Map<String, ClickHistory.PostInfo> info = history.posts(site.id(), page);
        List<TopPost> posts = new ArrayList<>();
        for (ClickHistory.BlockRow row : ranked.posts()) {
            String hash = row.postHash();
            Map<String, Long> networks = new TreeMap<>(perNetwork.getOrDefault(hash, Map.of()));
            ClickHistory.PostInfo p = info.get(hash);
            posts.add(new TopPost(site.id() + "." + hash, p == null ? null : p.url(), p == null ? null : p.title(),
                    row.clicks(), topNetwork(networks), networks));
        }
        return new TopPosts(site.id(), range.from().toString(), range.to().toString(), order, limit, offset,
                (int) ranked.clickedPosts(), posts);
    }

    public PostStats post(String siteId, String rawPost, String from, String to, String rawInterval) {
        Interval interval = Interval.parse(rawInterval).filter(i -> i != Interval.HOUR).orElseThrow(
                () -> ProblemException.badRequest("invalid-interval", "'interval' must be day or month: a post's "
                        + "clicks are kept per UTC day."));
        DateRange range = DateRange.parse(from, to, null, interval, clock);
        SiteView site = sites.get(siteId);
        KnownPost post = knownPost(site.id(), rawPost);
        String hash = post.hash();
        ClickHistory.PostInfo info = post.info();
        Buckets buckets = new Buckets(range, interval);
        Map<String, Long> networks = new TreeMap<>();
        Split split = data.split(site.id(), range.firstUtcDay(), range.lastUtcDay());
        data.postDays(site.id(), hash, split).forEach((day, counts) -> add(buckets.clicks, buckets,
                day.atStartOfDay().toInstant(ZoneOffset.UTC), counts, null, networks));
        long total = networks.values().stream().mapToLong(Long::longValue).sum();
        return new PostStats(site.id() + "." + hash, info.url(), info.title(), range.from().toString(),
                range.to().toString(), interval.id(), total, networks, buckets.list(false, false));
    }

    /** A network id of the catalog (aliases accepted), or 400. */
    private String network(String raw) {
        return catalog.find(raw.strip()).map(Network::id).orElseThrow(() -> ProblemException.badRequest(
                "unknown-network", "'network' is not a network of the catalog (GET /api/v1/networks)."));
    }

    private record KnownPost(String hash, ClickHistory.PostInfo info) {
    }

    /** A post of this site that the registry knows, with its URL and title, or 404 (also for another site's post). */
    private KnownPost knownPost(String site, String rawPost) {
        PostId id = PostId.parse(rawPost).filter(p -> p.site().equals(site)).orElseThrow(StatsService::unknownPost);
        ClickHistory.PostInfo info = history.posts(site, List.of(id.hash())).get(id.hash());
        if (info == null) {
            throw unknownPost();
        }
        return new KnownPost(id.hash(), info);
    }

    private static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "This site has no post with this id.");
    }

    private static String topNetwork(Map<String, Long> networks) {
        String top = null;
        long best = 0;
        for (var e : new TreeMap<>(networks).entrySet()) {
            if (e.getValue() > best) {
                top = e.getKey();
                best = e.getValue();
            }
        }
        return top;
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    /** Adds a datum's clicks (of one network, or all) to the bucket holding {@code at}, if any. */
    private static void add(long[] target, Buckets buckets, Instant at, Map<String, Long> counts, String network,
            Map<String, Long> networkTotals) {
        int i = buckets.index(at);
        if (i < 0) {
            return;
        }
        counts.forEach((n, c) -> {
            if (network == null || network.equals(n)) {
                target[i] += c;
                if (networkTotals != null) {
                    networkTotals.merge(n, c, Long::sum);
                }
            }
        });
    }

    private Series series(SiteView site, DateRange range, Interval interval, String network, String post,
            Buckets buckets, Map<String, Long> networkTotals, boolean bots, boolean uniques) {
        long clicks = Arrays.stream(buckets.clicks).sum();
        Totals totals = new Totals(clicks, bots ? Arrays.stream(buckets.bots).sum() : null,
                uniques ? Arrays.stream(buckets.uniques).sum() : null, networkTotals);
        return new Series(site.id(), range.from().toString(), range.to().toString(), interval.id(),
                range.zone().getId(), network, post, totals, buckets.list(bots, uniques));
    }

    /** The zero-filled buckets of a range: the first starts at the range's start, the others on interval edges. */
    static final class Buckets {
        final Instant[] starts;
        final Instant end;
        final ZoneId zone;
        final long[] clicks;
        final long[] bots;
        final long[] uniques;

        Buckets(DateRange range, Interval interval) {
            this.zone = range.zone();
            this.end = range.endInstant();
            List<Instant> list = new ArrayList<>();
            ZonedDateTime s = range.from().atStartOfDay(zone);
            while (s.toInstant().isBefore(end)) {
                list.add(s.toInstant());
                s = switch (interval) {
                    case HOUR -> s.plusHours(1);
                    case DAY -> s.toLocalDate().plusDays(1).atStartOfDay(zone);
                    case MONTH -> s.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
                };
            }
            this.starts = list.toArray(Instant[]::new);
            this.clicks = new long[starts.length];
            this.bots = new long[starts.length];
            this.uniques = new long[starts.length];
        }

        /** The bucket holding the instant, or -1 outside the range. */
        int index(Instant at) {
            if (at.isBefore(starts[0]) || !at.isBefore(end)) {
                return -1;
            }
            int i = Arrays.binarySearch(starts, at);
            return i >= 0 ? i : -i - 2;
        }

        List<Bucket> list(boolean withBots, boolean withUniques) {
            List<Bucket> out = new ArrayList<>(starts.length);
            for (int i = 0; i < starts.length; i++) {
                out.add(new Bucket(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(starts[i].atZone(zone)),
                        starts[i].getEpochSecond(), clicks[i], withBots ? bots[i] : null,
                        withUniques ? uniques[i] : null));
            }
            return out;
        }
    }
}
