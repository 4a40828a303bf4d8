package io.sharepulse.analytics;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.sharepulse.network.Network;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.post.PostId;

/** The query of {@code GET sites/{site}/stats}, parsed into a {@link Query} (the network by its converter). */
public class StatsParams extends RangeParams {

    /**
     * A series to draw.
     *
     * @param network only this network's clicks (empty: all)
     * @param post    only this post's clicks (empty: the site's); whether the site has it is the service's to say
     */
    public record Query(DateRange range, Interval interval, Optional<Network> network, Optional<PostId> post) {
    }

    @QueryParam("interval") @Parameter(description = "hour, day (default) or month") String interval;
    @QueryParam("tz") @Parameter(description = "time zone of the days and buckets, e.g. Europe/Berlin (default UTC)")
    String tz;
    @QueryParam("network") @Parameter(description = "only this network", schema = @Schema(type = SchemaType.STRING))
    Network network;
    @QueryParam("post") @Parameter(description = "only this post (by UTC day)") String post;

    Query parse(Clock clock) {
        Interval bucket = Interval.parse(interval).orElseThrow(() -> ProblemException.badRequest(
                "invalid-interval", "'interval' must be hour, day or month."));
        DateRange range = DateRange.parse(from, to, tz, bucket, clock);
        Optional<PostId> of = blank(post) ? Optional.empty()
                : Optional.of(PostId.parse(post).orElseThrow(StatsService::unknownPost));
        return new Query(range, bucket, Optional.ofNullable(network), of);
    }
}
