package io.sharepulse.analytics;

import static io.sharepulse.Fixtures.admin;
import static io.sharepulse.Fixtures.click;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The export, read back by an independent RFC 4180 parser: every row, every cell, no formula left live. */
@QuarkusTest
class CsvExportTest {

    static final List<String> TITLES = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2-2",
            "@SUM(A1:A9)", "Commas, \"quotes\" and ünïcödé", "Plain title");

    @Inject
    ClickRollup rollup;

    @Test
    void theExportRoundTripsThroughACsvParserWithFormulasDefused() throws Exception {
        MutableClock clock = MutableClock.installNow();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        clock.set(yesterday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        String site = createSite("csv", List.of("reddit", "x"));
        Map<String, String> posts = new LinkedHashMap<>();
        int n = 0;
        for (String title : TITLES) {
            String post = share(site, "https://blog.example/csv/" + n, title).getString("post");
            posts.put(post, title);
            click(post, "reddit", "198.51.100." + (50 + n++));
        }
        String first = posts.keySet().iterator().next();
        click(first, "x", "198.51.100.90");
        clock.set(Instant.now());
        rollup.run(); // yesterday from PostgreSQL...
        click(first, "reddit", "198.51.100.91"); // ...today from Redis

        var response = admin().accept("text/csv").queryParam("from", yesterday.toString())
                .get("/admin/v1/sites/{site}/export.csv", site).then().statusCode(HttpStatus.SC_OK)
                .header("Content-Disposition", containsString("attachment"))
                .extract();
        assertThat(response.contentType()).startsWith("text/csv");
        String body = response.asString();
        assertThat(body).contains("\r\n");

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
        assertThat(rows.get(0).getParser().getHeaderNames())
                .containsExactly("date", "post", "url", "title", "network", "clicks", "arrivals");
        assertThat(rows).hasSize(TITLES.size() + 2);
        long total = rows.stream().mapToLong(r -> Long.parseLong(r.get("clicks"))).sum();
        assertThat(total).isEqualTo(TITLES.size() + 2);
        Map<String, String> titles = rows.stream().collect(Collectors.toMap(r -> r.get("post"), r -> r.get("title"),
                (a, b) -> a));
        posts.forEach((post, title) -> assertThat(titles.get(post))
                .isEqualTo("=+-@".indexOf(title.charAt(0)) >= 0 ? "'" + title : title));
        assertThat(rows).allSatisfy(r -> assertThat(r.get("title")).doesNotStartWith("=").doesNotStartWith("+")
                .doesNotStartWith("-").doesNotStartWith("@"));
        assertThat(rows.stream().filter(r -> r.get("post").equals(first)).map(r -> r.get("date") + " "
                + r.get("network") + " " + r.get("clicks")))
                .containsExactly(yesterday + " reddit 1", yesterday + " x 1", LocalDate.now(ZoneOffset.UTC) + " reddit 1");
    }

    @Test
    void cellsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(CsvWriter.quote("plain")).isEqualTo("plain");
        assertThat(CsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.text("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvWriter.text("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvWriter.text("a=1")).isEqualTo("a=1");
    }

    @Test
    void formulasBehindInvisibleCharactersAreNeutralisedToo() {
        // No-break space, zero-width space, BOM, ideographic space, word joiner, LTR mark before the trigger.
        for (String lead : List.of("\u00A0", "\u200B", "\uFEFF", "\u3000", "\u2060", "\u200E", "\u00A0\u200B ")) {
            for (String formula : List.of("=HYPERLINK(\"https://evil.example/\")", "+cmd", "-2+3", "@SUM(1)")) {
                assertThat(CsvWriter.text(lead + formula)).as("%s", (lead + formula).codePoints().limit(3)
                        .mapToObj(Integer::toHexString).toList()).isEqualTo("'" + lead + formula);
            }
        }
        // The full-width forms of the triggers.
        assertThat(CsvWriter.text("\uFF1D1+1")).isEqualTo("'\uFF1D1+1");
        assertThat(CsvWriter.text("\u00A0plain")).isEqualTo("\u00A0plain");
        assertThat(CsvWriter.text("\u200B")).isEqualTo("\u200B");
    }
}
