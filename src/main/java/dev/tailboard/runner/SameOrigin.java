package dev.tailboard.runner;

import dev.tailboard.access.CorsSettings;
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
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Refuses requests to start or cancel a run that a browser sends on behalf of a page from another site, so
 * that no web page elsewhere can start or cancel builds. Browsers name the page's origin in {@code Origin}
 * on every POST; it must be the host the request was sent to ({@code Host}, or {@code X-Forwarded-Host}
 * behind a proxy). A request without {@code Origin} does not come from a page (curl, scripts) and passes.
 * Pages on an origin of {@code tailboard.cors.allowed-origins} pass too: the server trusts them with its API.
 * It runs before Micronaut's own filters, so that every refusal is the same JSON error.
 */
@ServerFilter(patterns = {"/api/pipelines/*/runs", "/api/jobs/**/cancel"}, methods = HttpMethod.POST)
public class SameOrigin implements Ordered {

    private final CorsSettings cors;

    public SameOrigin(CorsSettings cors) {
        this.cors = cors;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> check(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || cors.allows(origin) || matches(origin, request.getHeaders().get(HttpHeaders.HOST))
                || matches(origin, firstForwardedHost(request))) {
            return null;
        }
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError("cross-origin request refused: Origin " + origin + " is not this server"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    /** A proxy that forwards through others lists every host; the first is the one the browser used. */
    @Nullable
    private static String firstForwardedHost(HttpRequest<?> request) {
        String forwarded = request.getHeaders().get("X-Forwarded-Host");
        return forwarded == null ? null : forwarded.split(",", 2)[0];
    }

    static boolean matches(String origin, @Nullable String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI page = new URI(origin.trim());
            URI server = new URI("//" + host.trim());
            if (page.getScheme() == null || page.getHost() == null || server.getHost() == null) {
                return false;
            }
            int pagePort = page.getPort() >= 0 ? page.getPort() : defaultPort(page.getScheme());
            int serverPort = server.getPort() >= 0 ? server.getPort() : defaultPort(page.getScheme());
            return page.getHost().toLowerCase(Locale.ROOT).equals(server.getHost().toLowerCase(Locale.ROOT))
                    && pagePort == serverPort;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
