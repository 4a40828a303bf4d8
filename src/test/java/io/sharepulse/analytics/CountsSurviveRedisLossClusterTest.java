package io.sharepulse.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sharepulse.RedisClusterInfra;

/** Every test of {@link CountsSurviveRedisLossTest} again, against a real 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterInfra.Profile.class)
class CountsSurviveRedisLossClusterTest extends CountsSurviveRedisLossTest {
}
