package io.sharepulse.share;

import java.util.Locale;

/** What became of one reported arrival; the {@code outcome} tag of {@code sharepulse_arrivals_total}. */
public enum ArrivalOutcome {
    /** Counted for its post and network. */
    COUNTED,
    /** The same visitor arrived at the same post from the same network within the site's dedupe window. */
    DUPLICATE,
    /** A crawler or a prefetch: not counted. */
    BOT,
    /** Redis could not take it (down or too slow): lost, the page is unaffected. */
    DROPPED,
    /** No post with this URL was ever shared (or Redis lost it): nothing written. */
    UNKNOWN_POST,
    /** The client reported more than the public limit allows. */
    LIMITED,
    /** The site turned the tag off: nothing to count. */
    OFF,
    /** A network the site's bar does not offer: its links never came from the bar. */
    NOT_OFFERED,
    /** Not reported by a page of the site (no Origin, or another site's): refused with 403. */
    FOREIGN_ORIGIN;

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
