package io.sharepulse.integrations;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.http.HttpStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.sharepulse.Browser;

/**
 * The WordPress plugin ({@code integrations/wordpress/sharepulse}) in a real WordPress 6.1 (Debian's package, PHP's
 * built-in server, MariaDB) against this Sharepulse: activated and configured through WordPress's own screens, a
 * post opted out through the block editor's meta box request, and then, page by page, exactly where bars appear
 * and where they never do, in the script mode, the server-rendered mode and with the service down or hanging; in
 * a classic theme (Twenty Twenty-One) and a block theme (Twenty Twenty-Three); a click in Chromium that Sharepulse
 * counts; and what deleting the plugin leaves behind.
 */
@QuarkusTest
class WordPressIntegrationTest {

    static final Path PLUGIN = Platform.INTEGRATIONS.resolve("wordpress/sharepulse");
    static final String PLUGIN_FILE = "sharepulse/sharepulse.php";
    static final String OPTION = "sharepulse_settings";
    /** A page must answer within this even when the service is down or hangs (the plugin waits 2 s at most). */
    static final Duration PATIENCE = Duration.ofSeconds(3);

    @TestHTTPResource("/")
    URL base;

    /** The service as WordPress (and the browser) reach it. */
    String api() {
        return "http://127.0.0.1:" + base.getPort();
    }

    /** The posts the test publishes, by name; START-x and END-x mark where each one's content begins and ends. */
    static Map<String, Object> posts() {
        Map<String, Object> posts = new LinkedHashMap<>();
        posts.put("auto", post("Tea & \"biscuits\"", "auto", Map.of("post_content",
                "<p>START-auto</p>\n\n<p>Words.</p>\n\n<p>END-auto</p>")));
        posts.put("shortcode", post("Shortcode", "shortcode", Map.of("post_content",
                "<p>START-shortcode</p>\n\n[sharepulse networks=\"reddit,email\" layout=\"vertical\"]\n\n<p>END-shortcode</p>")));
        posts.put("block", post("Block", "block", Map.of("post_content",
                "<!-- wp:paragraph -->\n<p>START-block</p>\n<!-- /wp:paragraph -->\n\n"
                        + "<!-- wp:sharepulse/share-bar {\"theme\":\"dark\"} /-->\n\n"
                        + "<!-- wp:paragraph -->\n<p>END-block</p>\n<!-- /wp:paragraph -->")));
        posts.put("optout", post("Opted out", "optout", Map.of()));
        posts.put("jetpack", post("Jetpack said no", "jetpack", Map.of("meta", Map.of("sharing_disabled", "1"))));
        posts.put("secret", post("Behind a password", "secret", Map.of("post_password", "letmein")));
        posts.put("private", post("Private", "private", Map.of("post_status", "private")));
        posts.put("draft", post("Draft", "draft", Map.of("post_status", "draft")));
        posts.put("about", post("About", "about", Map.of("post_type", "page")));
        return posts;
    }

