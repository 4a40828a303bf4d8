package io.sharepulse.security;

import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.security.KeyFixtures.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sharepulse.Fixtures;
import io.sharepulse.network.Network;
import io.sharepulse.network.NetworkCatalog;
import io.sharepulse.platform.RedisKeys;
import io.sharepulse.security.HostileCorpus.Expect;
import io.sharepulse.security.HostileCorpus.Payload;
import io.sharepulse.security.HostileCorpus.Single;
import io.sharepulse.security.HostileCorpus.Target;
import io.sharepulse.widget.Assets;

/**
 * The hostile-input corpus (issue 6) against every public and admin endpoint, through a raw socket so that what
 * a hostile client sends arrives byte for byte. For every case: the answer is a 4xx problem+json (or a documented
 * success where the input is harmless; or, for the few things the HTTP layer answers before any of our code, the
 * exact status it gives), never a 5xx; nothing comes back unescaped; no redirect leaves for a host that is not a
 * catalog template's; and nothing a rejected request carried is stored (Redis and PostgreSQL are compared before
 * and after all rejected cases, which run first). The corpus is data under {@code src/test/resources/hostile/}.
 */
@QuarkusTest
class HostileInputTest {

    static final String PROBLEM = "application/problem+json";
    /** Fragments that would mean an exception escaped to the client. */
    static final List<String> LEAKS = List.of("exception", "\tat ", "io.sharepulse.", "java.lang", "org.jboss",
            "io.vertx", "io.quarkus");
    static final Pattern POST_LINK = Pattern.compile("/s/([a-z0-9-]+\\.[0-9A-Za-z]{13})/");

    @TestHTTPResource("/")
    URL base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    AgroalDataSource database;

    @Inject
    NetworkCatalog catalog;

    @Inject
    Assets assets;

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One request of the corpus, ready to send. */
    record Case(String name, String endpoint, String expect, Expect kind, byte[] request, List<String> needles,
            boolean storesTitle, boolean head) {
    }

    /** What one endpoint answered over the run. */
    static final class Tally {
        int cases;
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        int violations;
    }

    private final Map<String, Tally> tallies = new TreeMap<>();
    private final Map<String, Integer> families = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    /** What the HTTP layer answered itself, by kind, with how many cases. */
    private final Map<String, Integer> framework = new TreeMap<>();
    private Map<String, String> places;
    private RawHttp http;
    private Set<String> templateHosts;
    private int sequence;

    @Test
    void hostileInputIsRefusedOrHarmlessNeverFailsNeverEchoesNeverRedirectsAwayAndNeverStored() throws Exception {
        ErrorLog errors = new ErrorLog();
        Logger.getLogger("").addHandler(errors);
        try {
            runTheCorpus();
        } finally {
            Logger.getLogger("").removeHandler(errors);
        }
        // A hostile request is the client's fault: the service answers it without logging an error (a 500's stack).
        assertThat(errors.seen).as("errors the service logged while the corpus ran").isEmpty();
    }

