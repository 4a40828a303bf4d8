package io.sharepulse;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** What dev mode adds to a test instance: the demo site and the documented token. */
public class DevLike implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sharepulse.demo.enabled", "true", "sharepulse.admin.token", "dev-admin-token");
    }
}
