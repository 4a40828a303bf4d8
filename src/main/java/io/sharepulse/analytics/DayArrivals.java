package io.sharepulse.analytics;

import java.util.Map;

import io.sharepulse.post.PostId;

/**
 * The arrivals Redis holds for one site on one closed UTC day, as the rollup copies them (V8).
 *
 * @param networks arrivals per network of the site
 * @param posts    arrivals per network of each post arrived at that day
 */
public record DayArrivals(NetworkCounts networks, Map<PostId, NetworkCounts> posts) {

    static final DayArrivals NONE = new DayArrivals(new NetworkCounts(), Map.of());
}
