package io.sharepulse.analytics;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import io.sharepulse.post.PostRepository;
import io.sharepulse.post.PostTarget;
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

    private final SiteService sites;
    private final NetworkCatalog catalog;
    private final ClickData data;
    private final PostRepository posts;
    private final PostRanking ranking;

    public StatsService(SiteService sites, NetworkCatalog catalog, ClickData data, PostRepository posts,
            PostRanking ranking) {
        this.sites = sites;
        this.catalog = catalog;
        this.data = data;
        this.posts = posts;
        this.ranking = ranking;
    }

    public Series stats(String siteId, StatsParams.Query query) {
        DateRange range = query.range();
        Interval interval = query.interval();
        SiteView site = sites.get(siteId);
        Optional<String> network = query.network().map(Network::id);
        Buckets buckets = new Buckets(range, interval);
        Split split = data.split(site.id(), range.firstUtcDay(), range.lastUtcDay());
        boolean byHour = interval == Interval.HOUR || !range.isUtc();
        Map<String, Long> networkTotals = new TreeMap<>();

        if (query.post().isPresent()) {
            PostId post = knownPost(site.id(), query.post().get()).post();
            if (byHour) {
                throw ProblemException.badRequest("post-series-by-day", "A post's clicks are kept per UTC day: use "
                        + "interval=day or month without tz (or tz=UTC).");
            }
            data.postDays(post, split).forEach((day, counts) -> add(buckets.clicks, buckets,
                    day.atStartOfDay().toInstant(ZoneOffset.UTC), counts, network, networkTotals));
            data.postArrivalDays(post, split).forEach((day, counts) -> add(buckets.arrivals, buckets,
                    day.atStartOfDay().toInstant(ZoneOffset.UTC), counts, network, null));
            return series(site, range, interval, network, Optional.of(post), buckets, networkTotals, false, false,
                    true);
        }

        ClickData.SiteDays summary = data.siteSummary(site.id(), split);
        Map<LocalDate, NetworkCounts> days = summary.clicks();
        if (byHour) {
            Map<LocalDateTime, NetworkCounts> hours = data.siteHours(site.id(), split);
            Set<LocalDate> dayHasHours = new HashSet<>();
            hours.forEach((hour, counts) -> {
                dayHasHours.add(hour.toLocalDate());
                add(buckets.clicks, buckets, hour.toInstant(ZoneOffset.UTC), counts, network, networkTotals);
            });
            // Hours lost (the rollup stopped for longer than Redis keeps hours): place the whole day at its noon.
            if (interval != Interval.HOUR) {
                days.forEach((day, counts) -> {
                    if (!dayHasHours.contains(day)) {
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
            data.siteArrivals(site.id(), split).forEach((day, counts) -> add(buckets.arrivals, buckets, noon(day),
                    counts, network, null));
            if (network.isEmpty()) {
                summary.uniques().forEach((day, u) -> {
                    int i = buckets.index(noon(day));
                    if (i >= 0) {
                        buckets.uniques[i] += u;
                    }
                });
            }
        }
        return series(site, range, interval, network, Optional.empty(), buckets, networkTotals, daily,
                daily && network.isEmpty(), daily);
    }

    public Stats.Networks networks(String siteId, DateRange range) {
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
        return new Stats.Networks(site.id(), range.from().toString(), range.to().toString(), total, bots, list,
                data.refusals(site.id(), range.from(), range.to()));
    }

    public TopPosts posts(String siteId, DateRange range, PostsParams.Paging paging) {
        SiteView site = sites.get(siteId);
        Split split = data.split(site.id(), range.from(), range.to());
        PostRanking.Page ranked = ranking.rank(site.id(), split, paging.descending(), paging.offset(), paging.limit());
        List<PostId> page = ranked.posts().stream().map(PostRanking.RankedPost::post).toList();
        // Per-network detail and titles for the page only, never for every post of the range.
        Map<PostId, NetworkCounts> perNetwork = data.postNetworks(site.id(), page, split);
        Map<PostId, NetworkCounts> arrivals = data.postArrivals(site.id(), page, split);
        Map<PostId, PostTarget> targets = posts.targets(page);
        List<TopPost> top = new ArrayList<>();
        for (PostRanking.RankedPost row : ranked.posts()) {
            Map<String, Long> networks = perNetwork.getOrDefault(row.post(), new NetworkCounts()).sorted();
            Optional<PostTarget> target = Optional.ofNullable(targets.get(row.post()));
            top.add(new TopPost(row.post().value(), target.map(PostTarget::url).orElse(null),
                    target.map(PostTarget::title).orElse(null), row.clicks(), topNetwork(networks).orElse(null),
                    networks, arrivals.getOrDefault(row.post(), new NetworkCounts()).total()));
        }
        return new TopPosts(site.id(), range.from().toString(), range.to().toString(), paging.order(),
                paging.limit(), paging.offset(), (int) ranked.clickedPosts(), top);
    }

    public PostStats post(String siteId, PostId rawPost, DateRange range, Interval interval) {
        SiteView site = sites.get(siteId);
        KnownPost post = knownPost(site.id(), rawPost);
        Buckets buckets = new Buckets(range, interval);
        Map<String, Long> networks = new TreeMap<>();
        Split split = data.split(site.id(), range.firstUtcDay(), range.lastUtcDay());
        data.postDays(post.post(), split).forEach((day, counts) -> add(buckets.clicks, buckets,
                day.atStartOfDay().toInstant(ZoneOffset.UTC), counts, Optional.empty(), networks));
        Map<String, Long> arrivals = new TreeMap<>();
        data.postArrivalDays(post.post(), split).forEach((day, counts) -> add(buckets.arrivals, buckets,
                day.atStartOfDay().toInstant(ZoneOffset.UTC), counts, Optional.empty(), arrivals));
        long total = networks.values().stream().mapToLong(Long::longValue).sum();
        Optional<io.sharepulse.post.Post> row = posts.find(post.post());
        return new PostStats(post.post().value(), post.target().url(), post.target().title(),
                post.target().media(), row.map(p -> p.locked).orElse(false), range.from().toString(),
                range.to().toString(), interval.id(), total, networks, arrivals, buckets.list(false, false, true));
    }

    /**
     * Shares and arrivals of the range against the range of the same length just before it; networks ranked by
     * arrivals per share; the {@code limit} posts with the most arrivals, with their titles.
     */
    public Stats.Attribution attribution(String siteId, DateRange range, int limit) {
        SiteView site = sites.get(siteId);
        long days = java.time.temporal.ChronoUnit.DAYS.between(range.from(), range.to()) + 1;
        LocalDate previousTo = range.from().minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(days - 1);
        Split split = data.split(site.id(), range.from(), range.to());
        Split before = data.split(site.id(), previousFrom, previousTo);

        NetworkCounts shares = sum(data.siteSummary(site.id(), split).clicks());
        NetworkCounts arrivals = sum(data.siteArrivals(site.id(), split));
        Stats.Period current = period(range.from(), range.to(), shares.total(), arrivals.total());
        Stats.Period previous = period(previousFrom, previousTo,
                sum(data.siteSummary(site.id(), before).clicks()).total(),
                sum(data.siteArrivals(site.id(), before)).total());
        Stats.Change change = new Stats.Change(change(current.shares(), previous.shares()),
                change(current.arrivals(), previous.arrivals()),
                current.arrivalsPerShare() == null || previous.arrivalsPerShare() == null
                        || previous.arrivalsPerShare() == 0 ? null
                        : round(current.arrivalsPerShare() / previous.arrivalsPerShare() - 1, 4));

        Set<String> ids = new java.util.LinkedHashSet<>();
        shares.sorted().keySet().forEach(ids::add);
        arrivals.sorted().keySet().forEach(ids::add);
        List<Stats.NetworkAttribution> networks = new ArrayList<>();
        for (String id : ids) {
            String name = catalog.find(id).map(Network::name).orElse(id);
            long s = shares.get(id);
            long a = arrivals.get(id);
            Double ratio = ratio(a, s);
            networks.add(new Stats.NetworkAttribution(id, name, s, a, ratio, name + ": " + s + (s == 1 ? " share, "
                    : " shares, ") + a + (a == 1 ? " visit" : " visits") + (ratio == null ? ""
                    : ", " + String.format(java.util.Locale.ROOT, "%.1f", (double) a / s) + " visits per share")));
        }
        networks.sort(Comparator.comparing((Stats.NetworkAttribution n) -> n.arrivalsPerShare() == null ? -1
                : n.arrivalsPerShare()).reversed().thenComparing(Comparator.comparingLong(
                        Stats.NetworkAttribution::arrivals).reversed()));

        List<Map.Entry<PostId, Long>> top = data.topArrivals(site.id(), split, limit);
        List<PostId> page = top.stream().map(Map.Entry::getKey).toList();
        Map<PostId, NetworkCounts> postShares = data.postNetworks(site.id(), page, split);
        Map<PostId, PostTarget> targets = posts.targets(page);
        List<Stats.PostAttribution> postList = new ArrayList<>();
        for (Map.Entry<PostId, Long> row : top) {
            Optional<PostTarget> target = Optional.ofNullable(targets.get(row.getKey()));
            long s = postShares.getOrDefault(row.getKey(), new NetworkCounts()).total();
            postList.add(new Stats.PostAttribution(row.getKey().value(), target.map(PostTarget::url).orElse(null),
                    target.map(PostTarget::title).orElse(null), s, row.getValue(), ratio(row.getValue(), s)));
        }
        String summary = current.arrivals() + (current.arrivals() == 1 ? " visit" : " visits")
                + (change.arrivals() == null ? "" : ", " + percent(change.arrivals()) + " vs the " + days
                        + (days == 1 ? " day" : " days") + " before");
        return new Stats.Attribution(site.id(), current, previous, change, summary, networks, postList,
                data.siteContext(site.id(), split));
    }

    /** "+18 %", "-3 %", "±0 %". */
    static String percent(double change) {
        long p = Math.round(change * 100);
        return (p > 0 ? "+" : p == 0 ? "±" : "") + p + " %";
    }

    private static Stats.Period period(LocalDate from, LocalDate to, long shares, long arrivals) {
        return new Stats.Period(from.toString(), to.toString(), shares, arrivals, ratio(arrivals, shares));
    }

    private static Double ratio(long arrivals, long shares) {
        return shares == 0 ? null : round((double) arrivals / shares, 2);
    }

    private static Double change(long now, long before) {
        return before == 0 ? null : round((double) (now - before) / before, 4);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static NetworkCounts sum(Map<LocalDate, NetworkCounts> days) {
        NetworkCounts out = new NetworkCounts();
        days.values().forEach(out::addAll);
        return out;
    }

    private record KnownPost(PostId post, PostTarget target) {
    }

    /** A post of this site that the registry knows, with where it points, or 404 (also for another site's post). */
    private KnownPost knownPost(String site, PostId post) {
        if (!post.site().equals(site)) {
            throw unknownPost();
        }
        PostTarget target = posts.targets(List.of(post)).get(post);
        if (target == null) {
            throw unknownPost();
        }
        return new KnownPost(post, target);
    }

    static ProblemException unknownPost() {
        return ProblemException.notFound("unknown-post", "This site has no post with this id.");
    }

    /** The network with the most clicks (ties: the first id); empty when none has any. */
    private static Optional<String> topNetwork(Map<String, Long> networks) {
        String top = null;
        long best = 0;
        for (var e : new TreeMap<>(networks).entrySet()) {
            if (e.getValue() > best) {
                top = e.getKey();
                best = e.getValue();
            }
        }
        return Optional.ofNullable(top);
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    /** Adds a datum's clicks (of one network, or all) to the bucket holding {@code at}, if any. */
    private static void add(long[] target, Buckets buckets, Instant at, NetworkCounts counts,
            Optional<String> network, Map<String, Long> networkTotals) {
        int i = buckets.index(at);
        if (i < 0) {
            return;
        }
        counts.forEach((n, c) -> {
            if (network.isEmpty() || network.get().equals(n)) {
                target[i] += c;
                if (networkTotals != null) {
                    networkTotals.merge(n, c, Long::sum);
                }
            }
        });
    }

    private Series series(SiteView site, DateRange range, Interval interval, Optional<String> network,
            Optional<PostId> post, Buckets buckets, Map<String, Long> networkTotals, boolean bots, boolean uniques,
            boolean arrivals) {
        long clicks = Arrays.stream(buckets.clicks).sum();
        Totals totals = new Totals(clicks, bots ? Arrays.stream(buckets.bots).sum() : null,
                uniques ? Arrays.stream(buckets.uniques).sum() : null, networkTotals,
                arrivals ? Arrays.stream(buckets.arrivals).sum() : null);
        return new Series(site.id(), range.from().toString(), range.to().toString(), interval.id(),
                range.zone().getId(), network.orElse(null), post.map(PostId::value).orElse(null), totals,
                buckets.list(bots, uniques, arrivals));
    }

    /** The zero-filled buckets of a range: the first starts at the range's start, the others on interval edges. */
    static final class Buckets {
        final Instant[] starts;
        final Instant end;
        final ZoneId zone;
        final long[] clicks;
        final long[] bots;
        final long[] uniques;
        final long[] arrivals;

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
            this.arrivals = new long[starts.length];
        }

        /** The bucket holding the instant, or -1 outside the range. */
        int index(Instant at) {
            if (at.isBefore(starts[0]) || !at.isBefore(end)) {
                return -1;
            }
            int i = Arrays.binarySearch(starts, at);
            return i >= 0 ? i : -i - 2;
        }

        List<Bucket> list(boolean withBots, boolean withUniques, boolean withArrivals) {
            List<Bucket> out = new ArrayList<>(starts.length);
            for (int i = 0; i < starts.length; i++) {
                out.add(new Bucket(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(starts[i].atZone(zone)),
                        starts[i].getEpochSecond(), clicks[i], withBots ? bots[i] : null,
                        withUniques ? uniques[i] : null, withArrivals ? arrivals[i] : null));
            }
            return out;
        }
    }
}
