package io.sharepulse.analytics;

import java.util.Locale;
import java.util.Optional;

/** The width of a series bucket. */
public enum Interval {
    HOUR, DAY, MONTH;

    public static Optional<Interval> parse(String value) {
        return switch (value == null ? "day" : value) {
            case "hour" -> Optional.of(HOUR);
            case "day" -> Optional.of(DAY);
            case "month" -> Optional.of(MONTH);
            default -> Optional.empty();
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