    /** A published post whose content is START-slug and END-slug, unless {@code fields} say otherwise. */
    static Map<String, Object> post(String title, String slug, Map<String, Object> fields) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("post_title", title);
        p.put("post_name", slug);
        p.put("post_content", "<p>START-" + slug + "</p>\n\n<p>END-" + slug + "</p>");
        p.put("post_status", "publish");
        p.putAll(fields);
        return p;
    }

    /** What the settings page saves. */
    record Settings(String service, String site, String mode, String position, List<String> types, boolean home,
            boolean archives, boolean excerpts) {

        Settings mode(String m) {
            return new Settings(service, site, m, position, types, home, archives, excerpts);
        }

        Settings service(String s) {
            return new Settings(s, site, mode, position, types, home, archives, excerpts);
        }

        Settings lists(String p, List<String> t, boolean h, boolean a, boolean e) {
            return new Settings(service, site, mode, p, t, h, a, e);
        }

        Map<String, Object> form() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put(OPTION + "[service_url]", service);
            f.put(OPTION + "[site_id]", site);
            f.put(OPTION + "[mode]", mode);
            f.put(OPTION + "[position]", position);
            f.put(OPTION + "[post_types][]", types);
            if (home) {
                f.put(OPTION + "[home]", "1");
            }
            if (archives) {
                f.put(OPTION + "[archives]", "1");
            }
            if (excerpts) {
                f.put(OPTION + "[excerpts]", "1");
            }
            return f;
        }
    }

    @Test
    void thePluginsPhpPassesLintAndRunsOnPhp74() throws IOException {
        Platform.require("php");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(PLUGIN)) {
            files = walk.filter(p -> p.toString().endsWith(".php")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            Platform.Result lint = Platform.run(PLUGIN, Duration.ofSeconds(30), Map.of(), "php", "-l", file.toString());
            assertThat(lint.ok()).as("php -l %s: %s", file, lint.output()).isTrue();
        }
        Platform.Result syntax = Platform.run(PLUGIN, Duration.ofSeconds(30), Map.of(), "php",
                WordPressSite.RESOURCES.resolve("tool.php").toString(), "syntax", PLUGIN.toString());
        assertThat(syntax.ok()).as(syntax.output()).isTrue();
        assertThat(JsonPath.from(syntax.output()).getList("php8_only")).as("PHP 8-only code").isEmpty();
    }

    @Test
    void bloggersGetBarsExactlyWhereTheyChoseThemAndNowhereElse() throws Exception {
        Laps laps = new Laps();
        WordPressSite.requireThemes("twentytwentyone", "twentytwentythree");
        String site = createSite("wordpress", List.of("reddit", "bluesky", "mastodon", "email", "copy"),
                Map.of("domains", List.of("127.0.0.1")));
        laps.lap("Sharepulse site created");
        try (WordPressSite wp = WordPressSite.create("sharepulse")) {
            laps.lap("WordPress copied, its database made");
            JsonPath installed = wp.tool("install", Map.of("password", WordPressSite.PASSWORD, "posts", posts()));
            Map<String, String> url = new LinkedHashMap<>();
            Map<String, Integer> id = new LinkedHashMap<>();
            for (String name : posts().keySet()) {
                url.put(name, installed.getString("posts." + name + ".url"));
                id.put(name, installed.getInt("posts." + name + ".id"));
            }
            String category = installed.getString("category");
            laps.lap("installed with its posts");
            wp.tool("theme", Map.of("stylesheet", "twentytwentyone"));
            wp.start();
            laps.lap("serving");

            WordPressSite.Session admin = wp.login("admin");
            activate(wp, admin);
            assertThat(page(wp, url.get("auto"))).as("active but not configured: nothing yet")
                    .doesNotContain("<share-bar", "widget.js");

            // Settings → Sharepulse, as a blogger fills it in: the defaults plus the service and the site.
            String settingsPage = admin.get("/wp-admin/options-general.php?page=sharepulse").then()
                    .statusCode(HttpStatus.SC_OK).extract().asString();
            Map<String, String> hidden = new LinkedHashMap<>(WordPressSite.formFields(settingsPage, "action=\"options.php\""));
            hidden.keySet().removeIf(name -> name.startsWith(OPTION)); // the Settings API's own fields stay
            assertThat(hidden).containsKeys("_wpnonce", "option_page", "action");
            assertThat(settingsPage).contains("value=\"script\" checked='checked'", "<option value=\"after\" selected='selected'>",
                    "value=\"post\" checked='checked'");
            Settings settings = new Settings(api(), site, "script", "after", List.of("post"), false, false, false);
            String saved = save(admin, hidden, settings, true);
            assertThat(saved).contains("sharepulse-status", "Connected: site “" + site + "”");
            checkSettingsAreGuarded(wp, admin, hidden, settings);

            laps.lap("activated and configured");
            optOutThroughTheBlockEditor(wp, admin, id.get("optout"), url.get("optout"));
            checkTheBlockInTheEditor(wp, admin, id.get("block"), site);
            laps.lap("the editor: meta box and block");

            // Script mode, defaults: one bar after each post, nowhere else.
            String auto = page(wp, url.get("auto"));
            assertThat(bars(auto, url.get("auto"))).hasSize(1);
            assertThat(auto).contains("<div class=\"sharepulse sharepulse-after\"><share-bar data-url=\"" + url.get("auto")
                    + "\" data-title=\"Tea &amp; “biscuits”\"></share-bar></div>");
            assertThat(bars(auto, url.get("auto")).get(0)).isGreaterThan(auto.indexOf("END-auto"));
            assertThat(scriptTags(auto, site)).containsExactly(api());

            String shortcode = page(wp, url.get("shortcode"));
            assertThat(bars(shortcode, url.get("shortcode"))).hasSize(1).allSatisfy(at -> assertThat(at)
                    .isBetween(shortcode.indexOf("START-shortcode"), shortcode.indexOf("END-shortcode")));
            assertThat(shortcode).contains("<div class=\"sharepulse sharepulse-shortcode\"><share-bar data-url=\""
                    + url.get("shortcode") + "\" data-title=\"Shortcode\" data-networks=\"reddit,email\" data-layout=\"vertical\">");
            assertThat(scriptTags(shortcode, site)).hasSize(1);

            String block = page(wp, url.get("block"));
            assertThat(bars(block, url.get("block"))).hasSize(1).allSatisfy(at -> assertThat(at)
                    .isBetween(block.indexOf("START-block"), block.indexOf("END-block")));
            assertThat(block).contains("<div class=\"sharepulse sharepulse-block wp-block-sharepulse-share-bar\"><share-bar data-url=\""
                    + url.get("block") + "\" data-title=\"Block\" data-theme=\"dark\"></share-bar></div>");

            for (String name : List.of("optout", "jetpack", "about")) {
                String html = page(wp, url.get(name));
                assertThat(html).as(name).contains("START-" + name).doesNotContain("<share-bar", "widget.js");
            }
            String secret = page(wp, url.get("secret"));
            assertThat(secret).contains("post_password").doesNotContain("START-secret", "<share-bar", "widget.js");
            WordPressSite.Session reader = wp.session();
            // The theme's password form, with the page it came from (a browser sends that as its Referer).
            reader.post("/wp-login.php?action=postpass", Map.of("post_password", "letmein", "_wp_http_referer", url.get("secret"))).then()
                    .statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
            String unlocked = reader.get(url.get("secret")).then().statusCode(HttpStatus.SC_OK).extract().asString();
            assertThat(bars(unlocked, url.get("secret"))).as("once the password is entered").hasSize(1);

            wp.get(url.get("private")).then().statusCode(HttpStatus.SC_NOT_FOUND);
            String asAdmin = admin.get(url.get("private")).then().statusCode(HttpStatus.SC_OK).extract().asString();
            assertThat(asAdmin).contains("START-private").doesNotContain("<share-bar");
            String preview = admin.get("/?p=" + id.get("draft") + "&preview=true").then().statusCode(HttpStatus.SC_OK)
                    .extract().asString();
            assertThat(preview).contains("START-draft").doesNotContain("<share-bar");

            String home = page(wp, "/");
            assertThat(home).as("home page off by default").contains("START-auto").doesNotContain("<share-bar", "widget.js");
            checkNeverInFeedsRestOrEmbeds(wp, url);

            laps.lap("script mode, defaults");

            // Everything on, in a classic theme listing excerpts (Twenty Twenty-One's default).
            settings = settings.lists("both", List.of("post", "page"), true, true, false);
            save(admin, hidden, settings, false);
            auto = page(wp, url.get("auto"));
            List<Integer> around = bars(auto, url.get("auto"));
            assertThat(around).hasSize(2);
            assertThat(around.get(0)).isLessThan(auto.indexOf("START-auto"));
            assertThat(around.get(1)).isGreaterThan(auto.indexOf("END-auto"));
            assertThat(auto).contains("<div class=\"sharepulse sharepulse-before\"><share-bar", "<div class=\"sharepulse sharepulse-after\"><share-bar");
            assertThat(scriptTags(auto, site)).hasSize(1);
            assertThat(bars(page(wp, url.get("about")), url.get("about"))).as("pages chosen too").hasSize(2);
            assertThat(page(wp, "/")).as("excerpts not chosen").contains("START-auto").doesNotContain("<share-bar");

            settings = settings.lists("both", List.of("post", "page"), true, true, true);
            save(admin, hidden, settings, false);
            home = page(wp, "/");
            assertThat(bars(home, url.get("auto"))).as("around the excerpt").hasSize(2);
            assertThat(bars(home, url.get("auto")).get(0)).isLessThan(home.indexOf("START-auto"));
            assertThat(bars(home, url.get("auto")).get(1)).isGreaterThan(home.indexOf("END-auto"));
            for (String name : List.of("shortcode", "block")) {
                assertThat(bars(home, url.get(name))).as(name + "'s excerpt").hasSize(2);
            }
            for (String name : List.of("optout", "jetpack", "secret")) {
                assertThat(home).contains(url.get(name));
                assertThat(bars(home, url.get(name))).as(name).isEmpty();
            }
            assertThat(scriptTags(home, site)).as("one script tag for all the bars").hasSize(1);

            // Whole posts in lists: the_content, with the shortcode and block posts keeping their own bar only.
            wp.tool("theme", Map.of("stylesheet", "twentytwentyone", "mods", Map.of("display_excerpt_or_full_post", "full")));
            String archive = page(wp, category);
            assertThat(bars(archive, url.get("auto"))).hasSize(2);
            assertThat(bars(archive, url.get("shortcode"))).hasSize(1);
            assertThat(bars(archive, url.get("block"))).hasSize(1);
            assertThat(bars(archive, url.get("jetpack"))).isEmpty();
            assertThat(scriptTags(archive, site)).hasSize(1);
            checkNeverInFeedsRestOrEmbeds(wp, url);

            laps.lap("everything on, classic theme");
            checkServerRenderedMode(wp, admin, hidden, settings.lists("after", List.of("post"), false, false, false), url);

            laps.lap("server-rendered, service down and hanging");

            // The block theme of WordPress 6.1: post-content and post-excerpt blocks.
            wp.tool("theme", Map.of("stylesheet", "twentytwentythree"));
            settings = settings.mode("script").lists("after", List.of("post"), true, false, true);
            save(admin, hidden, settings, false);
            String single = page(wp, url.get("auto"));
            assertThat(bars(single, url.get("auto"))).hasSize(1).allSatisfy(at -> assertThat(at).isGreaterThan(single.indexOf("END-auto")));
            assertThat(scriptTags(single, site)).hasSize(1);
            String blockPage = page(wp, url.get("block"));
            assertThat(bars(blockPage, url.get("block"))).hasSize(1);
            home = page(wp, "/");
            for (String name : List.of("auto", "shortcode", "block")) {
                assertThat(bars(home, url.get(name))).as(name + "'s excerpt block").hasSize(1);
            }
            assertThat(bars(home, url.get("jetpack"))).isEmpty();
            assertThat(scriptTags(home, site)).hasSize(1);

            laps.lap("block theme");
            clickInChromium(wp, admin, hidden, settings, url.get("auto"));
            laps.lap("Chromium: a counted click, the no-JS bar styled");

            JsonPath before = wp.tool("state", Map.of());
            assertThat(before.getString("option")).contains(site);
            assertThat(before.getInt("transients")).as("cached fragments").isPositive();
            assertThat(before.getInt("meta._sharepulse_disabled")).isEqualTo(1);
            JsonPath after = wp.tool("uninstall", Map.of());
            assertThat(after.getBoolean("active")).isFalse();
            assertThat(after.getString("option")).isNull();
            assertThat(after.getInt("transients")).isZero();
            assertThat(after.getInt("meta._sharepulse_disabled")).isZero();
            assertThat(after.getInt("meta.sharing_disabled")).as("Jetpack's and AddToAny's meta stays").isEqualTo(1);

            laps.lap("uninstalled");
            assertThat(wp.debugLog().lines().filter(l -> l.contains("plugins/sharepulse")).toList())
                    .as("PHP notices, warnings or errors from the plugin").isEmpty();
        } finally {
            laps.lap("end, WordPress removed");
        }
    }

    /** Activates the plugin from the Plugins screen, as a blogger does. */
    static void activate(WordPressSite wp, WordPressSite.Session admin) {
        String plugins = admin.get("/wp-admin/plugins.php").then().statusCode(HttpStatus.SC_OK).extract().asString();
        Matcher link = Pattern.compile("href=\"(plugins\\.php\\?action=activate&amp;plugin=sharepulse%2Fsharepulse\\.php[^\"]*)\"")
                .matcher(plugins);
        assertThat(link.find()).as("the plugin is listed with an Activate link").isTrue();
        admin.get("/wp-admin/" + link.group(1).replace("&amp;", "&")).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        String after = admin.get("/wp-admin/plugins.php").then().statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(after).contains("options-general.php?page=sharepulse\">Settings</a>",
                "Sharepulse shows no share buttons until it knows your service address and site id.");
    }

    /** Saves Settings → Sharepulse through options.php; returns the page WordPress sends back to, when asked. */
    static String save(WordPressSite.Session admin, Map<String, String> hidden, Settings settings, boolean follow) {
        Map<String, Object> form = new LinkedHashMap<>(hidden);
        form.putAll(settings.form());
        Response r = admin.post("/wp-admin/options.php", form);
        r.then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        return follow ? admin.get(r.header("Location")).then().statusCode(HttpStatus.SC_OK).extract().asString() : "";
    }

    /** Without the form's nonce, or as a subscriber, nothing is saved. */
    static void checkSettingsAreGuarded(WordPressSite wp, WordPressSite.Session admin, Map<String, String> hidden,
            Settings settings) {
        Map<String, String> forged = new LinkedHashMap<>(hidden);
        forged.put("_wpnonce", "0123456789");
        Map<String, Object> form = new LinkedHashMap<>(forged);
        form.putAll(settings.mode("fragment").form());
        admin.post("/wp-admin/options.php", form).then().statusCode(HttpStatus.SC_FORBIDDEN);
        WordPressSite.Session subscriber = wp.login("reader");
        subscriber.get("/wp-admin/options-general.php?page=sharepulse").then().statusCode(HttpStatus.SC_FORBIDDEN);
        form = new LinkedHashMap<>(hidden);
        form.putAll(settings.mode("fragment").form());
        subscriber.post("/wp-admin/options.php", form).then().statusCode(HttpStatus.SC_FORBIDDEN);
        // A bad service address and site id are refused with a message each, and the saved values stay.
        Map<String, Object> bad = new LinkedHashMap<>(hidden);
        bad.putAll(settings.service("javascript:alert(1)").form());
        bad.put(OPTION + "[site_id]", "Not A Slug!");
        String refused = admin.get(admin.post("/wp-admin/options.php", bad).header("Location")).then()
                .statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(refused).contains("The service address must be an http or https address",
                "The site id is the one your Sharepulse knows the blog by",
                "value=\"" + settings.service() + "\"", "value=\"" + settings.site() + "\"", "value=\"script\" checked='checked'")
                .doesNotContain("value=\"javascript:");
    }

    /**
     * Ticks "Hide the share buttons" in the post editor's Share buttons box and saves it the way the block editor
     * saves meta boxes (a POST of the meta box forms to post.php with meta-box-loader); a forged nonce is ignored.
     */
    static void optOutThroughTheBlockEditor(WordPressSite wp, WordPressSite.Session admin, int postId, String postUrl) {
        assertThat(bars(page(wp, postUrl), postUrl)).as("before opting out").hasSize(1);
        String editor = admin.get("/wp-admin/post.php?post=" + postId + "&action=edit").then()
                .statusCode(HttpStatus.SC_OK).extract().asString();
        Matcher loader = Pattern.compile("var _wpMetaBoxUrl = \"([^\"]+)\"").matcher(editor);
        assertThat(loader.find()).as("the block editor, with meta boxes").isTrue();
        String metaBoxUrl = loader.group(1).replace("\\/", "/").replace("\\u0026", "&");
        Map<String, Object> form = new LinkedHashMap<>(WordPressSite.formFields(editor, "class=\"metabox-base-form\""));
        form.putAll(WordPressSite.formFields(editor, "class=\"metabox-location-side\""));
        assertThat(form).containsKey("sharepulse_meta_box_nonce").doesNotContainKey("sharepulse_disabled");
        assertThat(editor).contains("Hide the share buttons on this post");

        Map<String, Object> forged = new LinkedHashMap<>(form);
        forged.put("sharepulse_meta_box_nonce", "0123456789");
        forged.put("sharepulse_disabled", "1");
        admin.post(metaBoxUrl, forged).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(bars(page(wp, postUrl), postUrl)).as("a forged nonce changes nothing").hasSize(1);

        form.put("sharepulse_disabled", "1");
        admin.post(metaBoxUrl, form).then().statusCode(HttpStatus.SC_MOVED_TEMPORARILY);
        assertThat(page(wp, postUrl)).doesNotContain("<share-bar");
        JsonPath rest = JsonPath.from(wp.get("/wp-json/wp/v2/posts/" + postId).then().statusCode(HttpStatus.SC_OK)
                .extract().asString());
        assertThat(rest.getBoolean("meta._sharepulse_disabled")).as("registered meta, as the block editor reads it").isTrue();
        String again = admin.get("/wp-admin/post.php?post=" + postId + "&action=edit").then()
                .statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(again).contains("name=\"sharepulse_disabled\" value=\"1\" checked='checked'");
    }

    /**
     * The block editor loads the block's script (no build step: plain editor globals), and its server-side preview
     * is a placeholder: a draft's address must not reach the service.
     */
    static void checkTheBlockInTheEditor(WordPressSite wp, WordPressSite.Session admin, int postId, String site) {
        String editor = admin.get("/wp-admin/post.php?post=" + postId + "&action=edit").then()
                .statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(editor).contains("/wp-content/plugins/sharepulse/blocks/share-bar/editor.js");
        Matcher nonce = Pattern.compile("createNonceMiddleware\\( \"([0-9a-f]+)\" \\)").matcher(editor);
        assertThat(nonce.find()).as("the editor's REST nonce").isTrue();
        String preview = admin.request().header("X-WP-Nonce", nonce.group(1))
                .get(wp.absolute("/wp-json/wp/v2/block-renderer/sharepulse/share-bar?context=edit&post_id=" + postId))
                .then().statusCode(HttpStatus.SC_OK).extract().jsonPath().getString("rendered");
        assertThat(preview).contains("Share buttons (Sharepulse site “" + site + "”) appear here on the published page.")
                .doesNotContain("<share-bar", "spb");
    }

    /** Feeds, the REST API, oEmbed pages and search results' JSON never carry a bar, whatever is switched on. */
    static void checkNeverInFeedsRestOrEmbeds(WordPressSite wp, Map<String, String> url) {
        String feed = wp.get("/feed/").then().statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(feed).contains("START-auto", "START-block").doesNotContain("share-bar", "sharepulse", "/s/", "spb");
        String rest = wp.get("/wp-json/wp/v2/posts?per_page=50").then().statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(rest).contains("START-auto", "START-shortcode", "START-block").doesNotContain("share-bar", "sharepulse-", "spb");
        String pages = wp.get("/wp-json/wp/v2/pages").then().statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(pages).contains("START-about").doesNotContain("share-bar");
        String embed = wp.get(url.get("auto") + "embed/").then().statusCode(HttpStatus.SC_OK).extract().asString();
        assertThat(embed).contains("wp-embed").doesNotContain("share-bar", "widget.js");
    }

    /**
     * Server-rendered: the fragment's links are in the page (no JavaScript needed), exactly the share API's; with
     * the service on a closed port or a port that never answers, the page still answers within 3 s with the script
     * fallback, and a failure is remembered, so the next view does not ask again.
     */
    void checkServerRenderedMode(WordPressSite wp, WordPressSite.Session admin, Map<String, String> hidden,
            Settings settings, Map<String, String> url) throws IOException {
        String site = settings.site();
        save(admin, hidden, settings.mode("fragment"), false);
        String auto = page(wp, url.get("auto"));
        List<String> expected = new ArrayList<>();
        // Asked at the address WordPress uses, so the links name the same origin.
        JsonPath doc = given().queryParam("url", url.get("auto")).get(api() + "/api/v1/sites/" + site + "/share").then()
                .statusCode(HttpStatus.SC_OK).extract().jsonPath();
        for (Map<String, Object> link : doc.<Map<String, Object>>getList("links")) {
            if (link.get("href") != null) {
                expected.add((String) link.get("href"));
            }
        }
        assertThat(expected).hasSize(4); // copy needs JavaScript
        assertThat(fragmentLinks(auto)).containsExactlyElementsOf(expected);
        assertThat(auto).contains("<div class=\"sharepulse sharepulse-after\"><link rel=\"stylesheet\" href=\"" + api(),
                "<nav class=\"spb spb-", "aria-label=\"Share on Reddit\"", "rel=\"noopener noreferrer nofollow\"",
                "viewBox=\"0 0 24 24\"")
                .doesNotContain("<share-bar", "widget.js");
        assertThat(auto.indexOf("<nav class=\"spb")).isGreaterThan(auto.indexOf("END-auto"));
        assertThat(fragmentLinks(page(wp, url.get("shortcode")))).as("the shortcode's networks, in its order")
                .hasSize(2).allSatisfy(href -> assertThat(href).startsWith(api() + "/s/"))
                .satisfies(l -> assertThat(l.get(0)).endsWith("/reddit"), l -> assertThat(l.get(1)).endsWith("/email"));
        assertThat(page(wp, url.get("jetpack"))).doesNotContain("spb");
        checkNeverInFeedsRestOrEmbeds(wp, url);

        save(admin, hidden, settings.mode("both"), false);
        String both = page(wp, url.get("auto"));
        assertThat(both).contains("<share-bar data-url=\"" + url.get("auto") + "\"", "<noscript><link rel=\"stylesheet\"");
        assertThat(both.indexOf("<nav class=\"spb")).isGreaterThan(both.indexOf("<noscript>"));
        assertThat(scriptTags(both, site)).hasSize(1);

        int closed = Platform.freePort();
        save(admin, hidden, settings.mode("fragment").service("http://127.0.0.1:" + closed), false);
        String down = timedPage(wp, url.get("auto"));
        assertThat(bars(down, url.get("auto"))).as("the script fallback").hasSize(1);
        assertThat(scriptTags(down, site)).containsExactly("http://127.0.0.1:" + closed);
        assertThat(down).doesNotContain("<nav class=\"spb");

        try (Silent silent = new Silent()) {
            save(admin, hidden, settings.mode("fragment").service(silent.url()), false);
            String hung = timedPage(wp, url.get("auto"));
            assertThat(bars(hung, url.get("auto"))).hasSize(1);
            assertThat(scriptTags(hung, site)).containsExactly(silent.url());
            assertThat(silent.accepted()).as("asked once").isEqualTo(1);
            timedPage(wp, url.get("auto"));
            assertThat(silent.accepted()).as("the failure is remembered: not asked on every view").isEqualTo(1);
        }
        save(admin, hidden, settings.mode("script"), false);
    }

    /** A loaded post in Chromium: the widget draws the bar; a click on Reddit is counted by Sharepulse. */
    void clickInChromium(WordPressSite wp, WordPressSite.Session admin, Map<String, String> hidden, Settings settings,
            String postUrl) {
        try (Browser browser = Browser.open()) {
            browser.get(postUrl);
            WebElement reddit = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> shadowLink(browser, "a.n-reddit"), e -> e != null);
            String href = reddit.getAttribute("href");
            assertThat(href).startsWith(api() + "/s/").endsWith("/reddit");
            String post = href.substring((api() + "/s/").length(), href.lastIndexOf('/'));
            assertThat(counts(post).getInt("total")).isZero();
            assertThat(given().queryParam("url", postUrl).get("/api/v1/sites/{site}/share", settings.site()).then()
                    .statusCode(HttpStatus.SC_OK).extract().jsonPath().getString("title"))
                    .as("the title WordPress gave the bar").isEqualTo("Tea & “biscuits”");
            reddit.click();
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> counts(post).getInt("networks.reddit"), n -> n == 1);
            assertThat(browser.consoleErrors()).filteredOn(m -> m.contains("share-bar")).isEmpty();

            // Server-rendered, JavaScript off: the links are there and styled, in a real theme's page.
            save(admin, hidden, settings.mode("fragment"), false);
            browser.javaScript(false);
            browser.get(postUrl);
            List<WebElement> links = browser.driver().findElements(By.cssSelector("nav.spb a"));
            assertThat(links).hasSize(4).allSatisfy(a -> {
                assertThat(a.getSize().getHeight()).isGreaterThanOrEqualTo(44);
                assertThat(a.getCssValue("text-decoration-line")).isEqualTo("none");
            });
            assertThat(browser.driver().findElement(By.cssSelector("nav.spb ul")).getCssValue("list-style-type")).isEqualTo("none");
        }
    }

    static WebElement shadowLink(Browser browser, String css) {
        List<WebElement> bars = browser.driver().findElements(By.cssSelector("share-bar"));
        if (bars.isEmpty()) {
            return null;
        }
        SearchContext root = bars.get(0).getShadowRoot();
        List<WebElement> found = root.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    static JsonPath counts(String post) {
        return given().get("/api/v1/posts/{post}/counts", post).then().statusCode(HttpStatus.SC_OK).extract().jsonPath();
    }

    static String page(WordPressSite wp, String pathOrUrl) {
        return wp.get(pathOrUrl).then().statusCode(HttpStatus.SC_OK).extract().asString();
    }

    /** A reader's page view that must answer 200 within {@link #PATIENCE}. */
    static String timedPage(WordPressSite wp, String pathOrUrl) {
        long t = System.nanoTime();
        String html = page(wp, pathOrUrl);
        Duration took = Duration.ofNanos(System.nanoTime() - t);
        System.out.printf("WordPress page with the service unreachable: %d ms%n", took.toMillis());
        assertThat(took).isLessThan(PATIENCE);
        return html;
    }

    /** Where in the page the {@code <share-bar>} elements for {@code url} start. */
    static List<Integer> bars(String html, String url) {
        List<Integer> at = new ArrayList<>();
        String needle = "<share-bar data-url=\"" + url + "\"";
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            at.add(i);
        }
        return at;
    }

    /** The service origins of the page's share bar script tags (with our site id, async). */
    static List<String> scriptTags(String html, String site) {
        List<String> origins = new ArrayList<>();
        Matcher m = Pattern.compile("<script src=\"(http://[^\"]+)/widget\\.js\" data-site=\"" + site
                + "\" async id=\"sharepulse-widget-js\"></script>").matcher(html);
        while (m.find()) {
            origins.add(m.group(1));
        }
        assertThat(html.split("widget\\.js", -1).length - 1).as("widget.js mentions").isEqualTo(origins.size());
        return origins;
    }

    static List<String> fragmentLinks(String html) {
        List<String> hrefs = new ArrayList<>();
        Matcher m = Pattern.compile("<a class=\"n-[a-z0-9]+( r)?\" href=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            hrefs.add(m.group(2));
        }
        return hrefs;
    }

    /** Prints how long each part of the test took, and the total. */
    static final class Laps {
        private final long start = System.nanoTime();
        private long last = start;

        void lap(String what) {
            long now = System.nanoTime();
            System.out.printf("WordPressIntegrationTest: %-50s +%6d ms (%6d ms in all)%n", what, (now - last) / 1_000_000,
                    (now - start) / 1_000_000);
            last = now;
        }
    }

    /** A service that accepts connections and never answers (a hung upstream); counts the connections. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        Silent() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept()); // and never read or answer
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-service");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
