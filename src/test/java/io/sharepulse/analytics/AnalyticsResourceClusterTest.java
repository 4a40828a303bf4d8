package io.sharepulse.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.RedisClusterInfra;

/** Every test of {@link AnalyticsResourceTest} again, against a real 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterInfra.Profile.class)
class AnalyticsResourceClusterTest extends AnalyticsResourceTest {
}
