package io.sharepulse.post;

import java.util.Map;

/**
 * What Redis holds about a post: where it points, and its all-time counts per network.
 *
 * @param counts network id → clicks, only networks clicked at least once
 */
public record PostRecord(PostId id, PostTarget target, Map<String, Long> counts) {

    public String url() {
        return target.url();
    }

    public String title() {
        return target.title();
    }

    public String media() {
        return target.media();
    }

    public long count(String network) {
        return counts.getOrDefault(network, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
