package dev.tailboard.http;

import dev.tailboard.TailboardSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The address people reach this server at, for links that leave its pages (answers shown in another chat
 * client): {@code tailboard.public-url} when set, else the scheme and host the request was sent to — behind a
 * proxy, its first {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. The host has passed the host-name check.
 */
@Singleton
public class PublicAddress {

    @Nullable
    private final String configured;

    public PublicAddress(TailboardSettings settings) {
        String url = settings.getPublicUrl();
        this.configured = url == null ? null : url.replaceAll("/+$", "");
    }

    /** {@code https://ci.example.org}, or with a path prefix; never ends in {@code /}. */
    public String of(HttpRequest<?> request) {
        if (configured != null) {
            return configured;
        }
        String host = first(request.getHeaders().get("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeaders().get(HttpHeaders.HOST);
        }
        String scheme = first(request.getHeaders().get("X-Forwarded-Proto"));
        if (scheme == null) {
            scheme = request.isSecure() ? "https" : "http";
        }
        return scheme + "://" + host;
    }

    /** A proxy that forwards through others lists every value; the first is the one the client used. */
    @Nullable
    private static String first(@Nullable String forwarded) {
        return forwarded == null || forwarded.isBlank() ? null : forwarded.split(",", 2)[0].trim();
    }
}
