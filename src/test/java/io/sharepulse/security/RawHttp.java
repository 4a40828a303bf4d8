package io.sharepulse.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deliberately dumb HTTP/1.1 client: it writes the bytes it is given, exactly, and reads the answer until the
 * server closes. REST Assured and {@code java.net.http} re-encode or refuse what a hostile client sends (raw
 * CR/LF, invalid UTF-8, malformed escapes, odd Host headers), so the corpus talks through this instead.
 */
final class RawHttp {

    /** What came back; {@code status} is -1 when the server closed without an answer. */
    record Answer(int status, List<String[]> headers, byte[] body, String head) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> all(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            return header("Content-Type").map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
        }
    }

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                // No half-close after writing: the server would take it for a client gone and drop the answer.
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading a huge request to its end; read what it said.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // a reset after the answer, or a server that keeps the connection: keep what arrived
        }
        return all.toByteArray();
    }

    static Answer parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (raw.length == 0 || end < 0) {
            return new Answer(-1, List.of(), raw, new String(raw, StandardCharsets.ISO_8859_1));
        }
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(colon < 0 ? new String[] { lines[i], "" }
                    : new String[] { lines[i].substring(0, colon), lines[i].substring(colon + 1).strip() });
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
        return new Answer(status, headers, chunked ? dechunk(body) : body, head);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = indexOf(body, new byte[] { '\r', '\n' }, at);
            if (eol < 0) {
                break;
            }
            String size = new String(body, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(body, eol + 2, Math.min(n, body.length - eol - 2));
            at = eol + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
