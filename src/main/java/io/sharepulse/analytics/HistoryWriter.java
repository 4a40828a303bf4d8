package io.sharepulse.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.post.PostId;

/**
 * The rollup's writes into the click history: each closed day of a site, the blocks and gaps the rankings read
 * (V5), and the site's rollup mark. Writes only ever raise a value ({@code greatest}), so a re-run, or a run after
 * Redis lost the day, never changes or lowers history. Blocking: call from a worker.
 */
@ApplicationScoped
public class HistoryWriter {

    /** First key of the rollup's per-site advisory lock (the second is the site id's hash). */
    private static final int LOCK_NAMESPACE = 0x5350_0001;

    private final HistoryDb db;

    public HistoryWriter(HistoryDb db) {
        this.db = db;
    }

    /** Writes one closed day of a site and moves its rollup mark to that day, in one transaction. */
    public void write(DaySnapshot day, Instant now) {
        write(day, DayExtras.NONE, now);
    }

    /** {@link #write(DaySnapshot, Instant)} with the day's arrivals, in the same transaction. */
    public void write(DaySnapshot day, DayExtras arrivals, Instant now) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                // One writer per site at a time (other pods too): the blocks add what this write raised, which
                // is only right against a click_day no one else is changing.
                try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                    st.setInt(1, LOCK_NAMESPACE);
                    st.setString(2, day.site());
                    st.execute();
                }
                Map<String, NetworkCounts> before = dayRows(c, day.site(), day.day());
                writeRows(c, day);
                writeBlocks(c, day, before);
                writeExtras(c, day.site(), day.day(), arrivals);
                try (PreparedStatement st = c.prepareStatement("insert into rollup_state (site_id, rolled_through, "
                        + "updated_at, version) values (?, ?, ?, 1) on conflict (site_id) do update set rolled_through = "
                        + "greatest(rollup_state.rolled_through, excluded.rolled_through), updated_at = excluded.updated_at, "
                        + "version = rollup_state.version + 1")) {
                    st.setString(1, day.site());
                    st.setObject(2, day.day());
                    st.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    st.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw HistoryDb.unavailable(e);
        }
    }

    /** Clicks per post and network already in click_day for the day (empty for a day not yet rolled up). */
    private static Map<String, NetworkCounts> dayRows(Connection c, String site, LocalDate day)
            throws SQLException {
        Map<String, NetworkCounts> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "select post_hash, network, clicks from click_day where site_id = ? and day = ?")) {
            st.setString(1, site);
            st.setObject(2, day);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), p -> new NetworkCounts()).add(rs.getString(2), rs.getLong(3));
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
    private static void writeBlocks(Connection c, DaySnapshot day, Map<String, NetworkCounts> before)
            throws SQLException {
        List<String> raised = new ArrayList<>();
        List<Long> rises = new ArrayList<>();
        List<String> firstClicks = new ArrayList<>();
        NetworkCounts none = new NetworkCounts();
        day.posts().forEach((post, counts) -> {
            NetworkCounts old = before.getOrDefault(post.hash(), none);
            long[] rise = new long[1];
            counts.forEach((network, clicks) -> rise[0] += Math.max(0, clicks - old.get(network)));
            if (rise[0] > 0) {
                raised.add(post.hash());
                rises.add(rise[0]);
                if (old.total() == 0) {
                    firstClicks.add(post.hash());
                }
            }
        });
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
            Blocks.bind(st, 4, blocks);
            st.executeUpdate();
        }
    }

    private static void writeRows(Connection c, DaySnapshot day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into click_day (site_id, day, post_hash, network, clicks) "
                + "values (?, ?, ?, ?, ?) on conflict (site_id, day, post_hash, network) do update set clicks = "
                + "greatest(click_day.clicks, excluded.clicks)")) {
            int n = 0;
            for (Map.Entry<PostId, NetworkCounts> post : day.posts().entrySet()) {
                for (Map.Entry<String, Long> network : post.getValue().entries()) {
                    st.setString(1, day.site());
                    st.setObject(2, day.day());
                    st.setString(3, post.getKey().hash());
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
                for (var network : hour.getValue().entries()) {
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

    private static void writeExtras(Connection c, String site, LocalDate day, DayExtras arrivals)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into arrival_day (site_id, day, post_hash, network, "
                + "arrivals) values (?, ?, ?, ?, ?) on conflict (site_id, day, post_hash, network) do update set "
                + "arrivals = greatest(arrival_day.arrivals, excluded.arrivals)")) {
            for (Map.Entry<PostId, NetworkCounts> post : arrivals.posts().entrySet()) {
                for (Map.Entry<String, Long> network : post.getValue().entries()) {
                    st.setString(1, site);
                    st.setObject(2, day);
                    st.setString(3, post.getKey().hash());
                    st.setString(4, network.getKey());
                    st.setLong(5, network.getValue());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
        writeSiteDay(c, "insert into site_arrival_day (site_id, day, network, arrivals) values (?, ?, ?, ?) "
                + "on conflict (site_id, day, network) do update set "
                + "arrivals = greatest(site_arrival_day.arrivals, excluded.arrivals)", site, day, arrivals.networks());
        writeSiteDay(c, "insert into site_context_day (site_id, day, field, clicks) values (?, ?, ?, ?) "
                + "on conflict (site_id, day, field) do update set "
                + "clicks = greatest(site_context_day.clicks, excluded.clicks)", site, day, arrivals.context());
    }

    /** One batch of a site's day: a row (site, day, field, count) per field of {@code counts} into {@code upsert}. */
    private static void writeSiteDay(Connection c, String upsert, String site, LocalDate day, NetworkCounts counts)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(upsert)) {
            for (Map.Entry<String, Long> field : counts.entries()) {
                st.setString(1, site);
                st.setObject(2, day);
                st.setString(3, field.getKey());
                st.setLong(4, field.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /**
     * Refreshes the planner's statistics of the history after a large backfill, so the first queries after it
     * get the plans the data needs instead of waiting for autovacuum.
     */
    public void analyze() {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("analyze click_day, site_day, site_hour, site_uniques, click_block, post_gap, post_last, arrival_day, "
                    + "site_arrival_day, site_context_day");
        } catch (SQLException e) {
            throw HistoryDb.unavailable(e);
        }
    }
}
