package dev.tailboard.http;

import dev.tailboard.jobs.JobId;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import dev.tailboard.logs.StartAt;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;

import java.util.Optional;

/**
 * The parts of a request every log transport shares: which job ({@code {id}} of the route), and where to
 * start ({@code from}, {@code tail}, {@code Last-Event-ID}). One place, so that every transport accepts and
 * refuses exactly the same; {@link LogRequestBinder} hands it to the endpoints.
 */
public record LogRequest(JobId job, StartAt start, boolean resumed) {

    static final long MAX_TAIL = 1_000_000_000L;

    /** The log request of {@code request}, whose route has an {@code {id}}. */
    public static LogRequest of(HttpRequest<?> request) {
        String id = RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> (String) ((UriRouteMatch<?, ?>) match).getVariableValues().get("id"))
                .orElseThrow(() -> ApiException.notFound("not found: " + request.getPath()));
        return of(id, request.getParameters().get("from"), request.getParameters().get("tail"),
                request.getHeaders().get("Last-Event-ID"));
    }

    /**
     * Parses the job id and the start: {@code Last-Event-ID} wins over {@code from} and {@code tail};
     * without any of them the start is offset 0.
     */
    static LogRequest of(String id, @Nullable String from, @Nullable String tail, @Nullable String lastEventId) {
        JobId job = JobIdConverter.parse(id);
        if (lastEventId != null) {
            return new LogRequest(job, new StartAt.Offset(cursor("Last-Event-ID", lastEventId)), true);
        }
        if (from != null && tail != null) {
            throw ApiException.badRequest("give 'from' or 'tail', not both");
        }
        if (tail != null) {
            return new LogRequest(job, new StartAt.Tail(Math.min(MAX_TAIL, cursor("tail", tail))), false);
        }
        return new LogRequest(job, from == null ? StartAt.BEGINNING : new StartAt.Offset(cursor("from", from)), false);
    }

    /** A non-negative decimal integer, or a 400 that names the parameter. */
    public static long cursor(String name, String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.length() > 19 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("'" + name + "' must be a non-negative integer");
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' is too large");
        }
    }

    /** The view this request asks for, when opening it reads nothing from the file ({@link LogFeeds#openNow}). */
    public Optional<LogView> openNow(LogFeeds feeds) {
        return feeds.openNow(job, start);
    }

    /** Opens the view this request asks for, or answers 404. */
    public LogView open(LogFeeds feeds) {
        return feeds.open(job, start).orElseThrow(() -> ApiException.noJob(job));
    }
}
