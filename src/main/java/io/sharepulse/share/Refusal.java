package io.sharepulse.share;

/**
 * Why a click or event was not counted although the reader was sent on (or the beacon answered): each is tallied
 * per site and day ({@code RedisKeys#refusals}) and shown in the analytics, so inflation that was kept out is seen.
 */
public enum Refusal {
    /** The browser said this was no navigation ({@code Sec-Fetch-Dest} not document, or {@code Sec-Fetch-Mode} not
     * navigate): an {@code <img>}, script or fetch of the link on any page. */
    NOT_NAVIGATION("not-navigation"),
    /** A widget event whose {@code Origin} is not one of the site's domains (or that had none). */
    FOREIGN_ORIGIN("foreign-origin"),
    /** The network is not on the site's bar. */
    NETWORK_NOT_OFFERED("network-not-offered"),
    /** The client had {@code sharepulse.limits.clicks-per-client} clicks counted on this post and network. */
    CLIENT_CAP("client-cap");

    /** Its id in Redis, the analytics and the metrics. */
    public final String id;

    Refusal(String id) {
        this.id = id;
    }
}
