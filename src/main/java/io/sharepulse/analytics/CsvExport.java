package io.sharepulse.analytics;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import io.sharepulse.site.SiteService;

/**
 * The CSV export: one row per day, post and network ({@code date,post,url,title,network,clicks,arrivals}), ordered by day,
 * post and network, streamed as {@link ClickData#exportRows} reads them (memory stays flat whatever the range).
 */
@ApplicationScoped
public class CsvExport {

    static final String[] HEADER = { "date", "post", "url", "title", "network", "clicks", "arrivals" };

    private final SiteService sites;
    private final ClickData data;

    public CsvExport(SiteService sites, ClickData data) {
        this.sites = sites;
        this.data = data;
    }

    /** Checks the site (a problem, before any byte is sent) and returns the body to stream. */
    public StreamingOutput export(String siteId, DateRange range) {
        String site = sites.get(siteId).id();
        return output -> {
            var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            CsvWriter csv = new CsvWriter(writer);
            csv.row((Object[]) HEADER);
            data.exportRows(site, data.split(site, range.from(), range.to()), row -> csv.row(row.day().toString(),
                    row.post().value(), row.url(), row.title(), row.network(), row.clicks(), row.arrivals()));
            csv.flush();
        };
    }
}
