package io.sharepulse.analytics;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.sharepulse.platform.ProblemException;

/** The query of {@code GET sites/{site}/posts/{post}}: the range and its buckets, by UTC day or month. */
public class PostParams extends RangeParams {

    @QueryParam("interval") @Parameter(description = "day (default) or month") String interval;

    Interval interval() {
        return Interval.parse(interval).filter(i -> i != Interval.HOUR).orElseThrow(
                () -> ProblemException.badRequest("invalid-interval", "'interval' must be day or month: a post's "
                        + "clicks are kept per UTC day."));
    }
}
