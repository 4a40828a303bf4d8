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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public Response create(@PathParam("site") String site, @NotNull @Valid KeyRequest request) {
        ApiKeyView key = keys.create(site, request);
        return Response.created(URI.create("/admin/v1/sites/" + site + "/keys/" + key.id())).entity(key).build();
    }

    @GET
    @Operation(summary = "The site's keys, revoked ones included (no secrets)")
    public List<ApiKeyView> list(@PathParam("site") String site) {
        return keys.list(site);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key: it stops working at once")
    public Response revoke(@PathParam("site") String site, @PathParam("id") String id) {
        keys.revoke(site, id);
        return Response.noContent().build();
    }
}
