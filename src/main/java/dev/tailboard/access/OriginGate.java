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

import java.util.Set;

/**
 * Keeps other sites' pages from acting through a visitor's browser: a request that changes something (any
 * method but GET, HEAD and OPTIONS) or opens a WebSocket, sent by a page that {@link SameOrigin} does not admit,
 * is refused with {@code 403}. It is decided from the method and the headers alone, for every path, so that no
 * spelling of a path (a trailing slash, doubled slashes, encoded characters) slips past. Reading is left to
 * CORS: a foreign page may send a GET but never sees the answer. It runs before Micronaut's own filters, so
 * that every refusal is the same JSON error.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class OriginGate implements Ordered {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final SameOrigin sameOrigin;

    public OriginGate(SameOrigin sameOrigin) {
        this.sameOrigin = sameOrigin;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> check(HttpRequest<?> request) {
        boolean acts = !SAFE.contains(request.getMethod()) || request.getHeaders().contains(HttpHeaders.UPGRADE);
        if (!acts || sameOrigin.admits(request)) {
            return null;
        }
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError("cross-origin request refused: Origin " + request.getHeaders().get(HttpHeaders.ORIGIN)
                        + " is not this server"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
