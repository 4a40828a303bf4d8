package io.sharepulse.analytics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import io.sharepulse.analytics.ClickData.Split;
import io.sharepulse.platform.ProblemException;
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
    private final ClickHistory history;
    private final RedisCounters redis;
    private final Clock clock;

    public CsvExport(SiteService sites, ClickData data, ClickHistory history, RedisCounters redis, Clock clock) {
        this.sites = sites;
        this.data = data;
        this.history = history;
        this.redis = redis;
        this.clock = clock;
    }

    /** Validates the request (errors as problems, before any byte is sent) and returns the body to stream. */
    public StreamingOutput export(String siteId, String from, String to, String granularity) {
        if (granularity != null && !granularity.isBlank() && !granularity.equals("day")) {
            throw ProblemException.badRequest("invalid-granularity", "'granularity' must be day.");
        }
        DateRange range = DateRange.parse(from, to, null, Interval.DAY, clock);
        String site = sites.get(siteId).id();
        return output -> {
            var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            CsvWriter csv = new CsvWriter(writer);
            csv.row((Object[]) HEADER);
            Split split = data.split(site, range.from(), range.to());
            if (split.hasDurable()) {
                history.export(site, split.durableFrom(), split.durableTo(), row -> csv.row(row.day().toString(),
                        site + "." + row.postHash(), row.url(), row.title(), row.network(), row.clicks()));
            }
            for (LocalDate day : split.liveDays()) {
                writeLiveDay(csv, site, day);
            }
            csv.flush();
        };
    }

    private void writeLiveDay(CsvWriter csv, String site, LocalDate day) throws IOException {
        List<String> posts = new ArrayList<>(new TreeMap<>(redis.topOfDay(site, day)).keySet());
        for (int from = 0; from < posts.size(); from += POSTS_PER_READ) {
            List<String> batch = posts.subList(from, Math.min(posts.size(), from + POSTS_PER_READ));
            Map<String, Map<String, Long>> networks = redis.postNetworks(site, batch, List.of(day));
            Map<String, ClickHistory.PostInfo> info = history.posts(site, batch);
            for (String hash : batch) {
                ClickHistory.PostInfo p = info.get(hash);
                for (var n : new TreeMap<>(networks.getOrDefault(hash, Map.of())).entrySet()) {
                    csv.row(day.toString(), site + "." + hash, p == null ? null : p.url(), p == null ? null : p.title(),
                            n.getKey(), n.getValue());
                }
            }
        }
    }
}
