package dev.tailboard.stream;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.LogRequest;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Checks a WebSocket handshake for {@code /ws/jobs/{id}} before the upgrade, so that a bad cursor is a
 * {@code 400} and an unknown job a {@code 404} with a JSON error, as on every other transport. The parsed
 * request rides on to {@link LogSocket}.
 */
@ServerFilter(LogSocket.PATH + "/**")
public class LogSocketGate {

    static final String LOG_REQUEST = "tailboard.logRequest";

    private final JobRegistry registry;

    public LogSocketGate(JobRegistry registry) {
        this.registry = registry;
    }

    @RequestFilter
    public void check(HttpRequest<?> request) {
        LogRequest logRequest = LogRequest.of(request);
        if (registry.find(logRequest.job()).isEmpty()) {
            throw ApiException.noJob(logRequest.job());
        }
        request.setAttribute(LOG_REQUEST, logRequest);
    }
}
