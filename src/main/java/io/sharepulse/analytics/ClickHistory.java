package io.sharepulse.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.sharepulse.platform.ProblemException;

/**
 * The durable click history in PostgreSQL (tables of {@code V3__click_history.sql}). Plain JDBC: the rollup writes
 * tens of thousands of rows per day in batches, and the analytics reads aggregate in SQL. Blocking: call from a
 * worker. Writes only ever raise a value ({@code greatest}), so a re-run, or a run after Redis lost the day, never
 * changes or lowers history.
 */
@ApplicationScoped
public class ClickHistory {

    /** A post's address and title, from the post registry. */
    public record PostInfo(String url, String title) {
    }

    /** One row of the export. */
    public record ExportRow(LocalDate day, String postHash, String url, String title, String network, long clicks) {
    }

    /** Receives export rows one at a time, so they are never all in memory. */
    @FunctionalInterface
    public interface RowSink {
        void accept(ExportRow row) throws java.io.IOException;
    }

    private static final Logger LOG = Logger.getLogger(ClickHistory.class);

    private final AgroalDataSource db;

    public ClickHistory(AgroalDataSource db) {
        this.db = db;
    }

    /** The last day of the site written by the rollup; later days are still only in Redis. */
    public Optional<LocalDate> rolledThrough(String site) {
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("select rolled_through from rollup_state where site_id = ?")) {
            st.setString(1, site);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, LocalDate.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Writes one closed day of a site and moves its rollup mark to that day, in one transaction. */
    public void write(DaySnapshot day, Instant now) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                writeRows(c, day);
                try (PreparedStatement st = c.prepareStatement("insert into rollup_state (site_id, rolled_through, "
                        + "updated_at) values (?, ?, ?) on conflict (site_id) do update set rolled_through = "
                        + "greatest(rollup_state.rolled_through, excluded.rolled_through), updated_at = excluded.updated_at")) {
                    st.setString(1, day.site());
                    st.setObject(2, day.day());
                    st.setObject(3, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                    st.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static void writeRows(Connection c, DaySnapshot day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into click_day (site_id, day, post_hash, network, clicks) "
                + "values (?, ?, ?, ?, ?) on conflict (site_id, day, post_hash, network) do update set clicks = "
                + "greatest(click_day.clicks, excluded.clicks)")) {
            int n = 0;
            for (var post : day.posts().entrySet()) {
                for (var network : post.getValue().entrySet()) {
                    st.setString(1, day.site());
                    st.setObject(2, day.day());
                    st.setString(3, post.getKey());
                    st.setString(4, network.getKey());
                    st.setLong(5, network.getValue());
                    st.addBatch();
                    if (++n % 1000 == 0) {
                        st.executeBatch();
                    }
                }
            }
            st.executeBatch();
        }
        Map<String, long[]> site = new TreeMap<>();
        day.networks().forEach((n, v) -> site.computeIfAbsent(n, k -> new long[2])[0] = v);
        day.bots().forEach((n, v) -> site.computeIfAbsent(n, k -> new long[2])[1] = v);
        try (PreparedStatement st = c.prepareStatement("insert into site_day (site_id, day, network, clicks, bots) "
                + "values (?, ?, ?, ?, ?) on conflict (site_id, day, network) do update set "
                + "clicks = greatest(site_day.clicks, excluded.clicks), bots = greatest(site_day.bots, excluded.bots)")) {
            for (var e : site.entrySet()) {
                st.setString(1, day.site());
                st.setObject(2, day.day());
                st.setString(3, e.getKey());
                st.setLong(4, e.getValue()[0]);
                st.setLong(5, e.getValue()[1]);
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("insert into site_hour (site_id, hour, network, clicks) "
                + "values (?, ?, ?, ?) on conflict (site_id, hour, network) do update set "
                + "clicks = greatest(site_hour.clicks, excluded.clicks)")) {
            for (var hour : day.hours().entrySet()) {
                for (var network : hour.getValue().entrySet()) {
                    st.setString(1, day.site());
                    st.setObject(2, hour.getKey());
                    st.setString(3, network.getKey());
                    st.setLong(4, network.getValue());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
        if (day.uniques() > 0) {
            try (PreparedStatement st = c.prepareStatement("insert into site_uniques (site_id, day, uniques) "
                    + "values (?, ?, ?) on conflict (site_id, day) do update set "
                    + "uniques = greatest(site_uniques.uniques, excluded.uniques)")) {
                st.setString(1, day.site());
                st.setObject(2, day.day());
                st.setLong(3, day.uniques());
                st.executeUpdate();
            }
        }
    }

    /** Clicks per network of the site on each day of [from, to]. */
    public Map<LocalDate, Map<String, Long>> siteDays(String site, LocalDate from, LocalDate to) {
        return dayNetworks("select day, network, clicks from site_day where site_id = ? and day between ? and ? "
                + "and clicks > 0", site, from, to);
    }

    /** Bot hits per network of the site on each day of [from, to]. */
    public Map<LocalDate, Map<String, Long>> botDays(String site, LocalDate from, LocalDate to) {
        return dayNetworks("select day, network, bots from site_day where site_id = ? and day between ? and ? "
                + "and bots > 0", site, from, to);
    }

    /** Clicks per network of one post on each day of [from, to]. */
    public Map<LocalDate, Map<String, Long>> postDays(String site, String postHash, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
        query("select day, network, clicks from click_day where site_id = ? and post_hash = ? and day between ? and ?",
                st -> {
                    st.setString(1, site);
                    st.setString(2, postHash);
                    st.setObject(3, from);
                    st.setObject(4, to);
                }, rs -> out.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new HashMap<>())
                        .merge(rs.getString(2), rs.getLong(3), Long::sum));
        return out;
    }

    /** All-time clicks per network of one post, as far as closed days have been rolled up. */
    public Map<String, Long> postAllTime(String site, String postHash) {
        Map<String, Long> out = new HashMap<>();
        query("select network, sum(clicks) from click_day where site_id = ? and post_hash = ? group by network",
                st -> {
                    st.setString(1, site);
                    st.setString(2, postHash);
                }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Clicks per network of the site in each UTC hour of [from, to). */
    public Map<LocalDateTime, Map<String, Long>> siteHours(String site, LocalDateTime from, LocalDateTime to) {
        Map<LocalDateTime, Map<String, Long>> out = new TreeMap<>();
        query("select hour, network, clicks from site_hour where site_id = ? and hour >= ? and hour < ?", st -> {
            st.setString(1, site);
            st.setObject(2, from);
            st.setObject(3, to);
        }, rs -> out.computeIfAbsent(rs.getObject(1, LocalDateTime.class), d -> new HashMap<>())
                .merge(rs.getString(2), rs.getLong(3), Long::sum));
        return out;
    }

    /** Distinct visitors (HyperLogLog estimate) on each day of [from, to]. */
    public Map<LocalDate, Long> uniques(String site, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> out = new TreeMap<>();
        query("select day, uniques from site_uniques where site_id = ? and day between ? and ?", st -> {
            st.setString(1, site);
            st.setObject(2, from);
            st.setObject(3, to);
        }, rs -> out.put(rs.getObject(1, LocalDate.class), rs.getLong(2)));
        return out;
    }

    /** Clicks of every post clicked in [from, to], summed in SQL (one row per post: what ranking needs). */
    public Map<String, Long> postTotals(String site, LocalDate from, LocalDate to) {
        Map<String, Long> out = new HashMap<>();
        query("select post_hash, sum(clicks) from click_day where site_id = ? and day between ? and ? "
                + "group by post_hash", st -> {
                    st.setString(1, site);
                    st.setObject(2, from);
                    st.setObject(3, to);
                }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Clicks per network of these posts in [from, to] (a page of top posts). */
    public Map<String, Map<String, Long>> postNetworks(String site, List<String> postHashes, LocalDate from,
            LocalDate to) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        if (postHashes.isEmpty()) {
            return out;
        }
        query("select post_hash, network, sum(clicks) from click_day where site_id = ? and post_hash = any (?) "
                + "and day between ? and ? group by post_hash, network", st -> {
                    st.setString(1, site);
                    st.setArray(2, st.getConnection().createArrayOf("varchar", postHashes.toArray()));
                    st.setObject(3, from);
                    st.setObject(4, to);
                }, rs -> out.computeIfAbsent(rs.getString(1), p -> new HashMap<>(4)).put(rs.getString(2), rs.getLong(3)));
        return out;
    }

    /**
     * Refreshes the planner's statistics of the history after a large backfill, so the first queries after it
     * get the plans the data needs instead of waiting for autovacuum.
     */
    public void analyze() {
        try (Connection c = db.getConnection(); var st = c.createStatement()) {
            st.execute("analyze click_day, site_day, site_hour, site_uniques");
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** URL and title of these posts of the site (from the post registry). */
    public Map<String, PostInfo> posts(String site, List<String> postHashes) {
        Map<String, PostInfo> out = new HashMap<>();
        if (postHashes.isEmpty()) {
            return out;
        }
        String[] ids = postHashes.stream().map(h -> site + "." + h).toArray(String[]::new);
        try (Connection c = db.getConnection();
                PreparedStatement st = c.prepareStatement("select id, url, title from post where id = any (?)")) {
            st.setArray(1, c.createArrayOf("varchar", ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.put(id.substring(id.lastIndexOf('.') + 1), new PostInfo(rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return out;
    }

    /**
     * Streams the rows of [from, to] ordered by day, post and network from a server-side cursor (never the whole
     * result in memory).
     */
    public void export(String site, LocalDate from, LocalDate to, RowSink sink) throws java.io.IOException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL's driver only streams with a cursor inside a transaction
            try (PreparedStatement st = c.prepareStatement("select c.day, c.post_hash, p.url, p.title, c.network, "
                    + "c.clicks from click_day c left join post p on p.id = c.site_id || '.' || c.post_hash "
                    + "where c.site_id = ? and c.day between ? and ? order by c.day, c.post_hash, c.network")) {
                st.setFetchSize(2_000);
                st.setString(1, site);
                st.setObject(2, from);
                st.setObject(3, to);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ExportRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getLong(6)));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private Map<LocalDate, Map<String, Long>> dayNetworks(String sql, String site, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Long>> out = new LinkedHashMap<>();
        query(sql, st -> {
            st.setString(1, site);
            st.setObject(2, from);
            st.setObject(3, to);
        }, rs -> out.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new HashMap<>())
                .put(rs.getString(2), rs.getLong(3)));
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** PostgreSQL failed: the admin API answers 503 (DESIGN §6), the cause goes to the log, not the client. */
    private static ProblemException unavailable(SQLException e) {
        LOG.warnf("Click history unavailable: %s", e.toString());
        return new ProblemException(503, "unavailable", "Service Unavailable",
                "The click history cannot be read right now; try again shortly.", null, 5);
    }
}
