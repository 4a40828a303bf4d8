package io.sharepulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

    static ClientIpResolver trusting(String... proxies) {
        SharepulseConfig.ClientIp clientIp = () -> proxies.length == 0 ? Optional.empty() : Optional.of(List.of(proxies));
        SharepulseConfig config = (SharepulseConfig) Proxy.newProxyInstance(SharepulseConfig.class.getClassLoader(),
                new Class<?>[] { SharepulseConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("clientIp")) {
                        return clientIp;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ClientIpResolver(config);
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
    void aMisconfiguredRangeStopsStartUp() {
        assertThatThrownBy(() -> trusting("proxy.example")).hasMessageContaining("trusted-proxies");
    }
}
