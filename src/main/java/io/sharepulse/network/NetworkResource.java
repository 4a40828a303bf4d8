package io.sharepulse.network;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;

import io.sharepulse.platform.ProblemException;

/** The catalog, public: widgets and site admins pick networks from it. */
@Path("/api/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Networks")
public class NetworkResource {

    private final NetworkCatalog catalog;

    public NetworkResource(NetworkCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Cache(maxAge = 3600)
    @Operation(summary = "Every network we know, live and retired, with its share template")
    public List<Network> list() {
        return catalog.all();
    }

    @GET
    @Path("{id}")
    @Cache(maxAge = 3600)
    @Operation(summary = "One network by id or alias")
    public Network get(@PathParam("id") String id) {
        return catalog.find(id).orElseThrow(() -> ProblemException.notFound("unknown-network",
                "No network has this id."));
    }
}
