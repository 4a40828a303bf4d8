package io.sharepulse.analytics;

import java.time.Clock;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.sharepulse.post.PostId;

/**
 * A site's analytics. Blocking methods (Quarkus runs them on workers): they read PostgreSQL and Redis. The query
 * parameters are parsed here ({@code *Params}, in the order their checks have always run); the services get typed
 * values. Who may call them is decided by the security package's admin filter before routing.
 */
@Path("/admin/v1/sites/{site}")
@Tag(name = "Analytics (admin)")
@SecurityRequirement(name = "bearer")
public class AnalyticsResource {

    private static final String NO_STORE = "private, no-store";

    private final StatsService stats;
    private final CsvExport export;
    private final Clock clock;

    public AnalyticsResource(StatsService stats, CsvExport export, Clock clock) {
        this.stats = stats;
        this.export = export;
        this.clock = clock;
    }

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clicks over time (zero-filled buckets), with bots and uniques per day and month")
    public Response stats(@PathParam("site") String site, @BeanParam StatsParams query) {
        return ok(stats.stats(site, query.parse(clock)));
    }

    @GET
    @Path("networks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clicks per network and share of the total (UTC days); bots apart")
    public Response networks(@PathParam("site") String site, @BeanParam RangeParams query) {
        return ok(stats.networks(site, query.days(Interval.DAY, clock)));
    }

    @GET
    @Path("posts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Top posts with URL, title, clicks and top network (UTC days), a page at a time")
    public Response posts(@PathParam("site") String site, @BeanParam PostsParams query) {
        DateRange range = query.days(Interval.DAY, clock);
        return ok(stats.posts(site, range, query.paging()));
    }

    @GET
    @Path("attribution")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Shares vs arrivals (readers back through tagged links) per network and post, against "
            + "the previous period of the same length (UTC days)")
    public Response attribution(@PathParam("site") String site, @BeanParam AttributionParams query) {
        DateRange range = query.days(Interval.DAY, clock);
        return ok(stats.attribution(site, range, query.limit()));
    }

    @GET
    @Path("posts/{post}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One post: its series (UTC days) and clicks per network")
    public Response post(@PathParam("site") String site, @PathParam("post") String post,
            @BeanParam PostParams query) {
        Interval interval = query.interval();
        DateRange range = query.days(interval, clock);
        return ok(stats.post(site, PostId.parse(post).orElseThrow(StatsService::unknownPost), range, interval));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Operation(summary = "RFC 4180 CSV, one row per UTC day, post and network (streamed)")
    public Response export(@PathParam("site") String site, @BeanParam ExportParams query) {
        var body = export.export(site, query.range(clock));
        String name = "sharepulse-" + site + ".csv";
        return Response.ok(body, "text/csv; charset=utf-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .build();
    }

    private static Response ok(Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .build();
    }
}
