package io.sharepulse.share;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.RedisClusterInfra;

/** The tag and arrivals on a real Redis Cluster: every key of an arrival is in its site's slot. */
@QuarkusTest
@TestProfile(RedisClusterInfra.Profile.class)
class AttributionClusterTest extends AttributionTest {
}
