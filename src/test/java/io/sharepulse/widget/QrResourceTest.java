package io.sharepulse.widget;

import static io.restassured.RestAssured.given;
import static io.sharepulse.Fixtures.createSite;
import static io.sharepulse.Fixtures.share;
import static io.sharepulse.Fixtures.uniquePostUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.http.HttpStatus;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class QrResourceTest {

    static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    @Test
    void thePageShowsThePostsAddressAsAQrCodeDrawnHere() {
        String site = createSite("qrpage", List.of("qr"));
        String url = uniquePostUrl();
        String post = share(site, url, "Rock & <Roll>").getString("post");
        String page = given().queryParam("post", post).get("/qr")
                .then().statusCode(HttpStatus.SC_OK).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .extract().asString();
        assertThat(page).contains("<svg", "href=\"" + url + "\"", "Rock &amp; &lt;Roll&gt;",
                "href=\"/qr/svg?post=" + post + "\"").doesNotContain("<Roll>", "<script", "style=", " src=");
        // Read back by another library, from the picture our page draws: it is the post's address.
        assertThat(decode(page)).isEqualTo(url);

        given().queryParam("post", post).get("/qr/svg").then().statusCode(HttpStatus.SC_OK)
                .contentType("image/svg+xml")
                .header("Content-Disposition", containsString("attachment"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void unknownPostsAre404() {
        for (String path : List.of("/qr", "/qr/svg")) {
            given().queryParam("post", "nosite.0123456789abc").get(path).then().statusCode(HttpStatus.SC_NOT_FOUND)
                    .contentType("application/problem+json");
            given().get(path).then().statusCode(HttpStatus.SC_NOT_FOUND);
        }
    }

    @Test
    void longAndNonAsciiAddressesStillScan() {
        String url = "https://blog.example/" + "é".repeat(40) + "/" + "a".repeat(1500);
        assertThat(decode(new QrCodes().svg(url))).isEqualTo(url);
    }

    /** What a scanner reads from an SVG we drew: its modules painted 4 pixels each, decoded by ZXing. */
    static String decode(String svg) {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) \\1\"").matcher(svg);
        assertThat(size.find()).as("a square view box").isTrue();
        int scale = 4;
        int n = Integer.parseInt(size.group(1)) * scale;
        BufferedImage image = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, n, n);
        g.setColor(Color.BLACK);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            g.fillRect(Integer.parseInt(m.group(1)) * scale, Integer.parseInt(m.group(2)) * scale, scale, scale);
        }
        g.dispose();
        try {
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(n, n, image.getRGB(0, 0, n, n, null, 0, n))));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true,
                    DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
        } catch (Exception e) {
            throw new AssertionError("not a readable QR code", e);
        }
    }
}
