package io.sharepulse.share;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The coarse classes read from a User-Agent: what the dashboard's counters and the visitor hash see of a reader. */
class UserAgentsTest {

    @ParameterizedTest(name = "{1}/{2}/{3}")
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|desktop|chrome|windows",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0|desktop|edge|windows",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15|desktop|safari|mac",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0|desktop|firefox|linux",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1|mobile|safari|ios",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1|mobile|chrome|ios",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36|mobile|samsung|android",
            "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|tablet|chrome|android",
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1|tablet|safari|ios",
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|desktop|chrome|chromeos",
            "curl/8.5.0|desktop|other|other" })
    void aUserAgentIsReadAsDeviceBrowserAndPlatform(String ua, String device, String browser, String platform) {
        assertThat(UserAgents.device(ua)).isEqualTo(device);
        assertThat(UserAgents.browser(ua)).isEqualTo(browser);
        assertThat(UserAgents.platform(ua)).isEqualTo(platform);
        // The visitor hash reads these two, never the User-Agent: versions and models do not tell readers apart.
        assertThat(VisitorHasher.browserClass(ua)).isEqualTo(browser + "/" + platform);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.6834.83 Safari/537.36" })
    void anotherVersionOfTheSameBrowserIsTheSameClass(String one, String other) {
        assertThat(VisitorHasher.browserClass(one)).isEqualTo(VisitorHasher.browserClass(other));
        assertThat(VisitorHasher.browserClass(null)).isEqualTo("none");
    }
}
