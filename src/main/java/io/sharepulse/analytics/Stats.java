package io.sharepulse.analytics;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answers of the analytics API (JSON, camelCase). Absent fields are not kept at that grain. */
public final class Stats {

    private Stats() {
    }

    /**
     * One bucket of a series.
     *
     * @param start   the bucket's first instant in the query's time zone (ISO 8601 with offset)
     * @param epoch   the same instant in seconds since 1970 (for charts)
     * @param bots    crawler and prefetch hits, never part of {@code clicks} (site series by day or month only)
     * @param uniques distinct visitors (site series by day or month only; see docs/ANALYTICS.md)
     * @param arrivals readers back through a tagged share link (kept per UTC day: series by day or month only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bucket(String start, long epoch, long clicks, Long bots, Long uniques, Long arrivals) {
    }

    /** @param networks clicks per network over the whole range */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Totals(long clicks, Long bots, Long uniques, Map<String, Long> networks, Long arrivals) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String site, String from, String to, String interval, String tz, String network,
            String post, Totals totals, List<Bucket> series) {
    }

    /** @param share this network's part of all clicks in the range, 0 to 1 */
    public record NetworkShare(String network, String name, long clicks, double share, long bots) {
    }

    /**
     * @param refused clicks and events not counted, per reason: {@code not-navigation} (an image, script or fetch
     *                of a share link), {@code foreign-origin} (an event from another site's page),
     *                {@code network-not-offered} (a network not on the bar), {@code client-cap} (one client's
     *                clicks on one post and network past the cap)
     */
    public record Networks(String site, String from, String to, long total, long bots, List<NetworkShare> networks,
            Map<String, Long> refused) {
    }

    /**
     * @param topNetwork the network with the most clicks (ties: alphabetical)
     * @param arrivals   readers back through the post's tagged share links in the range
     */
    public record TopPost(String post, String url, String title, long clicks, String topNetwork,
            Map<String, Long> networks, long arrivals) {
    }

    /** @param totalPosts posts with at least one click in the range (for paging) */
    public record TopPosts(String site, String from, String to, String order, int limit, int offset, int totalPosts,
            List<TopPost> posts) {
    }

    /**
     * @param media    the image networks show beside the title (absent when none)
     * @param locked   a site admin set title and image; registrations never change them
     * @param arrivals per network: readers back through the post's tagged share links in the range
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostStats(String post, String url, String title, String media, boolean locked, String from,
            String to, String interval, long total, Map<String, Long> networks, Map<String, Long> arrivals,
            List<Bucket> series) {
    }

    /**
     * Shares (counted clicks) and arrivals (readers back through a tagged link) over a period.
     *
     * @param arrivalsPerShare arrivals divided by shares, two decimals; null without shares
     */
    public record Period(String from, String to, long shares, long arrivals, Double arrivalsPerShare) {
    }

    /**
     * How a period compares with the one before it, as fractions (0.18 is +18 %); null where the earlier one had
     * none.
     */
    public record Change(Double shares, Double arrivals, Double arrivalsPerShare) {
    }

    /** @param summary the row as a sentence: "Reddit: 41 shares, 930 visits, 22.7 visits per share" */
    public record NetworkAttribution(String network, String name, long shares, long arrivals, Double arrivalsPerShare,
            String summary) {
    }

    public record PostAttribution(String post, String url, String title, long shares, long arrivals,
            Double arrivalsPerShare) {
    }

    /**
     * What sharing brought back: the range against the one of the same length before it, networks ranked by
     * arrivals per share, the posts with the most arrivals, and the readers' devices and browsers.
     *
     * @param summary e.g. "930 visits, +18 % vs the 30 days before"
     */
    public record Attribution(String site, Period current, Period previous, Change change, String summary,
            List<NetworkAttribution> networks, List<PostAttribution> posts, Context context) {
    }

    /** Counted clicks per device class (mobile, tablet, desktop) and browser family, from the User-Agent. */
    public record Context(Map<String, Long> devices, Map<String, Long> browsers) {
    }
}
