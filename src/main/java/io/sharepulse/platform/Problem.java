package io.sharepulse.platform;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error we send.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} for plain HTTP statuses)
 * @param title    a short, fixed summary of the kind
 * @param status   the HTTP status
 * @param detail   what went wrong with this request, in words a caller can act on
 * @param instance the request path
 * @param errors   per-field messages for invalid input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field. */
    public record FieldError(String field, String message) {
    }
}
