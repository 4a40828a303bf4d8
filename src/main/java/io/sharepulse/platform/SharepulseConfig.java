package io.sharepulse.platform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything an operator can tune, under the {@code sharepulse.} prefix (environment {@code SHAREPULSE_…}).
 * Connection settings (PostgreSQL, Redis) are Quarkus' own {@code quarkus.datasource.*} and {@code quarkus.redis.*}.
 */
@ConfigMapping(prefix = "sharepulse")
public interface SharepulseConfig {

    /** Operator access to the admin API. */
    Admin admin();

    /**
     * Public base URL of this service as readers reach it (e.g. {@code https://share.example.org}), used in the
     * redirect links we hand out. When absent, the scheme and host of the incoming request are used.
     */
    Optional<String> publicUrl();

    /** Redis key layout. */
    Redis redis();

    /** How clicks are counted. */
    Counting counting();

    /** How the client address is found behind reverse proxies. */
    ClientIp clientIp();

    /** Public API behaviour. */
    Api api();

    /** The demo site dev mode seeds. */
    Demo demo();

    /** Dev mode and tests only. */
    Dev dev();

    interface Dev {
        /**
         * Start an embedded PostgreSQL or Redis when nothing answers at the configured address (dev mode and tests,
         * never production; see {@link StoreAddresses}). Read before the application starts, from the same sources.
         */
        @WithDefault("true")
        boolean embeddedStores();
    }

    /** Limits on the public paths that write (per client address and site, shared by all instances). */
    Limits limits();

    interface Limits {
        /** New posts one client may register per minute on one site (the share API and the no-JS fragment). */
        @WithDefault("60")
        int registrationsPerMinute();

        /** Widget events (copy, webshare, print) one client may report per minute on one site. */
        @WithDefault("60")
        int eventsPerMinute();

        /**
         * New posts one site may get per hour from all clients together (a fixed window from the first; then 429):
         * a ceiling on what many addresses inventing URLs on the site's domains can store. 0: no ceiling.
         */
        @WithDefault("120")
        int siteRegistrationsPerHour();

        /**
         * How long a post nobody has clicked stays: its Redis hash expires after this (a click makes it permanent),
         * and the rollup then removes its PostgreSQL row. A page shown again later is simply registered again.
         */
        @WithDefault("7d")
        Duration unclickedPostLifetime();

        /**
         * Clicks one client (an IPv4 address, an IPv6 /64) may have counted per post and network within
         * {@link #clickCapWindow()}, whatever its User-Agent and whether or not it asks not to be tracked; further
         * ones still redirect and are tallied as refused ({@code client-cap}). 0: no cap.
         */
        @WithDefault("10")
        int clicksPerClient();

        /** The window of {@link #clicksPerClient()} (fixed, from the client's first counted click). */
        @WithDefault("1h")
        Duration clickCapWindow();
    }

    /** Per-site API keys of the admin API. */
    Keys keys();

    /** Admin analytics: the rollup into PostgreSQL. */
    Analytics analytics();

    interface Admin {
        /**
         * Bootstrap operator token, presented as {@code Authorization: Bearer <token>}. Without one the admin API
         * answers 401 to everybody.
         */
        Optional<String> token();
    }

    interface Redis {
        /** Prefix of every key this service writes, so several deployments (or test runs) can share one Redis. */
        @WithDefault("sp")
        String keyPrefix();

        /**
         * How long a reader waits for Redis before being redirected anyway; the click is then reported as
         * unconfirmed, and later as confirmed late (a Redis that was merely slow still counts it when it answers) or
         * lost. A healthy Redis answers in about a millisecond.
         */
        @WithDefault("100ms")
        Duration clickTimeout();

        /**
         * How long after the click an unconfirmed click may still be confirmed by Redis; a click Redis has not
         * answered by then is reported as lost ({@code sharepulse_clicks_lost_total{reason="no-answer"}}).
         */
        @WithDefault("1m")
        Duration clickGrace();

        /**
         * Heap each instance spends on posts' targets (url, title, media), kept to redirect readers while Redis is
         * down; the least recently used go first. About 700 bytes a post of usual size (some 45,000 posts in the
         * default), at most about 10 KB for one with the longest URL, title and media URL admitted.
         */
        @WithDefault("32M")
        io.quarkus.runtime.configuration.MemorySize targetCacheMemory();
    }

    interface Counting {
        /** How long day buckets (per post, per site, top posts, uniques, bots) stay in Redis after their day. */
        @WithDefault("400d")
        Duration retention();

        /** How long hour buckets stay in Redis after their hour. */
        @WithDefault("8d")
        Duration hourRetention();

        /** Dedupe window for new sites that do not choose their own. */
        @WithDefault("30m")
        Duration defaultDedupeWindow();

        /** How long a day's visitor-hash salt is kept; never more than 48 h. */
        @WithDefault("48h")
        Duration saltLifetime();
    }

    interface ClientIp {
        /**
         * Addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} we believe. The client is the
         * right-most address in that header that is not one of them. Empty: the socket address is the client.
         */
        Optional<List<String>> trustedProxies();
    }

    interface Api {
        /** {@code Cache-Control: max-age} of the public share and counts answers, in seconds. */
        @WithDefault("15")
        int cacheSeconds();
    }

    interface Demo {
        /** Create the {@code demo} site (domain localhost) at start-up if it does not exist. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Keys {
        /**
         * Requests a site key may make per minute (a fixed window from its first request; then 429 with
         * Retry-After). A key may be created with a lower limit, never a higher one. The operator token is not
         * limited.
         */
        @WithDefault("300")
        int rateLimit();
    }

    interface Analytics {
        /**
         * How often the rollup writes closed days from Redis into PostgreSQL ({@code off} to disable, e.g. in
         * tests that drive it themselves). Each run also picks up days an earlier run missed.
         */
        @WithDefault("10m")
        String rollupEvery();
    }
}
