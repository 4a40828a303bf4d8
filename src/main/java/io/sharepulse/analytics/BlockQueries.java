package io.sharepulse.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What {@link PostRanking} reads of a site's closed days: the day blocks of {@code click_block}, {@code post_gap}
 * and {@code post_last} (V5), kept by {@link HistoryWriter}. Posts are the site's post hashes, as the rows hold
 * them. Blocking: call from a worker.
 */
@ApplicationScoped
public class BlockQueries {

    private final HistoryDb db;

    public BlockQueries(HistoryDb db) {
        this.db = db;
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
        db.query("""
                select b.i, x.post_hash, x.clicks
                from unnest(?::smallint[], ?::date[]) with ordinality b(days, start_day, i)
                cross join lateral (
                  select k.post_hash, k.clicks from click_block k
                  where k.site_id = ? and k.days = b.days and k.start_day = b.start_day
                  order by k.clicks desc, k.post_hash collate "C" limit ?) x
                order by b.i, x.clicks desc, x.post_hash collate "C"
                """, st -> {
                    Blocks.bind(st, 1, blocks);
                    st.setString(3, site);
                    st.setInt(4, n);
                }, rs -> out.get(rs.getInt(1) - 1).add(new BlockRow(rs.getString(2), rs.getLong(3))));
        return out;
    }

    /** Clicks of each of these posts summed over the blocks (random access); posts without any are absent. */
    public Map<String, Long> blockTotals(String site, List<Blocks.Block> blocks, Collection<String> posts) {
        Map<String, Long> out = new HashMap<>();
        if (posts.isEmpty() || blocks.isEmpty()) {
            return out;
        }
        // One index range per post (its own rows, a few dozen at most), whatever the statistics say: with the post
        // in a join or filter, the planner was seen scanning every row of the blocks instead (110 ms, not 9).
        db.query("""
                select n.post_hash, t.clicks from unnest(?::varchar[]) n(post_hash)
                cross join lateral (
                  select sum(k.clicks) as clicks from click_block k
                  where k.site_id = ? and k.post_hash = n.post_hash
                    and (k.days, k.start_day) in (select * from unnest(?::smallint[], ?::date[]))) t
                where t.clicks is not null""", st -> {
                    st.setArray(1, HistoryDb.varchars(st, posts));
                    st.setString(2, site);
                    Blocks.bind(st, 3, blocks);
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
        db.query("""
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
                    Blocks.bind(st, 1, blocks);
                    st.setString(3, site);
                    st.setArray(4, HistoryDb.varchars(st, extra.keySet()));
                    st.setArray(5, st.getConnection().createArrayOf("bigint", extra.values().toArray()));
                    st.setInt(6, offset);
                    st.setInt(7, limit);
                }, rs -> out.add(new BlockRow(rs.getString(1), rs.getLong(2))));
        return out;
    }

    /** How many posts had at least one click in [from, to] (from post_gap: one sum over the range's days). */
    public long postsClicked(String site, LocalDate from, LocalDate to) {
        long[] out = new long[1];
        db.query("select coalesce(sum(posts), 0) from post_gap where site_id = ? and day between ? and ? "
                + "and prev_day < ?", HistoryDb.siteRange(site, from, to).andThen(st -> st.setObject(4, from)),
                rs -> out[0] = rs.getLong(1));
        return out[0];
    }

    /** The last closed click day of each of these posts that has one (post_last). */
    public Map<String, LocalDate> lastClickDays(String site, Collection<String> posts) {
        Map<String, LocalDate> out = new HashMap<>();
        if (posts.isEmpty()) {
            return out;
        }
        db.query("""
                select n.post_hash, l.last_day from unnest(?::varchar[]) n(post_hash)
                join post_last l on l.site_id = ? and l.post_hash = n.post_hash""", st -> {
                    st.setArray(1, HistoryDb.varchars(st, posts));
                    st.setString(2, site);
                }, rs -> out.put(rs.getString(1), rs.getObject(2, LocalDate.class)));
        return out;
    }
}
