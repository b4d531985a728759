package dev.tailboard.access;

import dev.tailboard.http.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Answers only requests sent to a name of this server ({@link ServerNames}), {@code 421} otherwise: a page whose
 * name an attacker made resolve to this machine would else count as same-origin and read and act at will. The
 * host a proxy forwards ({@code X-Forwarded-Host}) is checked too, since {@link SameOrigin} trusts it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class HostGate implements Ordered {

    private final ServerNames names;

    public HostGate(ServerNames names) {
        this.names = names;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> check(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        String forwarded = SameOrigin.firstForwardedHost(request);
        if (names.answersTo(host) && names.answersTo(forwarded)) {
            return null;
        }
        String name = names.answersTo(host) ? forwarded : host;
        return HttpResponse.<ApiError>status(HttpStatus.MISDIRECTED_REQUEST)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError("this server does not answer to the name '" + name.trim()
                        + "': add it to tailboard.allowed-hosts"));
    }

    /** Before {@link OriginGate}: a request to a foreign name is refused whatever its origin. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before() - 1;
    }
}
