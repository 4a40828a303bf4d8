package io.sharepulse.analytics;

import java.time.Clock;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The days an analytics query is about, as the client wrote them ({@code @BeanParam}); the resource parses them
 * into a {@link DateRange} and hands the services nothing else. Each mistake is a 400 problem that says which.
 */
public class RangeParams {

    @QueryParam("from") @Parameter(description = "first day, e.g. 2026-11-01 (default: 29 days before 'to')")
    String from;
    @QueryParam("to") @Parameter(description = "last day, inclusive (default: today)") String to;

    /** The range in UTC days. */
    DateRange days(Interval interval, Clock clock) {
        return DateRange.parse(from, to, null, interval, clock);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
