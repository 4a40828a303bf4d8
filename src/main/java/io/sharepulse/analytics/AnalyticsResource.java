package io.sharepulse.analytics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A site's analytics. Blocking methods (Quarkus runs them on workers): they read PostgreSQL and Redis. Who may
 * call them is decided by the security package's admin filter before routing.
 */
@Path("/admin/v1/sites/{site}")
@Tag(name = "Analytics (admin)")
@SecurityRequirement(name = "bearer")
public class AnalyticsResource {

    private static final String NO_STORE = "private, no-store";

    private final StatsService stats;
    private final CsvExport export;

    public AnalyticsResource(StatsService stats, CsvExport export) {
        this.stats = stats;
        this.export = export;
    }

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clicks over time (zero-filled buckets), with bots and uniques per day and month")
    public Response stats(@PathParam("site") String site,
            @Parameter(description = "first day, e.g. 2026-11-01 (default: 29 days before 'to')") @QueryParam("from") String from,
            @Parameter(description = "last day, inclusive (default: today)") @QueryParam("to") String to,
            @Parameter(description = "hour, day (default) or month") @QueryParam("interval") String interval,
            @Parameter(description = "time zone of the days and buckets, e.g. Europe/Berlin (default UTC)") @QueryParam("tz") String tz,
            @Parameter(description = "only this network") @QueryParam("network") String network,
            @Parameter(description = "only this post (by UTC day)") @QueryParam("post") String post) {
        return ok(stats.stats(site, from, to, interval, tz, network, post));
    }

    @GET
    @Path("networks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clicks per network and share of the total (UTC days); bots apart")
    public Response networks(@PathParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return ok(stats.networks(site, from, to));
    }

    @GET
    @Path("posts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Top posts with URL, title, clicks and top network (UTC days), a page at a time")
    public Response posts(@PathParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Parameter(description = "posts per page, 1 to 100 (default 20)") @QueryParam("limit") Integer limit,
            @Parameter(description = "posts to skip (default 0)") @QueryParam("offset") Integer offset,
            @Parameter(description = "desc (most clicks first, default) or asc") @QueryParam("order") String order) {
        return ok(stats.posts(site, from, to, limit, offset, order));
    }

    @GET
    @Path("posts/{post}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One post: its series (UTC days) and clicks per network")
    public Response post(@PathParam("site") String site, @PathParam("post") String post,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = "day (default) or month") @QueryParam("interval") String interval) {
        return ok(stats.post(site, post, from, to, interval));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Operation(summary = "RFC 4180 CSV, one row per UTC day, post and network (streamed)")
    public Response export(@PathParam("site") String site, @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Parameter(description = "day (the only one so far)") @QueryParam("granularity") String granularity) {
        var body = export.export(site, from, to, granularity);
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
