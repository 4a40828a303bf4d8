package io.sharepulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sharepulse.TestConfig;

class ClientIpResolverTest {

    static ClientIpResolver trusting(String... proxies) {
        return new ClientIpResolver(TestConfig.of(Map.of("clientIp.trustedProxies",
                proxies.length == 0 ? Optional.empty() : Optional.of(List.of(proxies)))));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(trusting().resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void theHeaderCountsOnlyFromATrustedProxy() {
        ClientIpResolver resolver = trusting("10.0.0.0/8");
        assertThat(resolver.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(resolver.resolve("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void aClientCannotSpoofItsAddressByWritingTheHeaderItself() {
        ClientIpResolver resolver = trusting("10.0.0.0/8", "::1");
        // The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it saw.
        assertThat(resolver.resolve("10.0.0.5", "1.2.3.4, 198.51.100.7")).isEqualTo("198.51.100.7");
        // Two trusted hops.
        assertThat(resolver.resolve("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.0.9")).isEqualTo("198.51.100.7");
        assertThat(resolver.resolve("::1", "[2001:db8::7]:4711")).isEqualTo("2001:db8::7");
        assertThat(resolver.resolve("10.0.0.5", "198.51.100.7:5000")).isEqualTo("198.51.100.7");
    }

    @Test
    void everyEntryCountsHoweverManyTheClientWrote() {
        ClientIpResolver resolver = trusting("10.0.0.0/8");
        // 40 entries of the client's own before the one our proxy appended: the right end is still what counts.
        String written = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "203.0.113." + i)
                .collect(java.util.stream.Collectors.joining(", "));
        assertThat(resolver.resolve("10.0.0.5", written + ", 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(resolver.resolve("10.0.0.5", written + ", 198.51.100.7, 10.0.0.9, 10.0.0.8"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void aProxysOwnLineIsReadAfterTheClientsLine() {
        ClientIpResolver resolver = trusting("10.0.0.0/8");
        // The client sent one line; our proxy added a second instead of appending.
        assertThat(resolver.resolve("10.0.0.5", List.of("203.0.113.9, 6.6.6.6", "198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(resolver.resolve("10.0.0.5", List.of("203.0.113.9", "198.51.100.7, 10.0.0.9")))
                .isEqualTo("198.51.100.7");
        assertThat(resolver.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void whenEveryEntryIsTrustedTheSocketAddressIsTheClient() {
        ClientIpResolver resolver = trusting("10.0.0.0/8");
        // A client inside the trusted range may write any trusted-looking address first: none of it is believed.
        assertThat(resolver.resolve("10.0.0.5", "10.66.66.66, 10.1.2.3")).isEqualTo("10.0.0.5");
        assertThat(resolver.resolve("10.0.0.5", " , ,")).isEqualTo("10.0.0.5");
        // A long run of trusted entries is not walked to its end.
        String trustedRun = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "10.0.0." + i)
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(resolver.resolve("10.0.0.5", "198.51.100.7," + trustedRun)).isEqualTo("10.0.0.5");
    }

    @Test
    void aMisconfiguredRangeStopsStartUp() {
        assertThatThrownBy(() -> trusting("proxy.example")).hasMessageContaining("trusted-proxies");
    }
}
