package dev.tailboard.access;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Who may connect, and for how long: {@code tailboard.allowed-hosts} (more names this server answers to; {@code *}
 * for any), {@code tailboard.request-timeout} (a connection whose request is incomplete this long is closed) and
 * {@code tailboard.max-connections} (connections served at once).
 */
@ConfigurationProperties("tailboard")
public class ConnectionSettings {

    private List<String> allowedHosts = List.of();
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxConnections = 20_000;

    public List<String> getAllowedHosts() {
        return allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(String::trim).filter(host -> !host.isEmpty()).toList();
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("tailboard.request-timeout must be positive");
        }
        this.requestTimeout = requestTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("tailboard.max-connections must be at least 1");
        }
        this.maxConnections = maxConnections;
    }
}
