package io.sharepulse.security;

import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.sharepulse.platform.Hashing;
import io.sharepulse.platform.ProblemException;
import io.sharepulse.platform.SharepulseConfig;
import io.sharepulse.platform.UnroutedMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Guards every {@code /admin/v1} path. It runs before routing, so an unknown admin path answers 401 like a known
 * one and reveals nothing without a credential. The bearer is either the operator token or a site key
 * ({@link ApiKeyService}); the order of answers is 401 (no valid credential), 429 (key over its rate limit),
 * 404 (another site's path), 403 (role too small) — see {@link AdminAccess}. The caller is then the request's
 * {@link SecurityContext} principal ({@link Caller}).
 */
public class AdminAuthFilter {

    private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class);

    private final Optional<byte[]> tokenDigest;
    private final ApiKeyService keys;
    private final RateLimiter limiter;

    public AdminAuthFilter(SharepulseConfig config, ApiKeyService keys, RateLimiter limiter) {
        this.tokenDigest = config.admin().token().filter(t -> !t.isBlank()).map(Hashing::sha256);
        this.keys = keys;
        this.limiter = limiter;
    }

    /** The HTTP metrics' path for every admin request refused here, before routing: no raw path as a tag. */
    static final String REFUSED_TEMPLATE = AdminAccess.ADMIN_PREFIX + "/{refused}";

    @ServerRequestFilter(preMatching = true)
    public Uni<Void> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!AdminAccess.isAdminPath(path)) {
            return null; // not ours: the public API and the redirect pay nothing here
        }
        Context context = Vertx.currentContext();
        try {
            Uni<Void> checked = check(request, path);
            return checked == null ? null
                    : checked.onFailure().invoke(() -> UnroutedMetrics.tag(context, REFUSED_TEMPLATE));
        } catch (ProblemException refused) {
            UnroutedMetrics.tag(context, REFUSED_TEMPLATE);
            throw refused;
        }
    }

    private Uni<Void> check(ContainerRequestContext request, String path) {
        if (AdminAccess.hasEncodedSeparator(request.getUriInfo().getRequestUri().getRawPath())) {
            // This filter decides on the decoded path, the router matches segments of the raw one: "a%2Fb" would be
            // two segments here and one there. No admin path needs a slash inside a segment.
            throw ProblemException.badRequest("encoded-separator",
                    "Admin paths may not contain an encoded slash or backslash (%2F, %5C).");
        }
        String presented = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented == null) {
            throw unauthorized("Send the operator token or a site key as 'Authorization: Bearer <key>'.");
        }
        // Compare digests in constant time: no timing hint about how much of a guess was right.
        if (tokenDigest.isPresent() && MessageDigest.isEqual(tokenDigest.get(), Hashing.sha256(presented))) {
            admit(request, Caller.OPERATOR);
            return null;
        }
        if (!ApiKeyService.looksLikeKey(presented)) {
            throw unauthorized("The token is not valid.");
        }
        String method = request.getMethod();
        return Uni.createFrom().item(() -> keys.authenticate(presented))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> found.orElseThrow(() -> unauthorized("The key is not valid, or was revoked.")))
                .call(limiter::check)
                // PostgreSQL or Redis unreachable: say so plainly; the client may retry (DESIGN §6).
                .onFailure(f -> !(f instanceof ProblemException)).transform(f -> {
                    LOG.warnf("Admin key check failed: %s", f.toString());
                    return new ProblemException(503, "unavailable", "Service Unavailable",
                            "Keys cannot be checked right now; try again shortly.", null, 5);
                })
                .invoke(caller -> AdminAccess.check(caller, method, path))
                .invoke(caller -> admit(request, caller))
                .replaceWithVoid();
    }

    private static void admit(ContainerRequestContext request, Caller caller) {
        request.setSecurityContext(new CallerContext(caller));
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    /** The caller as JAX-RS sees it; roles are ours ({@code operator}, {@code read}, {@code admin}). */
    record CallerContext(Caller caller) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.isOperator() || Role.parse(role).map(caller.role()::covers).orElse(false);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
