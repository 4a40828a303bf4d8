package io.sharepulse.analytics;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Clicks per network id: what each bucket of the history holds (a site's day or hour, a post's day or range).
 * Filled with {@link #add} while a bucket is read, then only read; networks without a click are absent.
 */
public final class NetworkCounts {

    private final Map<String, Long> counts = new HashMap<>(4);

    public void add(String network, long clicks) {
        counts.merge(network, clicks, Long::sum);
    }

    public void addAll(NetworkCounts other) {
        other.counts.forEach(this::add);
    }

    /** The network's clicks, 0 when it has none. */
    public long get(String network) {
        return counts.getOrDefault(network, 0L);
    }

    public long total() {
        long total = 0;
        for (long c : counts.values()) {
            total += c;
        }
        return total;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public int size() {
        return counts.size();
    }

    public void forEach(BiConsumer<String, Long> action) {
        counts.forEach(action);
    }

    /** Network id → clicks, unmodifiable, in no order. */
    public Set<Map.Entry<String, Long>> entries() {
        return Collections.unmodifiableMap(counts).entrySet();
    }

    /** Network id → clicks in the order of the ids (what the API answers and the export writes). */
    public Map<String, Long> sorted() {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkCounts other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return sorted().toString();
    }
}
