package io.sharepulse.analytics;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the rollup now (operator only), e.g. before taking Redis down, or to time it. */
@Path("/admin/v1/rollup")
@Tag(name = "Analytics (admin)")
@SecurityRequirement(name = "bearer")
public class RollupResource {

    private final ClickRollup rollup;

    public RollupResource(ClickRollup rollup) {
        this.rollup = rollup;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy every closed day not yet in PostgreSQL from Redis now")
    public ClickRollup.Report run() {
        return rollup.run();
    }
}
