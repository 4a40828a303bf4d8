package io.sharepulse.platform;

import io.vertx.core.Context;

/**
 * Requests answered before routing (the admin filter's 401, 403, 429; the edge's refusals) carry no route template,
 * and the HTTP metrics then tag them with their raw path: a hundred made-up paths were enough to fill the
 * {@code uri} tags the metrics keep and blind them to every real endpoint. These requests get a fixed template.
 */
public final class UnroutedMetrics {

    /** Where Quarkus' HTTP metrics read a request's route template (the REST layer puts matched ones there). */
    static final String TEMPLATE_KEY = "UrlPathTemplate";

    private UnroutedMetrics() {
    }

    /**
     * Tags the request of this (duplicated, per-request) context with {@code template} in the HTTP metrics, unless
     * routing found its template already.
     */
    public static void tag(Context requestContext, String template) {
        if (requestContext != null && requestContext.getLocal(TEMPLATE_KEY) == null) {
            requestContext.putLocal(TEMPLATE_KEY, template);
        }
    }
}
