package io.sharepulse.share;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.RedisClusterInfra;

/** Every share API test again, against a real 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterInfra.Profile.class)
class ShareResourceClusterTest extends ShareResourceTest {
}
