package io.sharepulse.analytics;

import java.time.Clock;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.sharepulse.platform.ProblemException;

/** The query of {@code GET sites/{site}/posts}: the range and which page of the ranking. */
public class PostsParams extends RangeParams {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    /** A page of the ranking: {@code limit} posts after the first {@code offset}, most clicks first or last. */
    public record Paging(int limit, int offset, boolean descending) {

        /** How the API names the order. */
        public String order() {
            return descending ? "desc" : "asc";
        }
    }

    @QueryParam("limit") @Parameter(description = "posts per page, 1 to 100 (default 20)") Integer limit;
    @QueryParam("offset") @Parameter(description = "posts to skip (default 0)") Integer offset;
    @QueryParam("order") @Parameter(description = "desc (most clicks first, default) or asc") String order;

    Paging paging() {
        int size = limit == null ? 20 : limit;
        int skip = offset == null ? 0 : offset;
        String direction = blank(order) ? "desc" : order;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid-limit", "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        if (skip < 0 || skip > MAX_OFFSET) {
            throw ProblemException.badRequest("invalid-offset", "'offset' must be between 0 and " + MAX_OFFSET + ".");
        }
        if (!direction.equals("desc") && !direction.equals("asc")) {
            throw ProblemException.badRequest("invalid-order", "'order' must be desc (most clicks first) or asc.");
        }
        return new Paging(size, skip, direction.equals("desc"));
    }

    DateRange range(Clock clock) {
        return days(Interval.DAY, clock);
    }
}
