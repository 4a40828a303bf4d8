package io.sharepulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A production start where PostgreSQL does not answer ends with one line naming the setting, not Flyway's stack
 * trace: Quarkus prints a {@link ConfigurationException} that is the root cause as its message alone.
 */
class StoreAddressesTest {

    @Test
    void aClosedPostgresAddressStopsTheStartWithOneLineNamingTheSetting() {
        ConfigurationException refusal = catchThrowableOfType(ConfigurationException.class,
                () -> StoreAddresses.refuseIfRecorded(StoreAddresses.unreachablePostgres(
                        "jdbc:postgresql://127.0.0.1:1/sharepulse", Duration.ofMillis(600))));
        assertThat(refusal.getMessage()).contains("127.0.0.1:1", "QUARKUS_DATASOURCE_JDBC_URL",
                "quarkus.datasource.jdbc.url").doesNotContain("\n");
        assertThat(refusal.getCause()).as("the root cause, so Quarkus prints the message alone").isNull();
    }

    @Test
    void anAnsweringAddressOrOneWeDoNotUnderstandPasses() throws IOException {
        try (ServerSocket open = new ServerSocket(0)) {
            assertThat(StoreAddresses.unreachablePostgres("jdbc:postgresql://127.0.0.1:" + open.getLocalPort() + "/x",
                    Duration.ofMillis(600))).isEmpty();
        }
        assertThat(StoreAddresses.unreachablePostgres("jdbc:otherdb://x", Duration.ZERO)).isEmpty();
        assertThatCode(() -> StoreAddresses.refuseIfRecorded(java.util.Optional.empty())).doesNotThrowAnyException();
    }
}
