package io.sharepulse.share;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sharepulse_clicks_total{network, outcome}}, what became of each click when the reader was answered; and for
 * the clicks Redis had not confirmed by then ({@code outcome="unconfirmed"}), what became of them afterwards:
 * {@code sharepulse_clicks_late_total{network, outcome}} (stored after all, by what the script answered) or
 * {@code sharepulse_clicks_lost_total{network, reason}} ({@code error}: Redis answered an error, at once or late;
 * {@code no-answer}: no answer within {@code sharepulse.redis.click-grace}). So the clicks Redis stored are the
 * {@code counted} ones plus the late {@code counted} ones, and {@code lost} is the series to alert on. Tags stay
 * low-cardinality: a catalog network id, an outcome, a reason; never a post or URL. Counters are looked up once
 * and kept.
 */
@Singleton
public class ClickMetrics {

    /** Why a click was lost: the {@code reason} tag of {@code sharepulse_clicks_lost_total}. */
    public enum LostReason {
        /** Redis answered an error (refused connection, full, script error), at once or after the redirect. */
        ERROR("error"),
        /** Redis did not answer within the grace period. */
        NO_ANSWER("no-answer");

        final String tag;

        LostReason(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public ClickMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String network, ClickOutcome outcome) {
        counters.computeIfAbsent(network + '|' + outcome.tag(), k -> Counter.builder("sharepulse.clicks")
                .description("Share clicks by network and what became of them when the reader was answered")
                .tag("network", network).tag("outcome", outcome.tag())
                .register(registry)).increment();
    }

    /** An unconfirmed click Redis answered after the reader was redirected: stored after all (or a duplicate…). */
    public void late(String network, ClickOutcome answered) {
        counters.computeIfAbsent(network + "|late|" + answered.tag(), k -> Counter.builder("sharepulse.clicks.late")
                .description("Unconfirmed clicks Redis answered after the reader was redirected, by its answer")
                .tag("network", network).tag("outcome", answered.tag())
                .register(registry)).increment();
    }

    /** A click Redis did not store; the reader was redirected anyway. */
    public void lost(String network, LostReason reason) {
        counters.computeIfAbsent(network + "|lost|" + reason.tag, k -> Counter.builder("sharepulse.clicks.lost")
                .description("Clicks Redis did not store; the reader was redirected anyway")
                .tag("network", network).tag("reason", reason.tag)
                .register(registry)).increment();
    }
}
