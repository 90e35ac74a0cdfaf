package com.example.profiles.error;

import java.util.Map;

/**
 * A failure the caller can act on, answered as an RFC 9457 problem. Thrown (or failed into a
 * {@code Uni}) anywhere in a request; {@link ProblemMappers} turns it into the response.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of(), null);
    }

    public ProblemException(int status, String title, String detail, Map<String, String> headers, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "Precondition Failed", detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable Content", detail);
    }

    /** The store cannot serve now; the caller may retry after the given seconds. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds, Throwable cause) {
        return new ProblemException(503, "Service Unavailable", detail,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)), cause);
    }
}
