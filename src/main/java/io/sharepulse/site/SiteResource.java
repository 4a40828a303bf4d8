package io.sharepulse.site;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin CRUD of sites. Guarded by the admin filter of the security package (every {@code /admin/v1} path). */
@Path("/admin/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sites (admin)")
@SecurityRequirement(name = "bearer")
public class SiteResource {

    private final SiteService sites;

    public SiteResource(SiteService sites) {
        this.sites = sites;
    }

    @GET
    @Operation(summary = "Every site")
    public List<SiteView> list() {
        return sites.list();
    }

    @POST
    @Operation(summary = "Create a site")
    public Response create(@NotNull @Valid SiteRequest request) {
        SiteView site = sites.create(request);
        return Response.created(URI.create("/admin/v1/sites/" + site.id())).entity(site).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One site")
    public SiteView get(@PathParam("id") String id) {
        return sites.get(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a site's settings (options left out return to their defaults)")
    public SiteView replace(@PathParam("id") String id, @NotNull @Valid SiteRequest request,
            @Context SecurityContext caller) {
        // Roles are the security package's; "operator" is held by the operator token alone.
        return sites.replace(id, request, caller.isUserInRole("operator"));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a site: its links stop working; its id is never reused")
    public Response delete(@PathParam("id") String id) {
        sites.delete(id);
        return Response.noContent().build();
    }
}
