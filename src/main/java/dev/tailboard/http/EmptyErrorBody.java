package dev.tailboard.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives a JSON error body to an API error that has none — such as the {@code 403} Micronaut's CORS filter
 * answers to another site's page — so that every API error reads the same. Runs first, so it sees them all.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class EmptyErrorBody implements Ordered {

    @ResponseFilter
    public void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() >= 400 && response.getBody().isEmpty() && request.getMethod() != HttpMethod.HEAD
                && Errors.isApi(request)) {
            response.contentType(MediaType.APPLICATION_JSON_TYPE);
            ((MutableHttpResponse<Object>) response).body(new ApiError(response.getStatus().getReason()));
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
