package io.sharepulse.analytics;

import java.time.Clock;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.sharepulse.platform.ProblemException;

/** The query of {@code GET sites/{site}/export.csv}: the range, one row per UTC day. */
public class ExportParams extends RangeParams {

    @QueryParam("granularity") @Parameter(description = "day (the only one so far)") String granularity;

    DateRange range(Clock clock) {
        if (!blank(granularity) && !granularity.equals("day")) {
            throw ProblemException.badRequest("invalid-granularity", "'granularity' must be day.");
        }
        return days(Interval.DAY, clock);
    }
}
