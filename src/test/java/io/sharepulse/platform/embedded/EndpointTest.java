package io.sharepulse.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void readsTheFirstHostOfAJdbcUrlAndKeepsTheRestWhenMoved() {
        assertThat(Endpoint.ofJdbc("jdbc:postgresql://db.internal:5433/sharepulse?sslmode=require"))
                .contains(new Endpoint("db.internal", 5433));
        assertThat(Endpoint.ofJdbc("jdbc:postgresql://db/x")).contains(new Endpoint("db", 5432));
        assertThat(Endpoint.ofJdbc("jdbc:postgresql://a:1,b:2/x")).contains(new Endpoint("a", 1));
        assertThat(Endpoint.ofJdbc("jdbc:postgresql://[::1]:6000/x")).contains(new Endpoint("::1", 6000));
        assertThat(Endpoint.ofJdbc("jdbc:mysql://db/x")).isEmpty();
        assertThat(new Endpoint("127.0.0.1", 4242).inJdbc("jdbc:postgresql://db:5432/sharepulse?currentSchema=x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:4242/sharepulse?currentSchema=x");
        assertThat(Endpoint.database("jdbc:postgresql://db:5432/sharepulse?x=y")).isEqualTo("sharepulse");
        assertThat(Endpoint.database("jdbc:postgresql://db:5432")).isEqualTo("postgres");
    }

    @Test
    void readsASingleRedisUrlAndKeepsCredentialsAndDatabaseWhenMoved() {
        assertThat(Endpoint.ofRedis("redis://127.0.0.1:6379")).contains(new Endpoint("127.0.0.1", 6379));
        assertThat(Endpoint.ofRedis("redis://:secret@redis/2")).contains(new Endpoint("redis", 6379));
        assertThat(Endpoint.ofRedis("rediss://redis:6380")).as("TLS is never replaced").isEmpty();
        assertThat(Endpoint.ofRedis("redis://a:1,redis://b:2")).as("several hosts: a cluster").isEmpty();
        assertThat(new Endpoint("127.0.0.1", 4243).inRedis("redis://:secret@redis:6379/2"))
                .isEqualTo("redis://:secret@127.0.0.1:4243/2");
    }

    @Test
    void answersTellsAnOpenPortFromAClosedOne() throws IOException {
        try (ServerSocket open = new ServerSocket(0)) {
            assertThat(new Endpoint("127.0.0.1", open.getLocalPort()).answers(Duration.ofMillis(500))).isTrue();
        }
        assertThat(new Endpoint("127.0.0.1", 1).answers(Duration.ofMillis(500))).isFalse();
        assertThat(new Endpoint("no-such-host.invalid", 5432).answers(Duration.ofMillis(500))).isFalse();
    }
}
