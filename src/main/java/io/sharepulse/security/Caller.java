package io.sharepulse.security;

import java.security.Principal;

/**
 * Who sent an admin request: the operator (the configured token, may do everything) or one site's key.
 *
 * @param site      the key's site; null for the operator
 * @param role      the key's role; null for the operator
 * @param keyId     the key's public id; null for the operator
 * @param rateLimit requests per minute the key may make; 0 for the operator (not limited)
 */
public record Caller(String site, Role role, String keyId, String keyName, int rateLimit) implements Principal {

    public static final Caller OPERATOR = new Caller(null, null, null, null, 0);

    public boolean isOperator() {
        return site == null;
    }

    @Override
    public String getName() {
        return isOperator() ? "operator" : "key:" + keyId;
    }
}
