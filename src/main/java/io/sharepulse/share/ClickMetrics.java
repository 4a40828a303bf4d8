package io.sharepulse.share;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sharepulse_clicks_total{network, outcome}}. Tags stay low-cardinality: a catalog network id and an
 * outcome, never a post or URL. Counters are looked up once and kept.
 */
@Singleton
public class ClickMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public ClickMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String network, ClickOutcome outcome) {
        counters.computeIfAbsent(network + '|' + outcome.tag(), k -> Counter.builder("sharepulse.clicks")
                .description("Share clicks by network and what became of them")
                .tag("network", network).tag("outcome", outcome.tag())
                .register(registry)).increment();
        if (outcome == ClickOutcome.DROPPED) {
            // Its own series too, the one to alert on: readers were redirected but Redis did not take the click.
            counters.computeIfAbsent(network + "|dropped-total", k -> Counter.builder("sharepulse.clicks.dropped")
                    .description("Clicks Redis did not confirm in time; the reader was redirected anyway")
                    .tag("network", network)
                    .register(registry)).increment();
        }
    }
}
