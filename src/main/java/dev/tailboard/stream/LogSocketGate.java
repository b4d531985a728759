package dev.tailboard.stream;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.LogRequest;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;

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
        String id = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> (String) ((UriRouteMatch<?, ?>) match).getVariableValues().get("id"))
                .orElseThrow(() -> ApiException.notFound("not found: " + request.getPath()));
        LogRequest logRequest = LogRequest.of(id, request.getParameters().get("from"),
                request.getParameters().get("tail"), request.getHeaders().get("Last-Event-ID"));
        if (registry.find(logRequest.job()).isEmpty()) {
            throw ApiException.notFound("no job '" + logRequest.job() + "'");
        }
        request.setAttribute(LOG_REQUEST, logRequest);
    }
}
