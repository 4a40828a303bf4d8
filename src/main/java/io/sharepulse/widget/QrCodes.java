package io.sharepulse.widget;

import jakarta.enterprise.context.ApplicationScoped;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import io.sharepulse.platform.ProblemException;

/**
 * A post's address as a QR code, drawn as SVG on our server (Nayuki's QR Code generator): no third-party service
 * sees the address, and the page works without JavaScript.
 */
@ApplicationScoped
public class QrCodes {

    /** Modules of white around the code: the quiet zone the standard asks for. */
    static final int QUIET_ZONE = 4;

    /**
     * The SVG of {@code text}, black on white whatever the page's theme (scanners want dark modules on light), with
     * the lowest error correction that fits raised as far as the same size allows.
     *
     * @throws ProblemException 422 when the text does not fit the largest QR code
     */
    public String svg(String text) {
        QrCode qr;
        try {
            qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        } catch (DataTooLongException e) {
            throw new ProblemException(422, "too-long-for-qr", "Too long for a QR code",
                    "This address is too long to fit in a QR code.");
        }
        int size = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder(qr.size * qr.size * 6);
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\"><rect width=\"" + size
                + "\" height=\"" + size + "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"" + path + "\"/></svg>";
    }
}
