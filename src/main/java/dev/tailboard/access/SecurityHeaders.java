package dev.tailboard.access;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;

/**
 * Headers that keep a page of tailboard from being turned against its reader: scripts only from this server
 * (no inline script, so escaped log text can never become code), no framing, no content sniffing, and no
 * job URL leaking to other sites in {@code Referer}. It is the outermost filter, so that the refusals of the other
 * filters ({@code 401}, {@code 303} to the login page, {@code 403}, {@code 421}) carry them too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders implements Ordered {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Also set on the answers written before Micronaut sees a request (a connection beyond the limit). */
    static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin", "Content-Security-Policy", POLICY);

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        HEADERS.forEach(response::header);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
