package dev.tailboard.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code tailboard.auth.token}: with a token, every endpoint but {@code /health} and the login page asks for it. */
@ConfigurationProperties("tailboard.auth")
public class AuthSettings {

    @Nullable
    private String token;

    @Nullable
    public String getToken() {
        return token;
    }

    public void setToken(@Nullable String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    public boolean isEnabled() {
        return token != null;
    }
}