    /** Records what is logged at ERROR (SEVERE) or above, by logger and message. */
    private static final class ErrorLog extends Handler {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord entry) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                seen.add(entry.getLoggerName() + ": " + entry.getMessage()
                        + (entry.getThrown() == null ? "" : " (" + entry.getThrown() + ")"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private void runTheCorpus() throws Exception {
        HostileCorpus corpus = HostileCorpus.load();
        http = new RawHttp(base.getHost(), base.getPort());
        templateHosts = templateHosts();
        places = setUp();

        List<Case> controls = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        expand(corpus, controls, cases);
        long hostile = cases.size();

        for (Case c : controls) {
            run(c);
        }
        Map<String, String> redisBefore = redisDump();
        Map<String, String> tablesBefore = tableDump();
        for (Case c : cases) {
            if (c.kind() != Expect.ACCEPT) {
                run(c);
            }
        }
        compare("Redis", redisBefore, redisDump());
        compare("PostgreSQL", tablesBefore, tableDump());

        List<String> storedTitles = new ArrayList<>();
        try {
            for (Case c : cases) {
                if (c.kind() == Expect.ACCEPT) {
                    RawHttp.Answer a = run(c);
                    if (c.storesTitle() && a.status() == 200) {
                        storedTitles.addAll(followStoredTitle(c, a));
                    }
                }
            }
            exportHasNoFormula(storedTitles);
            nothingOfTheRejectedIds();
        } finally {
            report(hostile, controls.size());
        }
        assertThat(violations.size()).as("hostile-input violations (listed above)").isZero();
    }

    // --- the world the cases run in ---------------------------------------------------------------------------------

    private Map<String, String> setUp() {
        String site = createSite("hostile", List.of("reddit", "x", "mastodon", "misskey", "fediverse", "qr", "pinterest",
                "email", "sms", "viber", "copy", "print", "webshare"), Map.of("domains", List.of(Fixtures.BLOG_DOMAIN, "bücher.example"),
                        "mediaDomains", List.of("cdn.example")));
        String other = createSite("hostile-other", List.of("reddit"));
        String postUrl = "https://" + Fixtures.BLOG_DOMAIN + "/hostile/control";
        String post = share(site, postUrl, "Hostile control").getString("post");
        // A counted click first: the day's salt exists before the snapshots, as it would at any time of day.
        click(post, "reddit", "198.51.100.1");
        String readKey = createKey(site, "read");
        // The date-range families alone send ~200 requests: a key of their own keeps both under 300 a minute.
        String rangeKey = createKey(site, "read");
        String adminKey = createKey(site, "admin");
        String keyId = readKey.substring(4, 17);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("{site}", site);
        p.put("{otherSite}", other);
        p.put("{post}", post);
        p.put("{postUrl}", postUrl);
        p.put("{postUrlEnc}", percent(postUrl.getBytes(StandardCharsets.UTF_8)));
        p.put("{hash}", assets.get("widget.js").hash());
        p.put("{keyId}", keyId);
        p.put("{operator}", "Bearer " + Fixtures.ADMIN_TOKEN);
        p.put("{readKey}", "Bearer " + readKey);
        p.put("{rangeKey}", "Bearer " + rangeKey);
        p.put("{adminKey}", "Bearer " + adminKey);
        p.put("{host}", base.getHost() + ":" + base.getPort());
        return p;
    }

    /** Every host a catalog template can send a reader to. */
    private Set<String> templateHosts() {
        Set<String> hosts = new TreeSet<>();
        for (Network n : catalog.all()) {
            for (String t : new String[] { n.template(), n.instanceTemplate() }) {
                if (t != null && t.startsWith("http") && !t.contains("{instance}")) {
                    hosts.add(URI.create(t.replaceAll("\\{[a-z]+\\}", "x")).getHost());
                }
            }
        }
        assertThat(hosts).contains("www.reddit.com", "bsky.app");
        return hosts;
    }

    // --- building requests ------------------------------------------------------------------------------------------

    private void expand(HostileCorpus corpus, List<Case> controls, List<Case> cases) {
        for (Target t : corpus.targets) {
            List<Payload> family = corpus.payloads.stream().filter(p -> p.family().equals(t.family())).toList();
            assertThat(family).as("payloads of family " + t.family()).isNotEmpty();
            if (t.control() != null) {
                Payload control = new Payload(t.family(), "control", t.family().equals("range")
                        || t.family().equals("stats") || t.family().equals("posts") ? "query" : "enc",
                        HostileCorpus.unescape(t.control()), Map.of("*", "accept control"), List.of(), "control");
                controls.add(build(t, control));
            }
            for (Payload p : family) {
                cases.add(build(t, p));
            }
        }
        for (Single s : corpus.singles) {
            byte[] request;
            if (s.raw() != null) {
                request = substitute(s.raw());
            } else {
                request = request(s.method(), substitute(HostileCorpus.unescape(s.path())),
                        s.headers().stream().map(h -> substitute(HostileCorpus.unescape(h))).toList(),
                        s.body() == null ? null : substitute(s.body()));
            }
            cases.add(new Case("single/" + s.name(), s.endpoint(), s.expect(), HostileCorpus.kind(s.expect()), request,
                    s.needles(), false, "HEAD".equals(s.method())));
        }
        cases.forEach(c -> families.merge(c.name().substring(0, c.name().indexOf('/')), 1, Integer::sum));
        long names = cases.stream().map(Case::name).distinct().count();
        assertThat(names).as("case names are unique").isEqualTo(cases.size());
    }

    private Case build(Target t, Payload p) {
        // A target's own expectation stands in for the payload's rejections, not for what the HTTP layer does.
        String expect = p.expectFor(t.name());
        if (t.expect() != null && expect.startsWith("reject")) {
            expect = t.expect();
        }
        String bound = new String(p.value(), StandardCharsets.ISO_8859_1);
        for (var b : t.bindings().entrySet()) {
            bound = bound.replace(b.getKey(), b.getValue());
        }
        byte[] value = substitute(bound.getBytes(StandardCharsets.ISO_8859_1));
        byte[] inPath = switch (p.mode()) {
            case "raw" -> value;
            case "query" -> query(value).getBytes(StandardCharsets.US_ASCII);
            default -> percent(value).getBytes(StandardCharsets.US_ASCII);
        };
        byte[] path = insert(substitute(t.path().getBytes(StandardCharsets.UTF_8)), inPath);
        List<byte[]> headers = t.headers().stream()
                .map(h -> insert(substitute(h.getBytes(StandardCharsets.UTF_8)), value)).toList();
        byte[] body = t.body() == null ? null : insert(substitute(t.body().getBytes(StandardCharsets.UTF_8)), value);
        return new Case(t.family() + "/" + p.name() + "@" + t.name(), t.endpoint(), expect, HostileCorpus.kind(expect),
                request(t.method(), path, headers, body), p.needles(), t.family().equals("title"),
                t.method().equals("HEAD"));
    }

    /** {@code {p}} of a template replaced by the payload, byte for byte. */
    private static byte[] insert(byte[] template, byte[] payload) {
        String t = new String(template, StandardCharsets.ISO_8859_1);
        return t.replace("{p}", new String(payload, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The run's names for things ({@code {site}}, {@code {post}}, a fresh {@code {unique}} and {@code {newId}}). */
    private byte[] substitute(byte[] in) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        for (var e : places.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        while (s.contains("{unique}")) {
            s = s.replaceFirst("\\{unique\\}", UUID.randomUUID().toString());
        }
        while (s.contains("{newId}")) {
            s = s.replaceFirst("\\{newId\\}", "hx-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A request with the headers a browser would send where the case gives none: Host, a browser's User-Agent, a
     * client address of its own (so no case shares a visitor, dedupe window or rate-limit bucket with another), and
     * the body's length.
     */
    private byte[] request(String method, byte[] target, List<byte[]> headers, byte[] body) {
        int n = ++sequence;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(target);
        out.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        Set<String> given = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (byte[] h : headers) {
            String line = new String(h, StandardCharsets.ISO_8859_1);
            given.add(line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : line);
            if (line.startsWith("No-") && !line.contains(":")) {
                continue; // "No-Host": leave that default out
            }
            out.writeBytes(h);
            out.writeBytes(new byte[] { '\r', '\n' });
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("Host", places.get("{host}"));
        defaults.put("User-Agent", Fixtures.BROWSER_UA);
        defaults.put("X-Forwarded-For", "198.18." + (n / 250) + "." + (n % 250 + 1));
        defaults.put("Connection", "close");
        if (body != null && !given.contains("Transfer-Encoding")) {
            defaults.put("Content-Length", Integer.toString(body.length));
        }
        defaults.forEach((name, value) -> {
            if (!given.contains(name) && !given.contains("No-" + name)) {
                out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        out.writeBytes(new byte[] { '\r', '\n' });
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    static String percent(byte[] value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** A query string with its names and values percent-encoded and its '=' and '&' kept. */
    static String query(byte[] value) {
        String s = new String(value, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (String pair : s.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            out.append(percent(pair.substring(0, eq < 0 ? pair.length() : eq).getBytes(StandardCharsets.ISO_8859_1)));
            if (eq >= 0) {
                out.append('=').append(percent(pair.substring(eq + 1).getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return out.toString();
    }

    // --- running and judging ----------------------------------------------------------------------------------------

    private RawHttp.Answer run(Case c) throws Exception {
        return judge(c, http.send(c.request()));
    }

    private RawHttp.Answer judge(Case c, RawHttp.Answer a) {
        List<String> wrong = new ArrayList<>();
        String body = a.text();
        String lowerBody = body.toLowerCase(Locale.ROOT);
        String outcome;
        if (a.status() < 0 && c.kind() == Expect.FRAMEWORK && c.expect().startsWith("framework none")) {
            framework.merge(c.expect().substring("framework ".length()), 1, Integer::sum);
            outcome = "no answer (HTTP layer)";
        } else if (a.status() < 0) {
            wrong.add("no answer (" + a.body().length + " bytes)");
            outcome = "no answer";
        } else if (a.status() >= 500) {
            wrong.add("status " + a.status() + ": " + abbreviate(body));
            outcome = "5xx";
        } else {
            switch (c.kind()) {
                case REJECT -> {
                    if (a.status() < 400) {
                        wrong.add("expected 4xx, got " + a.status());
                    }
                    problem(a, c.head(), wrong);
                }
                case ACCEPT -> {
                    if (a.status() >= 400) {
                        wrong.add("expected a documented success (" + c.expect() + "), got " + a.status() + " "
                                + abbreviate(body));
                    }
                }
                case FRAMEWORK -> {
                    String expected = c.expect().split(" ")[1];
                    if (!expected.equals(a.status() < 0 ? "none" : Integer.toString(a.status()))) {
                        wrong.add("expected the HTTP layer's " + expected + ", got " + a.status() + " "
                                + a.contentType());
                    }
                    if (a.contentType().startsWith(PROBLEM)) {
                        framework.merge(c.name() + " is problem+json now: make it 'reject'", 1, Integer::sum);
                    } else {
                        framework.merge(c.expect().substring("framework ".length()) + " ["
                                + (a.contentType().isEmpty() ? "no content type" : a.contentType()) + ", "
                                + a.body().length + " body bytes]", 1, Integer::sum);
                    }
                }
            }
            outcome = a.status() < 400 ? "accepted " + (a.status() / 100) + "xx"
                    : a.contentType().startsWith(PROBLEM) ? "4xx problem" : "4xx other";
        }
        if (a.status() >= 400) {
            for (String leak : LEAKS) {
                if (lowerBody.contains(leak)) {
                    wrong.add("error body leaks '" + leak.strip() + "': " + abbreviate(body));
                }
            }
        }
        if (!a.all("Set-Cookie").isEmpty()) {
            wrong.add("sets a cookie");
        }
        for (String[] h : a.headers()) {
            if (h[0].toLowerCase(Locale.ROOT).contains("injected")) {
                wrong.add("injected response header " + h[0]);
            }
        }
        a.header("Location").ifPresent(location -> {
            if (!allowedLocation(location)) {
                wrong.add("Location leaves for a host that is no catalog template's: " + location);
            }
        });
        reflection(c, a, body, wrong);

        Tally t = tallies.computeIfAbsent(c.endpoint(), k -> new Tally());
        t.cases++;
        t.outcomes.merge(outcome, 1, Integer::sum);
        t.statuses.merge(a.status(), 1, Integer::sum);
        if (!wrong.isEmpty()) {
            t.violations++;
            violations.add(c.name() + " [" + c.endpoint() + "]: " + String.join("; ", wrong));
        }
        return a;
    }

    private void problem(RawHttp.Answer a, boolean head, List<String> wrong) {
        if (!a.contentType().startsWith(PROBLEM)) {
            wrong.add("not problem+json but '" + a.contentType() + "': " + abbreviate(a.text()));
            return;
        }
        if (head) {
            return; // a HEAD answer has the headers of the problem, not its body
        }
        try {
            JsonNode doc = json.readTree(a.body());
            if (doc == null || doc.path("status").asInt() != a.status() || !doc.path("title").isTextual()
                    || !doc.path("type").isTextual()) {
                wrong.add("problem document without matching type/title/status: " + abbreviate(a.text()));
            }
        } catch (Exception e) {
            wrong.add("problem body is not JSON: " + abbreviate(a.text()));
        }
    }

    /**
     * JSON bodies must parse (a payload inside a JSON string, escaped as JSON, is fine); every other body, and every
     * header, must not hold a needle: the raw fragment that would be live markup or a header of its own.
     */
    private void reflection(Case c, RawHttp.Answer a, String body, List<String> wrong) {
        boolean isJson = a.contentType().contains("json");
        if (isJson && a.body().length > 0 && !c.head()) {
            try {
                json.readTree(a.body());
            } catch (Exception e) {
                wrong.add("JSON body does not parse: " + abbreviate(body));
            }
        }
        for (String needle : c.needles()) {
            if (needle.startsWith("csv:")) {
                continue;
            }
            if (needle.startsWith("any:")) {
                // Not about escaping: the value must not have been honoured at all (a forwarded host in our links).
                if (body.contains(needle.substring(4)) || a.head().contains(needle.substring(4))) {
                    wrong.add("the answer uses " + visible(needle.substring(4)));
                }
                continue;
            }
            if (!isJson && body.contains(needle)) {
                wrong.add("body reflects " + visible(needle) + " unescaped (" + a.contentType() + ")");
            }
            if (a.head().contains(needle)) {
                wrong.add("headers reflect " + visible(needle));
            }
        }
    }

    private boolean allowedLocation(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:") || lower.startsWith("sms:") || lower.startsWith("viber:")) {
            return true;
        }
        if (location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")) {
            return ownPage(location);
        }
        try {
            URI u = new URI(location);
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                return false;
            }
            if (templateHosts.contains(u.getHost())) {
                return true;
            }
            return base.getHost().equals(u.getHost()) && base.getPort() == u.getPort() && ownPage(u.getRawPath());
        } catch (Exception e) {
            return false;
        }
    }

    /** Our own pages a Location may name: the fediverse picker (and its old address), the QR code, an admin resource. */
    private static boolean ownPage(String path) {
        return path.startsWith("/fediverse?") || path.startsWith("/mastodon?") || path.equals("/mastodon")
                || path.startsWith("/qr?") || path.startsWith("/admin/v1/sites/");
    }

    /** A stored hostile title, shown by our HTML pages and counted once so the CSV export holds it. */
    private List<String> followStoredTitle(Case c, RawHttp.Answer a) throws Exception {
        String post;
        if (a.contentType().contains("json")) {
            post = json.readTree(a.body()).path("post").asText();
        } else {
            Matcher m = POST_LINK.matcher(a.text());
            assertThat(m.find()).as("a post link in " + c.name()).isTrue();
            post = m.group(1);
        }
        Case picker = follow(c, "GET /fediverse (stored title)", "GET", "/fediverse?post=" + post + "&network=mastodon");
        Case qr = follow(c, "GET /qr (stored title)", "GET", "/qr?post=" + post);
        Case retired = follow(c, "GET /s/{post}/{retired} (stored title)", "GET", "/s/" + post + "/technorati");
        Case counted = follow(c, "GET /s/{post}/{network} (stored title)", "GET", "/s/" + post + "/reddit");
        for (Case f : List.of(picker, qr, retired, counted)) {
            judge(f, http.send(f.request()));
        }
        return c.needles();
    }

    private Case follow(Case c, String endpoint, String method, String path) {
        return new Case(c.name() + " → " + endpoint, endpoint, "accept stored title shown escaped", Expect.ACCEPT,
                request(method, path.getBytes(StandardCharsets.US_ASCII), List.of(), null), c.needles(), false, false);
    }

    /** The export of the titles stored above: every formula trigger neutralised. */
    private void exportHasNoFormula(List<String> needles) throws Exception {
        Case export = new Case("export of stored titles", "GET /admin/v1/sites/{site}/export.csv (stored titles)",
                "accept", Expect.ACCEPT, request("GET", substitute("/admin/v1/sites/{site}/export.csv".getBytes(
                        StandardCharsets.US_ASCII)), List.of(("Authorization: " + places.get("{readKey}"))
                                .getBytes(StandardCharsets.US_ASCII)), null), List.of(), false, false);
        RawHttp.Answer a = judge(export, http.send(export.request()));
        String csv = a.text();
        if (!csv.startsWith("date,post,url,title,network,clicks")) {
            violations.add("the CSV export of stored titles did not come: " + a.status() + " " + abbreviate(a.head()));
            return;
        }
        for (String needle : needles) {
            if (needle.startsWith("csv:") && csv.contains(needle.substring(4))) {
                violations.add("CSV export holds a live formula: " + visible(needle.substring(4)));
            }
        }
        assertThat(needles.stream().filter(n -> n.startsWith("csv:")).count()).as("formula cases ran").isPositive();
    }

    /** Ids and hosts only rejected requests carried never appear anywhere. */
    private void nothingOfTheRejectedIds() throws Exception {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select count(*) from site where id like 'hx-%'")) {
                rs.next();
                if (rs.getInt(1) != 0) {
                    violations.add(rs.getInt(1) + " site(s) created from rejected bodies (ids hx-…)");
                }
            }
            try (var query = c.prepareStatement("select url from post where site_id = ?")) {
                query.setString(1, places.get("{site}"));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String url = rs.getString(1);
                        String host = url.startsWith("https://") || url.startsWith("http://")
                                ? io.sharepulse.post.UrlCanonicalizer.host(url) : url;
                        if (!Set.of(Fixtures.BLOG_DOMAIN, "xn--bcher-kva.example").contains(host)) {
                            violations.add("post stored for a URL the site does not own: " + url);
                        }
                    }
                }
            }
        }
    }

    // --- what is stored ---------------------------------------------------------------------------------------------

    /**
     * Every key of this run with its value. Rate-limit windows ({@code :rl:}), the click cap's counters
     * ({@code :cc:}) and the refusal tallies ({@code :rf:}) are left out: they count requests, rejected ones
     * included, by design, and hold nothing a request carried (a salted hash, a fixed reason, a number).
     */
    private Map<String, String> redisDump() {
        Map<String, String> out = new TreeMap<>();
        for (String key : redis.key().scan(new KeyScanArgs().match(keys.prefix() + ":*").count(1000)).toIterable()) {
            if (key.contains(":rl:") || key.contains(":cc:") || key.contains(":rf:")) {
                continue;
            }
            String value = switch (redis.key().type(key)) {
                case STRING -> {
                    byte[] v = redis.value(byte[].class).get(key);
                    // A HyperLogLog caches its cardinality in its header (written by PFCOUNT): compare registers only.
                    boolean hll = v != null && v.length > 16 && new String(v, 0, 4, StandardCharsets.ISO_8859_1)
                            .equals("HYLL");
                    yield v == null ? "" : new String(v, hll ? 16 : 0, v.length - (hll ? 16 : 0),
                            StandardCharsets.ISO_8859_1);
                }
                case HASH -> new TreeMap<>(redis.hash(String.class).hgetall(key)).toString();
                case ZSET -> redis.sortedSet(String.class).zrangeWithScores(key, 0, -1).toString();
                case SET -> new TreeSet<>(redis.set(String.class).smembers(key)).toString();
                case LIST -> redis.list(String.class).lrange(key, 0, -1).toString();
                default -> "?";
            };
            out.put(key, value);
        }
        return out;
    }

    /** Every row of every table of ours; {@code api_key.last_used_at} is a hint refreshed by any use of a key. */
    private Map<String, String> tableDump() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "sharepulse", "%", new String[] { "TABLE" })) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("site", "post", "api_key");
            for (String table : tables) {
                if (table.startsWith("flyway")) {
                    continue;
                }
                try (ResultSet rs = st.executeQuery("select * from " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int row = 0;
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (!meta.getColumnName(i).equals("last_used_at")) {
                                line.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append('|');
                            }
                        }
                        out.merge(table + ":" + line, "", (x, y) -> x + "+");
                        row++;
                    }
                    out.put(table + " rows", Integer.toString(row));
                }
            }
        }
        return out;
    }

    /** Added or changed entries are violations; keys that expired on their own meanwhile are not. */
    private void compare(String store, Map<String, String> before, Map<String, String> after) {
        after.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                violations.add(store + " gained " + abbreviate(key) + " during the rejected cases");
            } else if (!before.get(key).equals(value)) {
                violations.add(store + " changed " + abbreviate(key) + " during the rejected cases: "
                        + abbreviate(before.get(key)) + " → " + abbreviate(value));
            }
        });
    }

    // --- the report -------------------------------------------------------------------------------------------------

    private void report(long hostile, int controls) {
        int total = tallies.values().stream().mapToInt(t -> t.cases).sum();
        StringBuilder out = new StringBuilder();
        out.append("\n=== Hostile-input corpus: ").append(hostile).append(" hostile cases, ").append(controls)
                .append(" controls, ").append(total - hostile - controls).append(" follow-ups (")
                .append(total).append(" requests) ===\n");
        out.append("hostile cases by family: ").append(families).append('\n');
        out.append(String.format("%-58s %6s  %-60s %s%n", "endpoint", "cases", "outcomes", "violations"));
        Map<String, Integer> overall = new TreeMap<>();
        tallies.forEach((endpoint, t) -> {
            out.append(String.format("%-58s %6d  %-60s %d%n", endpoint, t.cases, t.outcomes + " " + t.statuses,
                    t.violations));
            t.outcomes.forEach((k, v) -> overall.merge(k, v, Integer::sum));
        });
        out.append("overall: ").append(overall).append(", violations: ").append(violations.size()).append('\n');
        if (!framework.isEmpty()) {
            out.append("answered by the HTTP layer before our code, not problem+json (cases):\n");
            framework.forEach((f, n) -> out.append(String.format("  %4d  %s%n", n, f)));
        }
        if (!violations.isEmpty()) {
            out.append("VIOLATIONS:\n");
            violations.forEach(v -> out.append("  ").append(v).append('\n'));
        }
        System.out.println(out);
    }

    private static String abbreviate(String s) {
        String v = visible(s);
        return v.length() > 200 ? v.substring(0, 200) + "…" : v;
    }

    private static String visible(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
