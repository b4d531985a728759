package dev.tailboard.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code tailboard.auth.token}, or {@code tailboard.auth.token-file}: with a token, every endpoint but
 * {@code /health} and the login page asks for it; {@code tailboard.auth.session-lifetime}: how long a login lasts.
 */
@ConfigurationProperties("tailboard.auth")
public class AuthSettings {

    @Nullable
    private String token;
    @Nullable
    private Path tokenFile;
    private Duration sessionLifetime = Duration.ofDays(7);

    @Nullable
    public String getToken() {
        return token;
    }

    public void setToken(@Nullable String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Nullable
    public Path getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(@Nullable Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    public Duration getSessionLifetime() {
        return sessionLifetime;
    }

    public void setSessionLifetime(Duration sessionLifetime) {
        if (sessionLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("tailboard.auth.session-lifetime must be at least a second");
        }
        this.sessionLifetime = sessionLifetime;
    }
}
