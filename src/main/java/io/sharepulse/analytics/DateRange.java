package io.sharepulse.analytics;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.sharepulse.platform.ProblemException;

/**
 * An inclusive range of calendar days in a time zone, as a query names it ({@code from=2026-11-01&to=2026-11-30},
 * {@code tz=Europe/Berlin}), validated: real dates, {@code from} not after {@code to}, no longer than the longest
 * span allowed for the interval. Without dates, the last 30 days (hourly: today; monthly: the last 12 months).
 */
public record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

    /** Longest range per interval, in days: bounded work per request. */
    static final int MAX_HOUR_DAYS = 31;
    static final int MAX_DAY_DAYS = 731;
    static final int MAX_MONTH_DAYS = 3_660;

    public static DateRange parse(String from, String to, String tz, Interval interval, Clock clock) {
        ZoneId zone = zone(tz);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate end = to == null || to.isBlank() ? today : date("to", to);
        LocalDate start = from == null || from.isBlank() ? switch (interval) {
            case HOUR -> end;
            case DAY -> end.minusDays(29);
            case MONTH -> end.withDayOfMonth(1).minusMonths(11);
        } : date("from", from);
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("invalid-range", "'from' (" + start + ") is after 'to' (" + end + ").");
        }
        int max = switch (interval) {
            case HOUR -> MAX_HOUR_DAYS;
            case DAY -> MAX_DAY_DAYS;
            case MONTH -> MAX_MONTH_DAYS;
        };
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > max) {
            throw ProblemException.badRequest("range-too-long", "The range spans " + days + " days; with interval="
                    + interval.id() + " at most " + max + " are allowed.");
        }
        if (start.getYear() < 2000 || end.getYear() > 2999) {
            throw outOfYears();
        }
        DateRange range = new DateRange(start, end, zone);
        range.requireWholeHourOffsets();
        return range;
    }

    /** Data is kept per UTC hour: a zone whose offset in the range is not whole hours (Asia/Kolkata) is refused. */
    private void requireWholeHourOffsets() {
        var rules = zone.getRules();
        boolean whole = rules.getOffset(startInstant()).getTotalSeconds() % 3600 == 0;
        var transition = rules.nextTransition(startInstant());
        while (whole && transition != null && transition.getInstant().isBefore(endInstant())) {
            whole = transition.getOffsetAfter().getTotalSeconds() % 3600 == 0;
            transition = rules.nextTransition(transition.getInstant());
        }
        if (!whole) {
            throw ProblemException.badRequest("unsupported-time-zone", "Clicks are kept per UTC hour, so only time "
                    + "zones whose offset is a whole number of hours are supported.");
        }
    }

    /** Where the range starts and ends (exclusive), as instants. */
    public Instant startInstant() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant endInstant() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean isUtc() {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** The UTC days the range touches. */
    public LocalDate firstUtcDay() {
        return LocalDate.ofInstant(startInstant(), ZoneOffset.UTC);
    }

    public LocalDate lastUtcDay() {
        return LocalDate.ofInstant(endInstant().minusSeconds(1), ZoneOffset.UTC);
    }

    private static LocalDate date(String name, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-date", "'" + name + "' must be a date like 2026-11-26.");
        }
        // Checked here, before any arithmetic: a default 'from' 29 days before LocalDate.MIN does not exist.
        if (date.getYear() < 2000 || date.getYear() > 2999) {
            throw outOfYears();
        }
        return date;
    }

    private static ProblemException outOfYears() {
        return ProblemException.badRequest("invalid-range", "Dates must lie between the years 2000 and 2999.");
    }

    private static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("invalid-time-zone",
                    "'tz' must be a time zone id such as Europe/Berlin or UTC.");
        }
    }
}
