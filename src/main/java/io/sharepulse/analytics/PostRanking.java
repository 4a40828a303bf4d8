package io.sharepulse.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.sharepulse.analytics.BlockQueries.BlockRow;
import io.sharepulse.analytics.ClickData.Split;
import io.sharepulse.post.PostId;

/**
 * Ranks a site's posts by clicks over a range, exactly: closed days from PostgreSQL's blocks ({@link Blocks}),
 * days not rolled up yet from Redis. Blocking: call from a worker.
 *
 * <p>The most-clicked pages use the threshold algorithm (Fagin et al.): read each block's posts in order of clicks,
 * a prefix at a time, and look up the exact total of every post seen. A post not seen yet has at most the sum of
 * the last clicks read from each list, so once the page's last post has more than that, no unseen post can enter
 * the page. On a long tail that happens within the first few dozen posts of each block, so the cost no longer
 * grows with the number of posts or days. Other pages (ascending, deep offsets) sum every block row in SQL.
 */
@ApplicationScoped
public class PostRanking {

    /**
     * What the threshold algorithm reads from each list in its first round, at least (twice the posts asked for);
     * each further round reads 4 times more.
     */
    static final int FIRST_DEPTH = 16;
    /**
     * Beyond this depth the lists are read so far that one SQL sum over all rows is cheaper: each post seen costs a
     * lookup (about 60 µs), so pages ending past post MAX_DEPTH / 2 go straight to the sum.
     */
    static final int MAX_DEPTH = 512;

    /** A post and its clicks over the range. */
    public record RankedPost(PostId post, long clicks) {
    }

    /** A page of posts in rank order, and how many posts were clicked in the range. */
    public record Page(List<RankedPost> posts, long clickedPosts) {
    }

    private static final Comparator<BlockRow> MOST_FIRST = Comparator.comparingLong(BlockRow::clicks).reversed()
            .thenComparing(BlockRow::postHash);

    private final BlockQueries queries;
    private final RedisCounters redis;
    private final LastClicks lastClicks;

    public PostRanking(BlockQueries queries, RedisCounters redis, LastClicks lastClicks) {
        this.queries = queries;
        this.redis = redis;
        this.lastClicks = lastClicks;
    }

    public Page rank(String site, Split split, boolean desc, int offset, int limit) {
        // Redis gives the posts in ascending order of clicks: reversed, that is the order the threshold algorithm
        // reads a list in, without sorting (ties in any order: only the clicks of the last one read matter).
        List<BlockRow> liveList = new ArrayList<>();
        Map<String, Long> live = new HashMap<>();
        redis.topOfDays(site, split.liveDays()).forEach((post, clicks) -> {
            if (clicks > 0) {
                liveList.add(new BlockRow(post.hash(), clicks));
                live.put(post.hash(), clicks);
            }
        });
        Collections.reverse(liveList);
        if (!split.hasDurable()) {
            Comparator<BlockRow> order = desc ? MOST_FIRST
                    : Comparator.comparingLong(BlockRow::clicks).thenComparing(BlockRow::postHash);
            List<BlockRow> page = live.entrySet().stream().map(e -> new BlockRow(e.getKey(), e.getValue()))
                    .sorted(order).skip(offset).limit(limit).toList();
            return page(site, page, live.size());
        }
        List<Blocks.Block> blocks = Blocks.cover(split.durableFrom(), split.durableTo());
        // Live days follow the mark, and a post's last closed click day is at most the mark: a post Redis counts
        // is new to the range exactly when its last closed click is before the range.
        long clicked = queries.postsClicked(site, split.durableFrom(), split.durableTo())
                + lastClicks.notClickedSince(site, split.version(), split.durableFrom(), live.keySet());
        Optional<List<BlockRow>> top = desc ? topByThreshold(site, blocks, live, liveList, offset + limit,
                Math.max(FIRST_DEPTH, 2 * (offset + limit)), MAX_DEPTH) : Optional.empty();
        if (top.isEmpty()) {
            return page(site, queries.rankAll(site, blocks, live, desc, offset, limit), clicked);
        }
        List<BlockRow> page = top.get();
        return page(site, page.subList(Math.min(offset, page.size()), page.size()), clicked);
    }

    private static Page page(String site, List<BlockRow> rows, long clicked) {
        return new Page(rows.stream().map(r -> new RankedPost(new PostId(site, r.postHash()), r.clicks())).toList(),
                clicked);
    }

    /**
     * The first {@code n} posts by clicks; empty when the lists would have to be read beyond maxDepth.
     * {@code liveList} holds the entries of {@code live} in descending order of clicks.
     */
    Optional<List<BlockRow>> topByThreshold(String site, List<Blocks.Block> blocks, Map<String, Long> live,
            List<BlockRow> liveList, int n, int firstDepth, int maxDepth) {
        Map<String, Long> totals = new HashMap<>();
        for (int depth = firstDepth; depth <= maxDepth; depth *= 4) {
            List<List<BlockRow>> lists = new ArrayList<>(queries.blockPrefixes(site, blocks, depth));
            lists.add(liveList.subList(0, Math.min(depth, liveList.size())));
            long threshold = 0;
            boolean allRead = true;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < lists.size(); i++) {
                List<BlockRow> list = lists.get(i);
                boolean whole = i < blocks.size() ? list.size() < depth : list.size() == liveList.size();
                if (!whole) {
                    // Every post further down this list has at most the clicks of the last one read.
                    threshold += list.get(list.size() - 1).clicks();
                    allRead = false;
                }
                list.forEach(r -> seen.add(r.postHash()));
            }
            seen.removeAll(totals.keySet());
            queries.blockTotals(site, blocks, seen).forEach(totals::put);
            seen.forEach(p -> totals.merge(p, live.getOrDefault(p, 0L), Long::sum));
            List<BlockRow> ranked = totals.entrySet().stream().map(e -> new BlockRow(e.getKey(), e.getValue()))
                    .sorted(MOST_FIRST).toList();
            // Strictly more: an unseen post with exactly the threshold could still win a tie on its id.
            if (allRead || (ranked.size() >= n && ranked.get(n - 1).clicks() > threshold)) {
                return Optional.of(ranked.subList(0, Math.min(n, ranked.size())));
            }
        }
        return Optional.empty();
    }
}
