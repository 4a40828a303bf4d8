package io.sharepulse.platform;

import java.util.List;

/**
 * Thrown by services for an error the caller can fix or must know about; turned into problem+json by
 * {@link ProblemMapper}. No stack trace is captured: these are expected outcomes, not bugs.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null, null);
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
            Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Invalid request", detail);
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(404, slug, "Not found", detail);
    }

    public int status() {
        return status;
    }

    /** A URI naming the kind of problem. */
    public String type() {
        return slug == null ? "about:blank" : "urn:sharepulse:problem:" + slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
