package io.sharepulse.analytics;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.ProblemException;

/**
 * Reads a {@code Network} query parameter (the analytics' {@code network=}) as a network of the catalog, aliases
 * accepted; anything else is a 400 problem. A blank value is no value.
 */
@Provider
public class NetworkParamConverter implements ParamConverterProvider {

    private final NetworkCatalog catalog;

    public NetworkParamConverter(NetworkCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Network.class ? (ParamConverter<T>) new ParamConverter<Network>() {
            @Override
            public Network fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null; // JAX-RS' "absent"
                }
                return catalog.find(value.strip()).orElseThrow(() -> ProblemException.badRequest("unknown-network",
                        "'network' is not a network of the catalog (GET /api/v1/networks)."));
            }

            @Override
            public String toString(Network network) {
                return network.id();
            }
        } : null;
    }
}
