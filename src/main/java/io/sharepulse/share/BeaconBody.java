package io.sharepulse.share;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sharepulse.platform.ProblemException;

/**
 * The small bodies the widget's beacons send (a widget event, an arrival): a JSON object of a few non-empty string
 * fields and nothing else, as {@code text/plain} or JSON ({@code sendBeacon} sends text without a preflight). What
 * else comes is refused with a problem that says why, in the beacon's own words.
 *
 * @param kind     the beacon's name in problem types and texts ({@code event}: {@code invalid-event}, "An event
 *                 body …")
 * @param maxChars the longest body read
 * @param fields   the fields, all required
 * @param example  a valid body, quoted in the problems
 */
record BeaconBody(String kind, int maxChars, List<String> fields, String example) {

    /** The fields' values, in the order of {@link #fields}. */
    Map<String, String> read(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            throw invalid("The body is empty; send " + example + ".");
        }
        if (body.length() > maxChars) {
            String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "An " : "A ";
            throw new ProblemException(413, kind + "-too-large", "Payload Too Large",
                    article + kind + " body is at most " + maxChars + " characters.");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("The body is not valid JSON; send " + example + ".");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("The body must be a JSON object such as " + example + ".");
        }
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw invalid("Unknown field '" + (field.length() > 40 ? field.substring(0, 40) : field) + "'.");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = tree.get(field);
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw invalid("Field '" + field + "' must be a non-empty string, as in " + example + ".");
            }
            values.put(field, value.asText());
        }
        return values;
    }

    private ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-" + kind, detail);
    }
}
