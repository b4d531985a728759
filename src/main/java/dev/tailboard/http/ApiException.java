package dev.tailboard.http;

import dev.tailboard.jobs.JobId;
import io.micronaut.http.HttpStatus;

/** A request the API refuses, with the status and the message the client gets as {@code {"error": …}}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    /** The {@code 404} of a job id that names no job. */
    public static ApiException noJob(JobId job) {
        return notFound("no job '" + job + "'");
    }

    public HttpStatus status() {
        return status;
    }
}
