package io.sharepulse.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.post.PostId;
import io.sharepulse.site.SiteService;
import io.sharepulse.site.SiteView;

/**
 * Copies each closed UTC day of every live site from Redis into PostgreSQL: clicks per post and network, per
 * site and network (with bots), per UTC hour, the day's uniques, arrivals per post and network, and clicks per device class and browser. A site's days are written in order, each in
 * one transaction that also moves the site's rollup mark, so a crash resumes where it stopped. Values are upserted
 * as absolutes and only ever raised: re-running changes nothing, and running after Redis lost a day cannot erase it.
 *
 * <p>After a site's days, its posts nobody clicked whose time is up are removed ({@link UnclickedPosts}).
 *
 * <p>A day is closed {@link #GRACE} after UTC midnight, so a click recorded a moment late (a pod's clock, a slow
 * script) still lands before its day is copied. Several pods may run this at once: the writes are idempotent.
 */
@ApplicationScoped
public class ClickRollup {

    private static final Logger LOG = Logger.getLogger(ClickRollup.class);
    static final Duration GRACE = Duration.ofMinutes(5);
    /** A run that wrote this many rows (a backfill) refreshes the planner's statistics at once. */
    static final long ANALYZE_AFTER_ROWS = 100_000;

    /** What one run did; {@code forgottenPosts}: rows of posts nobody clicked, removed. */
    public record Report(int sites, int days, long rows, long forgottenPosts, long millis) {
    }

    private final SiteService sites;
    private final RedisCounters redis;
    private final HistoryReader history;
    private final HistoryWriter writer;
    private final UnclickedPosts unclicked;
    private final Clock clock;
    private final long retentionDays;
    private final ReentrantLock running = new ReentrantLock();

    public ClickRollup(SiteService sites, RedisCounters redis, HistoryReader history, HistoryWriter writer,
            UnclickedPosts unclicked,
            Clock clock, SharepulseConfig config) {
        this.sites = sites;
        this.redis = redis;
        this.history = history;
        this.writer = writer;
        this.unclicked = unclicked;
        this.clock = clock;
        this.retentionDays = config.counting().retention().toDays();
    }

    @Scheduled(identity = "click-rollup", every = "${sharepulse.analytics.rollup-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Report report = run();
        if (report.days() > 0 || report.forgottenPosts() > 0) {
            LOG.infof("Rollup: %d days of %d sites, %d rows, %d unclicked posts removed in %d ms", report.days(),
                    report.sites(), report.rows(), report.forgottenPosts(), report.millis());
        }
    }

    /** Rolls every live site up to its last closed day. */
    public Report run() {
        running.lock();
        try {
            long start = System.nanoTime();
            Instant now = clock.instant();
            LocalDate lastClosed = LocalDate.ofInstant(now.minus(GRACE), ZoneOffset.UTC).minusDays(1);
            int siteCount = 0;
            int days = 0;
            long rows = 0;
            long forgotten = 0;
            for (SiteView site : sites.list()) {
                LocalDate oldest = lastClosed.minusDays(retentionDays);
                LocalDate first = history.rolledThrough(site.id()).map(d -> d.plusDays(1))
                        .orElse(LocalDate.ofInstant(site.createdAt(), ZoneOffset.UTC));
                if (first.isBefore(oldest)) {
                    first = oldest;
                }
                boolean any = false;
                for (LocalDate day = first; !day.isAfter(lastClosed); day = day.plusDays(1)) {
                    rows += rollDay(site.id(), day, now);
                    days++;
                    any = true;
                }
                siteCount += any ? 1 : 0;
                LocalDate mark = history.rolledThrough(site.id()).orElse(null);
                if (mark != null) {
                    forgotten += unclicked.forget(site.id(), mark);
                }
            }
            if (rows >= ANALYZE_AFTER_ROWS) {
                writer.analyze();
            }
            return new Report(siteCount, days, rows, forgotten, (System.nanoTime() - start) / 1_000_000);
        } finally {
            running.unlock();
        }
    }

    /** Copies one day of one site (again: harmless) and moves its mark; returns the rows written. */
    public long rollDay(String site, LocalDate day, Instant now) {
        Map<PostId, Long> top = redis.topOfDay(site, day);
        // RedisCounters sends long lists in batches of its own.
        Map<PostId, NetworkCounts> posts = redis.postNetworks(top.keySet(), List.of(day));
        List<LocalDateTime> hours = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            hours.add(day.atTime(h, 0));
        }
        ClickData.SiteDays summary = redis.siteSummary(site, List.of(day));
        DaySnapshot snapshot = new DaySnapshot(site, day,
                summary.clicks().getOrDefault(day, new NetworkCounts()),
                summary.bots().getOrDefault(day, new NetworkCounts()),
                redis.siteHours(site, hours),
                summary.uniques().getOrDefault(day, 0L),
                posts);
        Map<PostId, NetworkCounts> arrived = redis.postArrivals(redis.topArrivals(site, List.of(day)).keySet(),
                List.of(day));
        DayExtras arrivals = new DayExtras(redis.siteArrivals(site, List.of(day))
                .getOrDefault(day, new NetworkCounts()), arrived,
                redis.siteContext(site, List.of(day)).getOrDefault(day, new NetworkCounts()));
        writer.write(snapshot, arrivals, now);
        return posts.values().stream().mapToLong(NetworkCounts::size).sum() + snapshot.networks().size()
                + arrived.values().stream().mapToLong(NetworkCounts::size).sum() + arrivals.networks().size()
                + snapshot.hours().values().stream().mapToLong(NetworkCounts::size).sum();
    }
}
