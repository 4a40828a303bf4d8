package io.sharepulse.analytics;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import io.sharepulse.post.PostId;

/**
 * Everything Redis holds about one site on one closed UTC day, as the rollup copies it into PostgreSQL.
 *
 * @param networks clicks per network
 * @param bots     bot and prefetch hits per network
 * @param hours    clicks per network in each UTC hour of the day
 * @param uniques  HyperLogLog estimate of distinct visitors
 * @param posts    clicks per network of each post of the site clicked that day
 */
public record DaySnapshot(String site, LocalDate day, NetworkCounts networks, NetworkCounts bots,
        Map<LocalDateTime, NetworkCounts> hours, long uniques, Map<PostId, NetworkCounts> posts) {
}
