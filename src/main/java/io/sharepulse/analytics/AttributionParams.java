package io.sharepulse.analytics;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.sharepulse.platform.ProblemException;

/** The query of {@code GET sites/{site}/attribution}: the range and how many posts to list. */
public class AttributionParams extends RangeParams {

    @QueryParam("limit") @Parameter(description = "posts with the most arrivals to list, 1 to 100 (default 10)")
    Integer limit;

    int limit() {
        int size = limit == null ? 10 : limit;
        if (size < 1 || size > PostsParams.MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-limit",
                    "'limit' must be between 1 and " + PostsParams.MAX_LIMIT + ".");
        }
        return size;
    }
}
