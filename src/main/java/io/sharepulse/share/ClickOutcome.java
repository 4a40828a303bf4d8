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
    /**
     * Redis had not answered when the reader's wait ran out; the reader was sent on. The script may still run:
     * {@code sharepulse_clicks_late_total} counts those Redis confirmed afterwards, by what it answered, and
     * {@code sharepulse_clicks_lost_total} the others.
     */
    UNCONFIRMED,
    /** Redis answered an error (down, full, …): the click was not stored; the reader was still sent on. */
    LOST,
    /** The network closed without successor; the reader saw the retired page. */
    RETIRED,
    /**
     * Not counted for a {@link Refusal} (no navigation, a foreign origin, a network not on the bar, the client's
     * cap); the reader was still sent on and the reason tallied for the site's analytics.
     */
    REFUSED,
    /** Nothing was written, only the post read: a HEAD request, or a closed network (then counted as RETIRED). */
    PEEKED;

    /** Worked out once: the metric's tag is read on every click. */
    private final String tag = name().toLowerCase(Locale.ROOT);

    public String tag() {
        return tag;
    }
}
