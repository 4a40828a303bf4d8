package io.sharepulse.share;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import io.sharepulse.platform.SharepulseConfig;

/**
 * The UTC hour clicks and arrivals are counted in, its day, and when the buckets of both expire (their end plus
 * {@code sharepulse.counting.retention} or {@code hour-retention}): worked out once an hour, not on every click.
 */
@Singleton
public class CountingHours {

    /** An hour's key parts and expiries (epoch seconds, as the scripts take them). */
    public record Hour(long epochHour, LocalDate day, LocalDateTime hour, String dayExpiry, String hourExpiry) {
    }

    private final Clock clock;
    private final long retentionSeconds;
    private final long hourRetentionSeconds;
    private volatile Hour current;

    public CountingHours(Clock clock, SharepulseConfig config) {
        this.clock = clock;
        this.retentionSeconds = config.counting().retention().toSeconds();
        this.hourRetentionSeconds = config.counting().hourRetention().toSeconds();
    }

    /** The clock's current hour. */
    public Hour now() {
        long epochHour = clock.millis() / 3_600_000L;
        Hour h = current;
        if (h == null || h.epochHour() != epochHour) {
            LocalDateTime hour = LocalDateTime.ofEpochSecond(epochHour * 3600, 0, ZoneOffset.UTC);
            LocalDate day = hour.toLocalDate();
            long dayExpiry = day.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) + retentionSeconds;
            long hourExpiry = hour.plusHours(1).toEpochSecond(ZoneOffset.UTC) + hourRetentionSeconds;
            h = new Hour(epochHour, day, hour, Long.toString(dayExpiry), Long.toString(hourExpiry));
            current = h;
        }
        return h;
    }
}
