package io.sharepulse.analytics;

import java.util.Map;

import io.sharepulse.post.PostId;

/**
 * What else Redis holds for one site on one closed UTC day besides its clicks, as the rollup copies it (V8).
 *
 * @param networks arrivals per network of the site
 * @param posts    arrivals per network of each post arrived at that day
 * @param context  counted clicks per device class and browser family ({@code d:mobile}, {@code b:firefox})
 */
public record DayExtras(NetworkCounts networks, Map<PostId, NetworkCounts> posts, NetworkCounts context) {

    static final DayExtras NONE = new DayExtras(new NetworkCounts(), Map.of(), new NetworkCounts());
}
