package io.sharepulse.counts;

import java.util.Map;

/**
 * A post's public counts (DESIGN.md §3 contract).
 *
 * @param total    all clicks, or null below the site's minimum
 * @param networks network id → clicks, leaving out networks below the site's minimum
 */
public record Counts(String post, Long total, Map<String, Long> networks) {
}
