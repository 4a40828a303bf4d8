package io.sharepulse.analytics;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Everything Redis holds about one site on one closed UTC day, as the rollup copies it into PostgreSQL.
 *
 * @param networks clicks per network
 * @param bots     bot and prefetch hits per network
 * @param hours    clicks per network in each UTC hour of the day
 * @param uniques  HyperLogLog estimate of distinct visitors
 * @param posts    post hash → clicks per network
 */
public record DaySnapshot(String site, LocalDate day, Map<String, Long> networks, Map<String, Long> bots,
        Map<LocalDateTime, Map<String, Long>> hours, long uniques, Map<String, Map<String, Long>> posts) {
}
