package io.sharepulse.post;

import java.util.Map;

/**
 * What Redis holds about a post: where it lives, its title, its image, and its all-time counts per network.
 *
 * @param counts network id → clicks, only networks clicked at least once
 */
public record PostRecord(PostId id, String url, String title, String media, Map<String, Long> counts) {

    public long count(String network) {
        return counts.getOrDefault(network, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
