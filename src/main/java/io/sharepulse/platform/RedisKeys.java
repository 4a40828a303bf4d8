package io.sharepulse.platform;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import jakarta.inject.Singleton;

/**
 * The Redis key scheme (DESIGN.md §5) in one place. Every key of a site carries the hash tag {@code {site}}, so
 * a click's script touches a single Redis Cluster slot.
 */
@Singleton
public class RedisKeys {

    public static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    public static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

    /** The last date formatted, kept: every click names its day five times and its hour once. */
    private static final class LastFormatted {
        private record Text(Object of, String text) {
        }

        private final DateTimeFormatter format;
        private volatile Text last = new Text(null, null);

        LastFormatted(DateTimeFormatter format) {
            this.format = format;
        }

        String of(TemporalAccessor value) {
            Text t = last;
            if (!value.equals(t.of())) {
                t = new Text(value, format.format(value));
                last = t;
            }
            return t.text();
        }
    }

    private final String prefix;
    private final LastFormatted days = new LastFormatted(DAY);
    private final LastFormatted hours = new LastFormatted(HOUR);

    public RedisKeys(SharepulseConfig config) {
        this.prefix = config.redis().keyPrefix();
    }

    public String prefix() {
        return prefix;
    }

    /** Everything of one site starts with this (admin clean-up, tests). */
    public String site(String site) {
        return prefix + ":{" + site + "}:";
    }

    /** Hash: url, title, media and all-time counts of one post. */
    public String post(String site, String postHash) {
        return site(site) + "post:" + postHash;
    }

    /** Hash: clicks per network of one post on one day. */
    public String postDay(String site, String postHash, LocalDate day) {
        return site(site) + "pd:" + postHash + ":" + day(day);
    }

    /** Hash: clicks per network of one site on one day. */
    public String siteDay(String site, LocalDate day) {
        return site(site) + "d:" + day(day);
    }

    /** Hash: clicks per network of one site in one hour (UTC). */
    public String siteHour(String site, LocalDateTime hour) {
        return site(site) + "h:" + hour(hour);
    }

    /** Sorted set: post hash → clicks on one day. */
    public String top(String site, LocalDate day) {
        return site(site) + "top:" + day(day);
    }

    /** HyperLogLog: visitor hashes of one day. */
    public String uniques(String site, LocalDate day) {
        return site(site) + "u:" + day(day);
    }

    /** Hash: crawler and prefetch hits per network on one day, kept apart from clicks. */
    public String bots(String site, LocalDate day) {
        return site(site) + "b:" + day(day);
    }

    /** Hash: clicks refused per reason (see {@code share.Refusal}) of one site on one day; never part of clicks. */
    public String refusals(String site, LocalDate day) {
        return site(site) + "rf:" + day(day);
    }

    /** String: counted clicks of one client (salted hash of its network) on one post and network, in its window. */
    public String clickCap(String site, String clientHash, String postHash, String network) {
        return site(site) + "cc:" + clientHash + ":" + postHash + ":" + network;
    }

    /** Hash: counted clicks of one site on one day per device class ({@code d:mobile}) and browser ({@code b:firefox}). */
    public String context(String site, LocalDate day) {
        return site(site) + "cx:" + day(day);
    }

    /** String: dedupe marker of one visitor, post and network. */
    public String dedupe(String site, String visitor, String postHash, String network) {
        return site(site) + "dd:" + visitor + ":" + postHash + ":" + network;
    }

    /** Hash: arrivals (readers back through a tagged link) per network of one post on one day. */
    public String arrivalsPostDay(String site, String postHash, LocalDate day) {
        return site(site) + "apd:" + postHash + ":" + day(day);
    }

    /** Hash: arrivals per network of one site on one day. */
    public String arrivalsSiteDay(String site, LocalDate day) {
        return site(site) + "ad:" + day(day);
    }

    /** Sorted set: post hash → arrivals on one day (the posts the rollup copies, without a scan). */
    public String arrivalsTop(String site, LocalDate day) {
        return site(site) + "atop:" + day(day);
    }

    /** String: dedupe marker of one visitor's arrival on a post from a network. */
    public String arrivalDedupe(String site, String visitor, String postHash, String network) {
        return site(site) + "add:" + visitor + ":" + postHash + ":" + network;
    }

    /** String: a public write path's window counter for one client (kind: registration, event). */
    public String publicLimit(String site, String kind, String clientHash) {
        return site(site) + "rl:pub:" + kind + ":" + clientHash;
    }

    /** String: requests of one API key in its current one-minute window (rate limit). */
    public String rateLimit(String site, String keyId) {
        return site(site) + "rl:" + keyId;
    }

    /** String: the visitor-hash salt of one UTC day (not site-tagged: shared by all sites). */
    public String salt(LocalDate day) {
        return prefix + ":salt:" + day(day);
    }

    private String day(LocalDate day) {
        return days.of(day);
    }

    private String hour(LocalDateTime hour) {
        return hours.of(hour);
    }
}
