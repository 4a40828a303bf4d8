package io.sharepulse.analytics;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled. Text that a spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or CR) is prefixed with an apostrophe, as OWASP recommends: a title such as
 * {@code =HYPERLINK(...)} arrives as text, never as a formula. Spreadsheets skip leading spaces of every kind, so
 * the trigger is looked for behind invisible and space characters too (no-break space, zero-width space, BOM…),
 * and the full-width forms of the triggers count as triggers.
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
        if (!value.isEmpty() && "\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!invisible(c)) {
                return TRIGGERS.indexOf(c) >= 0 ? "'" + value : value;
            }
        }
        return value;
    }

    /** What a spreadsheet may run as a formula, with the full-width forms of =, +, - and @. */
    private static final String TRIGGERS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    /** White space, space separators (no-break spaces), control and format characters (zero-width, BOM, bidi). */
    private static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT;
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
