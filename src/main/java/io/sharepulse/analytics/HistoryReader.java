package io.sharepulse.analytics;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.post.PostId;

/**
 * Reads the click history for series, totals and the export: what the rollup ({@link HistoryWriter}) copied of
 * each closed day, and how far it got. Blocking: call from a worker.
 */
@ApplicationScoped
public class HistoryReader {

    /**
     * One row of the export: the post's url and title as the registry has them (null if it has not), its clicks
     * (shares) and arrivals (readers back through the tagged link) on the network that day.
     */
    public record ExportRow(LocalDate day, PostId post, String url, String title, String network, long clicks,
            long arrivals) {
    }

    /** Receives export rows one at a time, so they are never all in memory. */
    @FunctionalInterface
    public interface RowSink {
        void accept(ExportRow row) throws IOException;
    }

    private final HistoryDb db;

    public HistoryReader(HistoryDb db) {
        this.db = db;
    }

    /** The last day of the site written by the rollup; later days are still only in Redis. */
    public Optional<LocalDate> rolledThrough(String site) {
        return rollupState(site).map(RollupState::rolledThrough);
    }

    /** How far the site is rolled up, and a number that moves on every rollup write. */
    public record RollupState(LocalDate rolledThrough, long version) {
    }

    public Optional<RollupState> rollupState(String site) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "select rolled_through, version from rollup_state where site_id = ?")) {
            st.setString(1, site);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new RollupState(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw HistoryDb.unavailable(e);
        }
    }

    /**
     * Clicks and bot hits per network, and uniques, of the site on each day of [from, to]: what a daily series
     * needs, in one round trip. Days without any are absent from each map.
     */
    public ClickData.SiteDays siteSummary(String site, LocalDate from, LocalDate to) {
        ClickData.SiteDays out = ClickData.SiteDays.empty();
        db.query("""
                select day, network, clicks, bots, null::bigint from site_day
                  where site_id = ? and day between ? and ? and (clicks > 0 or bots > 0)
                union all
                select day, null, null, null, uniques from site_uniques where site_id = ? and day between ? and ?""",
                HistoryDb.siteRangeTwice(site, from, to), rs -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    String network = rs.getString(2);
                    if (network == null) {
                        out.uniques().put(day, rs.getLong(5));
                        return;
                    }
                    if (rs.getLong(3) > 0) {
                        out.clicks().computeIfAbsent(day, d -> new NetworkCounts()).add(network, rs.getLong(3));
                    }
                    if (rs.getLong(4) > 0) {
                        out.bots().computeIfAbsent(day, d -> new NetworkCounts()).add(network, rs.getLong(4));
                    }
                });
        return out;
    }

    /** Clicks per network of one post on each day of [from, to]. */
    public Map<LocalDate, NetworkCounts> postDays(PostId post, LocalDate from, LocalDate to) {
        return perNetwork(LocalDate.class, "select day, network, clicks from click_day where site_id = ? "
                + "and post_hash = ? and day between ? and ?", HistoryDb.postRange(post, from, to));
    }

    /** All-time clicks per network of one post, as far as closed days have been rolled up. */
    public Map<String, Long> postAllTime(PostId post) {
        Map<String, Long> out = new HashMap<>();
        db.query("select network, sum(clicks) from click_day where site_id = ? and post_hash = ? group by network",
                st -> {
                    st.setString(1, post.site());
                    st.setString(2, post.hash());
                }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Clicks per network of the site in each UTC hour of [from, to). */
    public Map<LocalDateTime, NetworkCounts> siteHours(String site, LocalDateTime from, LocalDateTime to) {
        return perNetwork(LocalDateTime.class,
                "select hour, network, clicks from site_hour where site_id = ? and hour >= ? and hour < ?",
                HistoryDb.siteRange(site, from, to));
    }

    /** Clicks per network of these posts of the site in [from, to] (a page of top posts). */
    public Map<PostId, NetworkCounts> postNetworks(String site, Collection<PostId> posts, LocalDate from,
            LocalDate to) {
        return perPostNetwork("click_day", "clicks", site, posts, from, to);
    }

    /** Arrivals per network of the site on each day of [from, to]. */
    public Map<LocalDate, NetworkCounts> siteArrivals(String site, LocalDate from, LocalDate to) {
        return perNetwork(LocalDate.class,
                "select day, network, arrivals from site_arrival_day where site_id = ? and day between ? and ?",
                HistoryDb.siteRange(site, from, to));
    }

    /** Counted clicks per device class and browser field ({@code d:mobile}, {@code b:firefox}) in [from, to]. */
    public NetworkCounts siteContext(String site, LocalDate from, LocalDate to) {
        NetworkCounts out = new NetworkCounts();
        db.query("select field, sum(clicks) from site_context_day where site_id = ? and day between ? and ? "
                + "group by field", HistoryDb.siteRange(site, from, to), rs -> out.add(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Arrivals per network of one post on each day of [from, to]. */
    public Map<LocalDate, NetworkCounts> postArrivalDays(PostId post, LocalDate from, LocalDate to) {
        return perNetwork(LocalDate.class, "select day, network, arrivals from arrival_day where site_id = ? "
                + "and post_hash = ? and day between ? and ?", HistoryDb.postRange(post, from, to));
    }

    /** Rows of (day or hour, network, count) as counts per network for each day or hour, in time order. */
    private <T> Map<T, NetworkCounts> perNetwork(Class<T> time, String sql, HistoryDb.Binder binder) {
        Map<T, NetworkCounts> out = new TreeMap<>();
        db.query(sql, binder, rs -> out.computeIfAbsent(rs.getObject(1, time), t -> new NetworkCounts())
                .add(rs.getString(2), rs.getLong(3)));
        return out;
    }

    /** Arrivals per network of these posts of the site in [from, to]. */
    public Map<PostId, NetworkCounts> postArrivals(String site, Collection<PostId> posts, LocalDate from,
            LocalDate to) {
        return perPostNetwork("arrival_day", "arrivals", site, posts, from, to);
    }

    /** Sums of {@code column} per post and network of {@code table}; both are ours, never a request's. */
    private Map<PostId, NetworkCounts> perPostNetwork(String table, String column, String site,
            Collection<PostId> posts, LocalDate from, LocalDate to) {
        Map<PostId, NetworkCounts> out = new HashMap<>();
        if (posts.isEmpty()) {
            return out;
        }
        List<String> hashes = new ArrayList<>(posts.size());
        posts.forEach(p -> hashes.add(p.hash()));
        db.query("select post_hash, network, sum(" + column + ") from " + table
                + " where site_id = ? and post_hash = any (?) and day between ? and ? group by post_hash, network",
                st -> {
                    st.setString(1, site);
                    st.setArray(2, HistoryDb.varchars(st, hashes));
                    st.setObject(3, from);
                    st.setObject(4, to);
                }, rs -> out.computeIfAbsent(new PostId(site, rs.getString(1)), p -> new NetworkCounts())
                        .add(rs.getString(2), rs.getLong(3)));
        return out;
    }

    /** Arrivals per post of the site in [from, to], for the posts with the most (at most {@code limit}). */
    public Map<PostId, Long> topArrivals(String site, LocalDate from, LocalDate to, int limit) {
        Map<PostId, Long> out = new HashMap<>();
        db.query("select post_hash, sum(arrivals) a from arrival_day where site_id = ? and day between ? and ? "
                + "group by post_hash order by a desc, post_hash limit ?",
                HistoryDb.siteRange(site, from, to).andThen(st -> st.setInt(4, limit)),
                rs -> out.put(new PostId(site, rs.getString(1)), rs.getLong(2)));
        return out;
    }

    /**
     * Streams the rows of [from, to] ordered by day, post and network from a server-side cursor (never the whole
     * result in memory). The one read here that joins the post registry's table: a lookup per page of rows through
     * PostRepository would add a query per 2,000 rows to an export of a million.
     */
    public void export(String site, LocalDate from, LocalDate to, RowSink sink) throws IOException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false); // PostgreSQL's driver only streams with a cursor inside a transaction
            // Arrivals beside the clicks of the same day, post and network; either may be missing (a post shared
            // and never visited, or visited through a link shared before the range).
            try (PreparedStatement st = c.prepareStatement("select coalesce(c.day, a.day), "
                    + "coalesce(c.post_hash, a.post_hash), p.url, p.title, coalesce(c.network, a.network), "
                    + "coalesce(c.clicks, 0), coalesce(a.arrivals, 0) "
                    + "from (select day, post_hash, network, clicks from click_day where site_id = ? "
                    + "and day between ? and ?) c full join (select day, post_hash, network, arrivals from arrival_day "
                    + "where site_id = ? and day between ? and ?) a on a.day = c.day and a.post_hash = c.post_hash "
                    + "and a.network = c.network left join post p on p.id = ? || '.' || coalesce(c.post_hash, "
                    + "a.post_hash) order by 1, 2, 5")) {
                st.setFetchSize(2_000);
                HistoryDb.siteRangeTwice(site, from, to).bind(st);
                st.setString(7, site);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ExportRow(rs.getObject(1, LocalDate.class), new PostId(site, rs.getString(2)),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw HistoryDb.unavailable(e);
        }
    }
}
