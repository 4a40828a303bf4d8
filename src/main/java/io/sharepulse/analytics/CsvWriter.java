package io.sharepulse.analytics;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or CR) is prefixed with an apostrophe, as OWASP recommends: a title such as
 * {@code =HYPERLINK(...)} arrives as text, never as a formula.
 */
final class CsvWriter {

    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    void row(Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object cell = cells[i];
            if (cell instanceof Number n) {
                out.write(n.toString());
            } else if (cell != null) {
                out.write(quote(text(cell.toString())));
            }
        }
        out.write("\r\n");
    }

    /** Neutralises formula triggers. */
    static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    static String quote(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    void flush() throws IOException {
        out.flush();
    }
}
