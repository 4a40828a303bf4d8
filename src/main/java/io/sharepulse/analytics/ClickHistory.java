package io.sharepulse.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** First key of the rollup's per-site advisory lock (the second is the site id's hash). */
    private static final int LOCK_NAMESPACE = 0x5350_0001;

    private final AgroalDataSource db;

    public ClickHistory(AgroalDataSource db) {
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
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "select rolled_through, version from rollup_state where site_id = ?")) {
            st.setString(1, site);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new RollupState(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                        : Optional.empty();
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
                // One writer per site at a time (other pods too): the blocks add what this write raised, which
                // is only right against a click_day no one else is changing.
                try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                    st.setInt(1, LOCK_NAMESPACE);
                    st.setString(2, day.site());
                    st.execute();
                }
                Map<String, Map<String, Long>> before = dayRows(c, day.site(), day.day());
                writeRows(c, day);
                writeBlocks(c, day, before);
                try (PreparedStatement st = c.prepareStatement("insert into rollup_state (site_id, rolled_through, "
                        + "updated_at, version) values (?, ?, ?, 1) on conflict (site_id) do update set rolled_through = "
                        + "greatest(rollup_state.rolled_through, excluded.rolled_through), updated_at = excluded.updated_at, "
                        + "version = rollup_state.version + 1")) {
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

    /** Clicks per post and network already in click_day for the day (empty for a day not yet rolled up). */
    private static Map<String, Map<String, Long>> dayRows(Connection c, String site, LocalDate day)
            throws SQLException {
        Map<String, Map<String, Long>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "select post_hash, network, clicks from click_day where site_id = ? and day = ?")) {
            st.setString(1, site);
            st.setObject(2, day);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), p -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /**
     * Keeps click_block and post_gap (V5) in step with click_day: each post's rise on the day (click_day keeps
     * the greater value) is added to the four blocks holding the day, and a post clicked on the day for the first
     * time moves the gaps around the day. A re-run raises nothing, so it adds nothing.
     */
    private static void writeBlocks(Connection c, DaySnapshot day, Map<String, Map<String, Long>> before)
            throws SQLException {
        List<String> raised = new ArrayList<>();
        List<Long> rises = new ArrayList<>();
        List<String> firstClicks = new ArrayList<>();
        for (var post : day.posts().entrySet()) {
            Map<String, Long> old = before.getOrDefault(post.getKey(), Map.of());
            long rise = 0;
            for (var network : post.getValue().entrySet()) {
                rise += Math.max(0, network.getValue() - old.getOrDefault(network.getKey(), 0L));
            }
            if (rise > 0) {
                raised.add(post.getKey());
                rises.add(rise);
                if (old.values().stream().mapToLong(Long::longValue).sum() == 0) {
                    firstClicks.add(post.getKey());
                }
            }
        }
        if (raised.isEmpty()) {
            return;
        }
        List<Blocks.Block> blocks = Blocks.holding(day.day());
        // Gaps first, from each post's last click day before this write. Only a day older than that (a re-run
        // that found a late click) needs the neighbouring click days from the 1-day blocks, not yet holding it.
        try (PreparedStatement st = c.prepareStatement("""
                with n(post_hash) as (select unnest(?::varchar[])),
                g as (
                  select case when l.last_day is null then '-infinity'::date
                              when l.last_day < ? then l.last_day
                              else coalesce((select max(b.start_day) from click_block b where b.site_id = ?
                                  and b.post_hash = n.post_hash and b.days = 1 and b.start_day < ?), '-infinity')
                         end as prev_day,
                         case when l.last_day > ? then (select min(b.start_day) from click_block b
                             where b.site_id = ? and b.post_hash = n.post_hash and b.days = 1 and b.start_day > ?)
                         end as next_day
                  from n left join post_last l on l.site_id = ? and l.post_hash = n.post_hash),
                e(day, prev_day, posts) as (
                  select ?::date, prev_day, 1 from g
                  union all select next_day, prev_day, -1 from g where next_day is not null
                  union all select next_day, ?::date, 1 from g where next_day is not null)
                insert into post_gap (site_id, day, prev_day, posts)
                select ?, day, prev_day, sum(posts) from e group by day, prev_day
                on conflict (site_id, day, prev_day) do update set posts = post_gap.posts + excluded.posts""")) {
            int i = 1;
            st.setArray(i++, c.createArrayOf("varchar", firstClicks.toArray()));
            st.setObject(i++, day.day());
            st.setString(i++, day.site());
            st.setObject(i++, day.day());
            st.setObject(i++, day.day());
            st.setString(i++, day.site());
            st.setObject(i++, day.day());
            st.setString(i++, day.site());
            st.setObject(i++, day.day());
            st.setObject(i++, day.day());
            st.setString(i, day.site());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("""
                insert into post_last (site_id, post_hash, last_day)
                select ?, unnest(?::varchar[]), ?
                on conflict (site_id, post_hash) do update set last_day = greatest(post_last.last_day, excluded.last_day)""")) {
            st.setString(1, day.site());
            st.setArray(2, c.createArrayOf("varchar", firstClicks.toArray()));
            st.setObject(3, day.day());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("""
                insert into click_block (site_id, post_hash, days, start_day, clicks)
                select ?, r.post_hash, b.days, b.start_day, r.rise
                from unnest(?::varchar[], ?::bigint[]) r(post_hash, rise)
                cross join unnest(?::smallint[], ?::date[]) b(days, start_day)
                on conflict (site_id, post_hash, days, start_day) do update set clicks = click_block.clicks + excluded.clicks""")) {
            st.setString(1, day.site());
            st.setArray(2, c.createArrayOf("varchar", raised.toArray()));
            st.setArray(3, c.createArrayOf("bigint", rises.toArray()));
            bindBlocks(st, 4, blocks);
            st.executeUpdate();
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

    /**
     * Clicks and bot hits per network, and uniques, of the site on each day of [from, to]: what a daily series
     * needs, in one round trip. Days without any are absent from each map.
     */
    public ClickData.SiteDays siteSummary(String site, LocalDate from, LocalDate to) {
        ClickData.SiteDays out = ClickData.SiteDays.empty();
        query("""
                select day, network, clicks, bots, null::bigint from site_day
                  where site_id = ? and day between ? and ? and (clicks > 0 or bots > 0)
                union all
                select day, null, null, null, uniques from site_uniques where site_id = ? and day between ? and ?""",
                st -> {
                    st.setString(1, site);
                    st.setObject(2, from);
                    st.setObject(3, to);
                    st.setString(4, site);
                    st.setObject(5, from);
                    st.setObject(6, to);
                }, rs -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    String network = rs.getString(2);
                    if (network == null) {
                        out.uniques().put(day, rs.getLong(5));
                        return;
                    }
                    if (rs.getLong(3) > 0) {
                        out.clicks().computeIfAbsent(day, d -> new HashMap<>()).put(network, rs.getLong(3));
                    }
                    if (rs.getLong(4) > 0) {
                        out.bots().computeIfAbsent(day, d -> new HashMap<>()).put(network, rs.getLong(4));
                    }
                });
        return out;
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

    /** A post and its clicks in one block (sorted access). */
    public record BlockRow(String postHash, long clicks) {
    }

    /**
     * The first {@code n} posts of each block by clicks (ties in post order), in one round trip: the sorted
     * access of the threshold algorithm. One list per block, in the blocks' order; a list shorter than
     * {@code n} holds the whole block.
     */
    public List<List<BlockRow>> blockPrefixes(String site, List<Blocks.Block> blocks, int n) {
        List<List<BlockRow>> out = new ArrayList<>(blocks.size());
        blocks.forEach(b -> out.add(new ArrayList<>()));
        query("""
                select b.i, x.post_hash, x.clicks
                from unnest(?::smallint[], ?::date[]) with ordinality b(days, start_day, i)
                cross join lateral (
                  select k.post_hash, k.clicks from click_block k
                  where k.site_id = ? and k.days = b.days and k.start_day = b.start_day
                  order by k.clicks desc, k.post_hash collate "C" limit ?) x
                order by b.i, x.clicks desc, x.post_hash collate "C"
                """, st -> {
                    bindBlocks(st, 1, blocks);
                    st.setString(3, site);
                    st.setInt(4, n);
                }, rs -> out.get(rs.getInt(1) - 1).add(new BlockRow(rs.getString(2), rs.getLong(3))));
        return out;
    }

    /** Clicks of each of these posts summed over the blocks (random access); posts without any are absent. */
    public Map<String, Long> blockTotals(String site, List<Blocks.Block> blocks, java.util.Collection<String> posts) {
        Map<String, Long> out = new HashMap<>();
        if (posts.isEmpty() || blocks.isEmpty()) {
            return out;
        }
        // One index range per post (its own rows, a few dozen at most), whatever the statistics say: with the post
        // in a join or filter, the planner was seen scanning every row of the blocks instead (110 ms, not 9).
        query("""
                select n.post_hash, t.clicks from unnest(?::varchar[]) n(post_hash)
                cross join lateral (
                  select sum(k.clicks) as clicks from click_block k
                  where k.site_id = ? and k.post_hash = n.post_hash
                    and (k.days, k.start_day) in (select * from unnest(?::smallint[], ?::date[]))) t
                where t.clicks is not null""", st -> {
                    st.setArray(1, st.getConnection().createArrayOf("varchar", posts.toArray()));
                    st.setString(2, site);
                    bindBlocks(st, 3, blocks);
                }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /**
     * One page of every post clicked in the blocks plus {@code extra} (clicks of days not rolled up yet), ranked
     * in SQL: by clicks ({@code desc} or not), ties in post order. Sums every block row: for pages the threshold
     * algorithm would reach only by reading most of the blocks anyway.
     */
    public List<BlockRow> rankAll(String site, List<Blocks.Block> blocks, Map<String, Long> extra, boolean desc,
            int offset, int limit) {
        List<BlockRow> out = new ArrayList<>();
        query("""
                select t.post_hash, sum(t.clicks) as total from (
                  select k.post_hash, k.clicks from click_block k
                  join unnest(?::smallint[], ?::date[]) b(days, start_day)
                    on k.days = b.days and k.start_day = b.start_day
                  where k.site_id = ?
                  union all
                  select * from unnest(?::varchar[], ?::bigint[])) t
                group by t.post_hash having sum(t.clicks) > 0
                order by total %s, t.post_hash collate "C" offset ? limit ?""".formatted(desc ? "desc" : "asc"),
                st -> {
                    bindBlocks(st, 1, blocks);
                    st.setString(3, site);
                    st.setArray(4, st.getConnection().createArrayOf("varchar", extra.keySet().toArray()));
                    st.setArray(5, st.getConnection().createArrayOf("bigint", extra.values().toArray()));
                    st.setInt(6, offset);
                    st.setInt(7, limit);
                }, rs -> out.add(new BlockRow(rs.getString(1), rs.getLong(2))));
        return out;
    }

    /** How many posts had at least one click in [from, to] (from post_gap: one sum over the range's days). */
    public long postsClicked(String site, LocalDate from, LocalDate to) {
        long[] out = new long[1];
        query("select coalesce(sum(posts), 0) from post_gap where site_id = ? and day between ? and ? "
                + "and prev_day < ?", st -> {
                    st.setString(1, site);
                    st.setObject(2, from);
                    st.setObject(3, to);
                    st.setObject(4, from);
                }, rs -> out[0] = rs.getLong(1));
        return out[0];
    }

    /** The last closed click day of each of these posts that has one (post_last). */
    public Map<String, LocalDate> lastClickDays(String site, java.util.Collection<String> posts) {
        Map<String, LocalDate> out = new HashMap<>();
        if (posts.isEmpty()) {
            return out;
        }
        query("""
                select n.post_hash, l.last_day from unnest(?::varchar[]) n(post_hash)
                join post_last l on l.site_id = ? and l.post_hash = n.post_hash""", st -> {
                    st.setArray(1, st.getConnection().createArrayOf("varchar", posts.toArray()));
                    st.setString(2, site);
                }, rs -> out.put(rs.getString(1), rs.getObject(2, LocalDate.class)));
        return out;
    }

    private static void bindBlocks(PreparedStatement st, int first, List<Blocks.Block> blocks) throws SQLException {
        st.setArray(first, st.getConnection().createArrayOf("smallint",
                blocks.stream().map(b -> (short) b.days()).toArray()));
        st.setArray(first + 1, st.getConnection().createArrayOf("date",
                blocks.stream().map(b -> b.start().toString()).toArray()));
    }

    /**
     * Refreshes the planner's statistics of the history after a large backfill, so the first queries after it
     * get the plans the data needs instead of waiting for autovacuum.
     */
    public void analyze() {
        try (Connection c = db.getConnection(); var st = c.createStatement()) {
            st.execute("analyze click_day, site_day, site_hour, site_uniques, click_block, post_gap, post_last");
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
