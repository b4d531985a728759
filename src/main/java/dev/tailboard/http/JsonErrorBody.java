package dev.tailboard.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * The body of the errors Micronaut answers by itself — before a route is found (a request line or header too
 * long, a body over {@code max-request-size}) or when a body is not valid JSON — in the API's shape,
 * {@code {"error": …}}, rather than Micronaut's own.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class JsonErrorBody implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        if (context.hasErrors()) {
            return new ApiError(context.getErrors().get(0).getMessage());
        }
        return new ApiError(response.getStatus().getReason());
    }
}
