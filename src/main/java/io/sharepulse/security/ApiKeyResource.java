package io.sharepulse.security;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A site's API keys: the operator or the site's {@code admin} keys create, list and revoke them. */
@Path("/admin/v1/sites/{site}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys (admin)")
@SecurityRequirement(name = "bearer")
public class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Create a key; the answer holds its secret, which is never shown again")
    public Response create(@PathParam("site") String site, @NotNull @Valid KeyRequest request,
            @Context SecurityContext caller) {
        ApiKeyView key = keys.create(site, request, (Caller) caller.getUserPrincipal());
        return Response.created(URI.create("/admin/v1/sites/" + site + "/keys/" + key.id())).entity(key).build();
    }

    @GET
    @Operation(summary = "The site's keys, revoked ones included (no secrets)")
    public List<ApiKeyView> list(@PathParam("site") String site) {
        return keys.list(site);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key: it stops working at once; with descendants=true so do the keys it created, "
            + "and theirs")
    public Response revoke(@PathParam("site") String site, @PathParam("id") String id,
            @Parameter(description = "also revoke every key this one created, and the keys those created")
            @QueryParam("descendants") boolean descendants) {
        keys.revoke(site, id, descendants);
        return Response.noContent().build();
    }
}
