package io.sharepulse.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Tells a client (the dashboard) what its credential is: the operator, or a key of which site and role. */
@Path("/admin/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API keys (admin)")
@SecurityRequirement(name = "bearer")
public class WhoAmIResource {

    /** @param kind {@code operator} or {@code key} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WhoAmI(String kind, String site, String role, String key, String name, Integer rateLimit) {
    }

    @GET
    @Operation(summary = "What the presented credential is and may do")
    public WhoAmI me(@Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        return caller.isOperator() ? new WhoAmI("operator", null, null, null, null, null)
                : new WhoAmI("key", caller.site(), caller.role().id(), caller.keyId(), caller.keyName(),
                        caller.rateLimit());
    }
}
