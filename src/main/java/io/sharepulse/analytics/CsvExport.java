package io.sharepulse.analytics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import io.sharepulse.analytics.ClickData.Split;
import io.sharepulse.post.PostId;
import io.sharepulse.post.PostRepository;
import io.sharepulse.post.PostTarget;
import io.sharepulse.site.SiteService;

/**
 * The CSV export: one row per day, post and network ({@code date,post,url,title,network,clicks}), ordered by day,
 * post and network. Closed days stream from a PostgreSQL cursor, open days from Redis a day at a time, so memory
 * stays flat whatever the range.
 */
@ApplicationScoped
public class CsvExport {

    static final String[] HEADER = { "date", "post", "url", "title", "network", "clicks" };
    private static final int POSTS_PER_READ = 1_000;

    private final SiteService sites;
    private final ClickData data;
    private final HistoryReader history;
    private final RedisCounters redis;
    private final PostRepository posts;

    public CsvExport(SiteService sites, ClickData data, HistoryReader history, RedisCounters redis,
            PostRepository posts) {
        this.sites = sites;
        this.data = data;
        this.history = history;
        this.redis = redis;
        this.posts = posts;
    }

    /** Checks the site (a problem, before any byte is sent) and returns the body to stream. */
    public StreamingOutput export(String siteId, DateRange range) {
        String site = sites.get(siteId).id();
        return output -> {
            var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            CsvWriter csv = new CsvWriter(writer);
            csv.row((Object[]) HEADER);
            Split split = data.split(site, range.from(), range.to());
            if (split.hasDurable()) {
                history.export(site, split.durableFrom(), split.durableTo(), row -> csv.row(row.day().toString(),
                        row.post().value(), row.url(), row.title(), row.network(), row.clicks()));
            }
            for (LocalDate day : split.liveDays()) {
                writeLiveDay(csv, site, day);
            }
            csv.flush();
        };
    }

    private void writeLiveDay(CsvWriter csv, String site, LocalDate day) throws IOException {
        List<PostId> clicked = new ArrayList<>(redis.topOfDay(site, day).keySet());
        clicked.sort(Comparator.comparing(PostId::hash));
        for (int from = 0; from < clicked.size(); from += POSTS_PER_READ) {
            List<PostId> batch = clicked.subList(from, Math.min(clicked.size(), from + POSTS_PER_READ));
            Map<PostId, NetworkCounts> networks = redis.postNetworks(batch, List.of(day));
            Map<PostId, PostTarget> targets = posts.targets(batch);
            for (PostId post : batch) {
                Optional<PostTarget> target = Optional.ofNullable(targets.get(post));
                for (var n : networks.getOrDefault(post, new NetworkCounts()).sorted().entrySet()) {
                    csv.row(day.toString(), post.value(), target.map(PostTarget::url).orElse(null),
                            target.map(PostTarget::title).orElse(null), n.getKey(), n.getValue());
                }
            }
        }
    }
}
