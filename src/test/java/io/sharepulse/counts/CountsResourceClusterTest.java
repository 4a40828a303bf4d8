package io.sharepulse.counts;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.RedisClusterInfra;

/** Every counts API test again, against a real 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterInfra.Profile.class)
class CountsResourceClusterTest extends CountsResourceTest {
}
