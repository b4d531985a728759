package dev.tailboard.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one place that decides whether a request comes from a page of this server. Browsers name the page's
 * origin in {@code Origin} on every POST and every WebSocket handshake; it must be the host the request was sent
 * to ({@code Host}, or the first {@code X-Forwarded-Host} behind a proxy), ports compared, a missing port being
 * the scheme's default. A request without {@code Origin} does not come from a page (curl, scripts) and passes.
 * Pages on an origin of {@code tailboard.cors.allowed-origins} pass too: the server trusts them with its API.
 */
@Singleton
public class SameOrigin {

    private final CorsSettings cors;

    public SameOrigin(CorsSettings cors) {
        this.cors = cors;
    }

    public boolean admits(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        return origin == null || cors.allows(origin) || matches(origin, request.getHeaders().get(HttpHeaders.HOST))
                || matches(origin, firstForwardedHost(request));
    }

    /** A proxy that forwards through others lists every host; the first is the one the browser used. */
    @Nullable
    static String firstForwardedHost(HttpRequest<?> request) {
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
