package io.sharepulse.share;

import java.util.Locale;

/** What became of one click; the {@code outcome} tag of {@code sharepulse_clicks_total}. */
public enum ClickOutcome {
    /** Counted in every bucket. */
    COUNTED,
    /** The same visitor clicked the same button within the site's dedupe window. */
    DUPLICATE,
    /** A crawler, link-preview fetcher or prefetch: tallied apart, never counted. */
    BOT,
    /** Redis could not take the click; the reader was still sent on. */
    DROPPED,
    /** The network closed without successor; the reader saw the retired page. */
    RETIRED,
    /**
     * Not counted for a {@link Refusal} (no navigation, a foreign origin, a network not on the bar, the client's
     * cap); the reader was still sent on and the reason tallied for the site's analytics.
     */
    REFUSED,
    /** Nothing was written, only the post read: a HEAD request, or a closed network (then counted as RETIRED). */
    PEEKED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
