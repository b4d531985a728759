package dev.tailboard.access;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/** {@code tailboard.cors.allowed-origins}: pages on these origins may call the API from a browser; none by default. */
@ConfigurationProperties("tailboard.cors")
public class CorsSettings {

    private List<String> allowedOrigins = List.of();

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }

    public boolean allows(String origin) {
        return allowedOrigins.contains(origin.trim());
    }
}
