package dev.tailboard.access;

import dev.tailboard.http.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * With {@code tailboard.auth.token} set, lets through only requests that carry it. The API, the event streams
 * and the sockets answer {@code 401} with a JSON error; a page sends the browser to the login page.
 * {@code /health}, the login page and the static files (scripts and styles, no data) stay open.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class TokenGate implements Ordered {

    private final AccessToken token;

    public TokenGate(AccessToken token) {
        this.token = token;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (!token.required() || isOpen(request.getPath()) || token.admits(request)) {
            return null;
        }
        if (isPage(request)) {
            String next = request.getUri().getRawPath()
                    + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
            return HttpResponse.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tailboard\"")
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError("this server needs its access token: send 'Authorization: Bearer <token>' or log in at /login"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    static boolean isOpen(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals(LoginController.PATH) || path.equals(LoginController.LOGOUT)
                || path.startsWith("/static/") || path.equals("/favicon.ico");
    }

    /** A browser asking for a page (not the API, a stream or a socket), which the login page can serve. */
    private static boolean isPage(HttpRequest<?> request) {
        String path = request.getPath();
        return request.getMethod() == HttpMethod.GET && !path.startsWith("/api/") && !path.startsWith("/v1/")
                && !path.startsWith("/ws/") && !request.getHeaders().contains("Upgrade");
    }
}
