package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BLOG_DOMAIN;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static io.sharepulse.OtherOrigin.OWN_PAGES;
import static io.sharepulse.OtherOrigin.strictCsp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sharepulse.Browser;
import io.sharepulse.OtherOrigin;
import io.sharepulse.network.ShareTemplate;

/**
 * The widget as a blogger embeds it: the README's one tag in a page served from another origin under a strict
 * CSP that allows nothing but our script and our API, read and clicked in real Chromium.
 */
@QuarkusTest
class WidgetBrowserTest {

    static final List<String> NETWORKS = List.of("reddit", "bluesky", "mastodon", "delicious", "technorati", "email",
            "x", "copy", "webshare");

    @TestHTTPResource("/")
    URL base;

    String api() {
        return base.toString().replaceAll("/$", "");
    }

    String snippet(String site) {
        return "<script src=\"" + api() + "/widget.js\" data-site=\"" + site + "\" async></script>";
    }

    /** The README's copy-paste snippet, pointed at this instance and site. */
    String readmeSnippet(String site) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```html\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme.substring(readme.indexOf("<!-- snippet:")));
        assertThat(block.find()).isTrue();
        return block.group(1).replace("https://share.example.org", api()).replace("my-blog", site);
    }

    static String blogPage(String canonical, String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<link rel=\"canonical\" href=\"" + canonical + "\"></head><body><h1>" + title + "</h1>"
                + "<p>Some words.</p>" + body + "</body></html>";
    }

    static List<String> hrefs(JsonPath doc) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> link : doc.<Map<String, Object>>getList("links")) {
            if (link.get("href") != null) {
                out.add((String) link.get("href"));
            }
        }
        return out;
    }

    @Test
    void theReadmeSnippetRendersTheBarUnderAStrictCspWithOnlyOurLinks() throws IOException {
        String site = createSite("widget", NETWORKS, OWN_PAGES);
        String url = uniquePostUrl();
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            String page = other.serve("/post.html", blogPage(url, "A post", readmeSnippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api())));
            browser.get(page);
            List<Map<String, Object>> buttons = BarProbe.buttons(browser, 0);

            JsonPath doc = share(site, url, "ignored: the page registered the post first");
            assertThat(doc.getString("title")).isEqualTo("A post"); // taken from document.title
            List<Map<String, Object>> links = buttons.stream().filter(b -> "a".equals(b.get("tag"))).toList();
            assertThat(links).extracting(b -> b.get("href")).containsExactlyElementsOf(hrefs(doc));
            assertThat(links).allSatisfy(b -> {
                assertThat((String) b.get("href")).startsWith(api() + "/s/" + doc.getString("post") + "/");
                assertThat(b.get("rel")).isEqualTo("noopener noreferrer nofollow");
                assertThat(b.get("target")).isEqualTo("_blank");
            });
            assertThat(buttons).allSatisfy(b -> {
                assertThat(b.get("iconHidden")).isEqualTo("true");
                assertThat(((Number) b.get("width")).doubleValue()).isGreaterThanOrEqualTo(44);
                assertThat(((Number) b.get("height")).doubleValue()).isGreaterThanOrEqualTo(44);
            });
            assertThat(buttons).extracting(b -> b.get("label")).contains("Share on Reddit", "Share on Bluesky",
                    "Share on Pinboard (del.icio.us has closed)", "Technorati has closed", "Copy link");
            boolean canShare = (Boolean) browser.js("return !!(navigator.canShare && navigator.canShare({url: 'https://a.example/'}))");
            assertThat(buttons.stream().anyMatch(b -> "webshare".equals(b.get("network")))).isEqualTo(canShare);

            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
            assertThat(browser.requestedUrls()).filteredOn(u -> u.startsWith("http")) // not chrome:// internals
                    .isNotEmpty().allSatisfy(u -> assertThat(u).satisfiesAnyOf(
                            v -> assertThat(v).startsWith(other.origin() + "/"),
                            v -> assertThat(v).startsWith(api() + "/")));
            // The first view asks for the page's counts, then for the site's bar (kept for a year).
            assertThat(browser.requestedUrls()).filteredOn(u -> u.startsWith(api() + "/api/")).hasSize(2);

            // A repeat view costs one request to us: the counts. The bar and widget.js come from the cache.
            int before = browser.answeredFromNetwork().size();
            browser.get(page);
            assertThat(BarProbe.buttons(browser, 0)).hasSameSizeAs(buttons);
            assertThat(browser.answeredFromNetwork().subList(before, browser.answeredFromNetwork().size()))
                    .filteredOn(u -> u.startsWith(api() + "/"))
                    .singleElement().satisfies(u -> assertThat(u).contains("/share?view=counts&"));
        }
    }

    /** The control for every "no console error" above: a CSP violation does show up there. */
    @Test
    void aPageThatForgetsConnectSrcGetsAReportedViolationAndNoBar() {
        String site = createSite("nocsp", NETWORKS, OWN_PAGES);
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.get(other.serve("/post.html", blogPage(uniquePostUrl(), "No connect", snippet(site)),
                    Map.of("Content-Security-Policy", "default-src 'none'; script-src " + api())));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.consoleErrors())
                    .anyMatch(e -> e.contains("Content Security Policy") && e.contains("connect-src")));
            assertThat(browser.requestedUrls()).noneMatch(u -> u.startsWith(api() + "/api/"));
        }
    }

    @Test
    void aClickLandsOnTheNetworkAndTheCountShownAfterReloadIsOneHigher() {
        String site = createSite("click", NETWORKS, OWN_PAGES);
        String url = uniquePostUrl();
        String post = share(site, url, "Clicked").getString("post");
        for (int i = 1; i <= 3; i++) {
            click(post, "reddit", "192.0.2." + i);
        }
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            String page = other.serve("/post.html", blogPage(url, "Clicked", snippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api())));
            browser.get(page);
            assertThat(countOf(BarProbe.buttons(browser, 0), "reddit")).isEqualTo("3");
            String window = browser.driver().getWindowHandle();

            WebElement reddit = browser.driver().findElement(By.cssSelector("share-bar")).getShadowRoot()
                    .findElement(By.cssSelector("a.n-reddit"));
            String href = reddit.getAttribute("href");
            reddit.click();
            // The link opens a new tab, which goes through our redirect to Reddit (resolved nowhere: see Browser).
            String expected = "https://www.reddit.com/submit?url=" + ShareTemplate.encode(url + "?sp=reddit")
                    + "&title=Clicked";
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.driver().getWindowHandles().size() == 2);
            String tab = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(window)).findFirst()
                    .orElseThrow();
            browser.driver().switchTo().window(tab);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(browser.driver().getCurrentUrl()).isEqualTo(expected));
            browser.driver().close();
            browser.driver().switchTo().window(window);
            // The hop in between was our 302 (asked again with HEAD, which counts nothing).
            given().redirects().follow(false).head(href).then().statusCode(302).header("Location", expected);
            assertThat(browser.consoleErrors()).isEmpty();

            browser.driver().navigate().refresh();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(countOf(BarProbe.buttons(browser, 0), "reddit")).isEqualTo("4"));
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
        }
    }

    static String countOf(List<Map<String, Object>> buttons, String network) {
        return buttons.stream().filter(b -> network.equals(b.get("network"))).findFirst()
                .map(b -> (String) b.get("count")).orElseThrow();
    }

    @Test
    void theKeyboardAloneReachesEveryButtonAndSeesWhereItIs() {
        String site = createSite("keys", NETWORKS, OWN_PAGES);
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.get(other.serve("/post.html", blogPage(uniquePostUrl(), "Keys", snippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api()))));
            List<Map<String, Object>> buttons = BarProbe.buttons(browser, 0);
            Set<Object> all = new HashSet<>(buttons.stream().map(b -> b.get("label")).toList());
            Set<Object> reached = new HashSet<>();
            Actions keyboard = new Actions(browser.driver());
            for (int i = 0; i < buttons.size() + 3; i++) {
                keyboard.sendKeys(Keys.TAB).perform();
                @SuppressWarnings("unchecked")
                Map<String, Object> focused = (Map<String, Object>) browser.js(BarProbe.FOCUSED);
                if (focused != null && all.contains(focused.get("label"))) {
                    reached.add(focused.get("label"));
                    assertThat(focused.get("outline")).as("focus ring of " + focused.get("label")).isNotEqualTo("none");
                    assertThat(((Number) focused.get("outlineWidth")).doubleValue()).isGreaterThanOrEqualTo(2);
                }
            }
            assertThat(reached).isEqualTo(all);
        }
    }

    @Test
    void darkThemeFollowsTheReadersPreferenceAndBothThemesMeetWcagAa() {
        String site = createSite("themes", NETWORKS, OWN_PAGES);
        String url = uniquePostUrl();
        String post = share(site, url, "Themes").getString("post");
        click(post, "bluesky", "192.0.2.20"); // a count on the bar, to check its contrast too
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            String page = other.serve("/post.html", blogPage(url, "Themes", snippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api())));
            for (String scheme : List.of("light", "dark")) {
                browser.colorScheme(scheme).get(page);
                List<Map<String, Object>> contrast = BarProbe.contrast(browser, 0);
                assertThat(contrast).allSatisfy(c -> {
                    double background = ((Number) c.get("background")).doubleValue();
                    if (scheme.equals("dark")) {
                        assertThat(background).as("dark button").isLessThan(0.05);
                    } else {
                        assertThat(background).as("light button").isGreaterThan(0.85);
                    }
                    assertThat(((Number) c.get("text")).doubleValue()).as(scheme + " label of " + c.get("network"))
                            .isGreaterThanOrEqualTo(4.5);
                    assertThat(((Number) c.get("icon")).doubleValue()).as(scheme + " icon of " + c.get("network"))
                            .isGreaterThanOrEqualTo(3.0);
                    if (c.get("count") != null) {
                        assertThat(((Number) c.get("count")).doubleValue()).as(scheme + " count")
                                .isGreaterThanOrEqualTo(4.5);
                    }
                });
                assertThat(contrast).anyMatch(c -> c.get("count") != null);
            }
            // A page that fixes the theme wins over the reader's preference.
            String fixed = other.serve("/fixed.html", blogPage(url, "Themes", "<share-bar data-site=\"" + site
                    + "\" data-theme=\"light\"></share-bar>" + snippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api())));
            browser.colorScheme("dark").get(fixed);
            assertThat(BarProbe.contrast(browser, 0)).allSatisfy(
                    c -> assertThat(((Number) c.get("background")).doubleValue()).isGreaterThan(0.85));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void severalBarsOnOnePageEachShowTheirOwnPostAndOptions() {
        String site = createSite("several", NETWORKS, OWN_PAGES);
        String first = uniquePostUrl();
        String second = uniquePostUrl();
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            String bars = "<share-bar data-url=\"" + first + "\" data-title=\"First\"></share-bar>"
                    + "<share-bar data-url=\"" + second + "\" data-title=\"Second\" data-networks=\"email,reddit\""
                    + " data-layout=\"vertical\" data-counts=\"off\" data-labels=\"off\" data-size=\"l\"></share-bar>";
            browser.get(other.serve("/index.html", blogPage("https://" + BLOG_DOMAIN + "/", "Index",
                    bars + snippet(site)), Map.of("Content-Security-Policy", strictCsp(api()))));
            List<Map<String, Object>> one = BarProbe.buttons(browser, 0);
            List<Map<String, Object>> two = BarProbe.buttons(browser, 1);
            assertThat(BarProbe.bars(browser)).isEqualTo(2); // the script adds no third bar
            String firstPost = share(site, first, "First").getString("post");
            String secondPost = share(site, second, "Second").getString("post");
            assertThat(one).filteredOn(b -> b.get("href") != null)
                    .allSatisfy(b -> assertThat((String) b.get("href")).contains("/s/" + firstPost + "/"));
            assertThat(two).extracting(b -> b.get("href"))
                    .containsExactly(api() + "/s/" + secondPost + "/email", api() + "/s/" + secondPost + "/reddit");
            assertThat(two).allSatisfy(b -> {
                assertThat(b.get("text")).isNull();
                assertThat(b.get("count")).isNull();
            });
            assertThat(((Number) two.get(1).get("top")).doubleValue())
                    .isGreaterThan(((Number) two.get(0).get("top")).doubleValue()); // stacked
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void copyLinkCopiesTheCanonicalUrlAndIsCountedThroughABeacon() {
        String site = createSite("copy", NETWORKS, OWN_PAGES);
        String url = uniquePostUrl();
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.allowClipboard(other.origin());
            browser.get(other.serve("/post.html", blogPage(url, "Copy me", snippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api()))));
            BarProbe.buttons(browser, 0);
            browser.driver().findElement(By.cssSelector("share-bar")).getShadowRoot()
                    .findElement(By.cssSelector("button.n-copy")).click();
            String post = share(site, url, "Copy me").getString("post");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    given().get("/api/v1/posts/{post}/counts", post).then().statusCode(200).extract()
                            .<Integer>path("networks.copy")).isEqualTo(1));
            Object copied = browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done(String(e)));");
            assertThat(copied).isEqualTo(url);
            assertThat(browser.requestedUrls()).contains(api() + "/api/v1/posts/" + post + "/events");
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
        }
    }

    @Test
    void withJavaScriptOffTheFragmentShowsTheSameLinks() {
        String site = createSite("nojs", NETWORKS, OWN_PAGES);
        String url = uniquePostUrl();
        JsonPath doc = share(site, url, "No script");
        String fragment = given().queryParam("url", url).queryParam("title", "No script")
                .get("/embed/{site}", site).then().statusCode(200).extract().asString();
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.javaScript(false);
            // A server-side include inside <noscript>, the way the README shows it.
            String page = other.serve("/post.html", blogPage(url, "No script",
                    snippet(site) + "<noscript>" + fragment + "</noscript>"),
                    Map.of("Content-Security-Policy", strictCsp(api()) + "; style-src " + api()));
            browser.get(page);
            List<WebElement> links = browser.driver().findElements(By.cssSelector("nav.spb a"));
            assertThat(links).extracting(a -> a.getAttribute("href")).containsExactlyElementsOf(hrefs(doc));
            assertThat(links).allSatisfy(a -> {
                assertThat(a.getAttribute("rel")).isEqualTo("noopener noreferrer nofollow");
                assertThat(a.getSize().getHeight()).isGreaterThanOrEqualTo(44); // the stylesheet loaded under the CSP
            });
            // The same fragment in an iframe.
            String framed = other.serve("/framed.html", blogPage(url, "No script", "<iframe title=\"Share\" src=\""
                    + api() + "/embed/" + site + "?url=" + ShareTemplate.encode(url) + "\"></iframe>"),
                    Map.of("Content-Security-Policy", "default-src 'none'; frame-src " + api()));
            browser.get(framed);
            browser.driver().switchTo().frame(0);
            assertThat(browser.driver().findElements(By.cssSelector("nav.spb a")))
                    .extracting(a -> a.getAttribute("href")).containsExactlyElementsOf(hrefs(doc));
            browser.driver().switchTo().defaultContent();
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.requestedUrls()).noneMatch(u -> u.endsWith("/widget.js"));
        }
    }

    @Test
    void printOpensThePrintDialogAndIsCountedThroughABeacon() {
        List<String> networks = new ArrayList<>(NETWORKS);
        networks.add("print");
        String site = createSite("print", networks, OWN_PAGES);
        String url = uniquePostUrl();
        try (OtherOrigin other = new OtherOrigin(); Browser browser = Browser.open()) {
            browser.get(other.serve("/post.html", blogPage(url, "Print me", snippet(site)),
                    Map.of("Content-Security-Policy", strictCsp(api()))));
            BarProbe.buttons(browser, 0);
            // Headless Chromium has no print dialog to see: note the call instead.
            browser.js("window.print = () => { window.printed = (window.printed || 0) + 1; }");
            WebElement print = browser.driver().findElement(By.cssSelector("share-bar")).getShadowRoot()
                    .findElement(By.cssSelector("button.n-print"));
            assertThat(print.getAttribute("aria-label")).isEqualTo("Print");
            print.click();
            assertThat(browser.js("return window.printed")).isEqualTo(1L);
            String post = share(site, url, "Print me").getString("post");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    given().get("/api/v1/posts/{post}/counts", post).then().statusCode(200).extract()
                            .<Integer>path("networks.print")).isEqualTo(1));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theFediversePickerValidatesAndRemembersTheServerPerSoftware() {
        List<String> networks = new ArrayList<>(NETWORKS);
        networks.addAll(List.of("misskey", "fediverse"));
        String site = createSite("mastodon", networks, OWN_PAGES);
        String url = uniquePostUrl();
        String post = share(site, url, "Toot this").getString("post");
        // Each picker hands the servers the page tagged with its button's network.
        String text = "Toot%20this%20" + ShareTemplate.encode(url + "?sp=mastodon");
        try (Browser browser = Browser.open()) {
            // A reader of the Mastodon picker's time: their server was kept under the old key.
            browser.get(api() + "/privacy");
            browser.js("localStorage.setItem('sharepulse.mastodon.instance', 'old.example')");

            browser.get(api() + "/s/" + post + "/mastodon"); // the button's link: counted, then our picker
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(api() + "/fediverse?post=" + post + "&network=mastodon");
            assertThat(selected(browser)).isEqualTo("mastodon");
            WebElement input = browser.driver().findElement(By.id("instance"));
            assertThat(input.getAttribute("value")).isEqualTo("old.example");
            input.clear();
            input.sendKeys("not an instance");
            input.submit();
            assertThat(browser.driver().findElement(By.id("error")).getText()).contains("not a server name");
            assertThat(browser.driver().getCurrentUrl()).startsWith(api());

            input.clear();
            input.sendKeys("https://Social.Example/@alice");
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            String expected = "https://social.example/share?text=" + text;
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(browser.requestedUrls()).contains(expected));

            // The Misskey button preselects Misskey, which has no server yet; its form differs from Mastodon's.
            browser.get(api() + "/s/" + post + "/misskey");
            assertThat(selected(browser)).isEqualTo("misskey");
            input = browser.driver().findElement(By.id("instance"));
            assertThat(input.getAttribute("value")).isEmpty();
            input.sendKeys("@bob@misskey.example");
            input.submit();
            String misskey = "https://misskey.example/share?text=Toot%20this&url="
                    + ShareTemplate.encode(url + "?sp=misskey");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(browser.requestedUrls()).contains(misskey));

            // The generic button takes the reader's last choice, with its server; Mastodon's is still known.
            browser.get(api() + "/s/" + post + "/fediverse");
            assertThat(selected(browser)).isEqualTo("misskey");
            assertThat(browser.driver().findElement(By.id("instance")).getAttribute("value")).isEqualTo("misskey.example");
            browser.js("const s = document.getElementById('software'); s.value = 'mastodon';"
                    + " s.dispatchEvent(new Event('change'));");
            assertThat(browser.driver().findElement(By.id("instance")).getAttribute("value")).isEqualTo("social.example");
            assertThat(browser.driver().findElement(By.id("known")).isDisplayed()).isTrue();
            assertThat(browser.driver().findElement(By.linkText("s2f.kytta.dev")).getAttribute("href"))
                    .isEqualTo("https://s2f.kytta.dev/?text=Toot%20this%20" + ShareTemplate.encode(url + "?sp=fediverse"));
            assertThat(browser.js("return localStorage.getItem('sharepulse.mastodon.instance')")).isNull();

            browser.driver().findElement(By.id("forget")).click();
            assertThat(browser.js("return localStorage.length")).isEqualTo(0L);
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.allCookies()).isEmpty();
            // Nothing of the reader's servers reached us: every request to our origin is a page, a script or a style.
            assertThat(browser.requestedUrls()).filteredOn(u -> u.startsWith(api()))
                    .noneMatch(u -> u.contains("social.example") || u.contains("misskey.example"));
        }
        given().get("/api/v1/posts/{post}/counts", post).then().statusCode(200)
                .body("networks.mastodon", equalTo(1))
                .body("networks.misskey", equalTo(1))
                .body("networks.fediverse", equalTo(1));
    }

    static String selected(Browser browser) {
        return (String) browser.js("return document.getElementById('software').value");
    }
}
