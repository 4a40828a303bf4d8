package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.BROWSER_UA;
import static io.sharepulse.Fixtures.GOOGLEBOT_UA;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The no-JS bar: the same links and counts as the JSON, escaped, with its one stylesheet. */
@QuarkusTest
class EmbedResourceTest {

    static final Pattern LINK = Pattern.compile("<a class=\"n-([a-z0-9]+)( r)?\" href=\"([^\"]+)\"[^>]*>(.*?)</a>");

    static List<String[]> links(String html) {
        List<String[]> out = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(3), m.group(4)});
        }
        return out;
    }

    @Test
    void theFragmentHasTheJsonsLinksAndCounts() {
        String site = createSite("embed", List.of("reddit", "delicious", "technorati", "email", "copy"));
        String url = uniquePostUrl();
        String post = share(site, url, "Embedded").getString("post");
        click(post, "reddit", "192.0.2.30");
        click(post, "reddit", "192.0.2.31");
        JsonPath doc = share(site, url, "Embedded");

        String html = given().queryParam("url", url).queryParam("title", "Embedded").get("/embed/{site}", site)
                .then().statusCode(HttpStatus.SC_OK).contentType("text/html;charset=utf-8")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", "public, max-age=15")
                .extract().asString();
        List<String[]> links = links(html);
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> l : doc.<Map<String, Object>>getList("links")) {
            if (l.get("href") != null) {
                expected.add((String) l.get("href"));
            }
        }
        assertThat(links).extracting(l -> l[1]).containsExactlyElementsOf(expected); // copy needs JavaScript
        assertThat(links.get(0)[2]).contains("<span>Reddit</span><small>2</small>");
        assertThat(html).contains("aria-label=\"Share on Reddit\"", "rel=\"noopener noreferrer nofollow\"",
                "target=\"_blank\"", "aria-hidden=\"true\"", "<link rel=\"stylesheet\" href=\"http",
                "/embed.css\">", "class=\"n-technorati r\"");
        assertThat(html).doesNotContain("<script", "style=");
    }

    @Test
    void optionsPickNetworksThemeLayoutAndHideLabelsAndCounts() {
        String site = createSite("embedopts", List.of("reddit", "x", "email"));
        String url = uniquePostUrl();
        click(share(site, url, "T").getString("post"), "x", "192.0.2.32");
        String html = given().queryParam("url", url).queryParam("networks", "email,x,nosuch")
                .queryParam("theme", "dark").queryParam("layout", "vertical").queryParam("size", "l")
                .queryParam("labels", "off").queryParam("counts", "off").get("/embed/{site}", site)
                .then().statusCode(200).extract().asString();
        assertThat(links(html)).extracting(l -> l[0]).containsExactly("email", "x");
        assertThat(html).contains("class=\"spb spb-dark spb-vertical spb-l\"").doesNotContain("<span>", "<small>");
        // Values that are not options fall back to the defaults, never into the markup.
        String odd = given().queryParam("url", url).queryParam("theme", "\"><script>x</script>")
                .get("/embed/{site}", site).then().statusCode(200).extract().asString();
        assertThat(odd).contains("class=\"spb spb-auto spb-horizontal spb-m\"").doesNotContain("<script");
    }

    /** One reader's request for the fragment, as different as readers get: address, browser, language, cookies. */
    static Response asReader(String site, String url, String ip, String userAgent, String language, String cookie) {
        Response r = given().header("X-Forwarded-For", ip).header("User-Agent", userAgent)
                .header("Accept-Language", language).header("DNT", ip.endsWith("1") ? "1" : "0").cookie("session", cookie)
                .queryParam("url", url).queryParam("title", "Cached").get("/embed/{site}", site);
        r.then().statusCode(HttpStatus.SC_OK).contentType("text/html;charset=utf-8")
                .header("Cache-Control", "public, max-age=15")
                .header("Set-Cookie", nullValue())
                .header("Vary", anyOf(nullValue(), equalToIgnoringCase("Accept-Encoding")));
        return r;
    }

    @Test
    void everyReaderGetsTheSameFragmentSoPageCachesMayKeepIt() {
        String site = createSite("embedcache", List.of("reddit", "email"));
        String url = uniquePostUrl();
        share(site, url, "Cached");
        // A blog's server fetches the fragment once and serves it to everyone (WordPress keeps it in a transient).
        String first = asReader(site, url, "192.0.2.41", BROWSER_UA, "de-DE", "reader-one").asString();
        String second = asReader(site, url, "198.51.100.7", GOOGLEBOT_UA, "ja", "reader-two").asString();
        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotContain("192.0.2.41", "reader-one", "Chrome/", "de-DE", "nonce");
    }

    /** Specificity (ids, classes and pseudo-classes, elements and pseudo-elements) of one simple CSS selector. */
    static int[] specificity(String selector) {
        String s = selector.replaceAll("::[a-z-]+", " E").replaceAll(":[a-z-]+(\\([^)]*\\))?", ".p");
        int ids = s.split("#", -1).length - 1;
        int classes = s.split("[.\\[]", -1).length - 1;
        int elements = 0;
        for (String compound : s.trim().split("[\\s>+~]+")) {
            if (compound.matches("^[a-zA-Z].*")) {
                elements++;
            }
        }
        return new int[] {ids, classes, elements};
    }

    @Test
    void theStylesheetStaysInsideTheBarAndNeverNeedsImportant() {
        String css = given().get("/embed.css").then().statusCode(HttpStatus.SC_OK).extract().asString()
                .replaceAll("(?s)/\\*.*?\\*/", "");
        assertThat(css).doesNotContainIgnoringCase("!important");
        List<String> selectors = new ArrayList<>();
        Matcher rule = Pattern.compile("([^{}]+)\\{[^{}]*\\}").matcher(css.replaceAll("@media[^{]+\\{", ""));
        while (rule.find()) {
            for (String selector : rule.group(1).split(",")) {
                selectors.add(selector.strip());
            }
        }
        assertThat(selectors).hasSizeGreaterThan(20).allSatisfy(selector -> {
            // Scoped: nothing outside the bar is styled, whatever the host page holds.
            assertThat(selector).matches("\\.spb(-[a-z]+)?( .+)?");
            // Sane: at most two classes and two elements, so a theme overrides it with an ordinary selector.
            int[] s = specificity(selector);
            assertThat(s[0]).as("ids in %s", selector).isZero();
            assertThat(s[1]).as("classes in %s", selector).isLessThanOrEqualTo(2);
            assertThat(s[2]).as("elements in %s", selector).isLessThanOrEqualTo(2);
        });
        assertThat(specificity(".spb a:focus-visible")).containsExactly(0, 2, 1);
        assertThat(specificity(".spb li::before")).containsExactly(0, 1, 2);
        // The custom properties the README offers for the widget restyle the fragment too.
        assertThat(css).contains("var(--share-bar-bg,", "var(--share-bar-fg,", "var(--share-bar-muted,",
                "var(--share-bar-border,", "var(--share-bar-focus,", "var(--share-bar-gap,", "var(--share-bar-radius,");
    }

    @Test
    void unknownSitesAndForeignUrlsAreProblems() {
        given().queryParam("url", uniquePostUrl()).get("/embed/{site}", "no-such-site")
                .then().statusCode(HttpStatus.SC_NOT_FOUND).contentType("application/problem+json");
        String site = createSite("embedforeign", List.of("reddit"));
        given().queryParam("url", "https://elsewhere.example/p").get("/embed/{site}", site)
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void countsReadCompactlyAsInTheWidget() {
        assertThat(Fragments.compact(950)).isEqualTo("950");
        assertThat(Fragments.compact(1000)).isEqualTo("1k");
        assertThat(Fragments.compact(1234)).isEqualTo("1.2k");
        assertThat(Fragments.compact(1250)).isEqualTo("1.3k");
        assertThat(Fragments.compact(12_345)).isEqualTo("12.3k");
        assertThat(Fragments.compact(2_500_000)).isEqualTo("2.5m");
    }
}
