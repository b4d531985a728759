package dev.tailboard.access;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/** The {@code connections} part of {@code GET /health}: how many are open, and how many may be served at once. */
@Singleton
public class ConnectionsHealth implements HealthIndicator {

    private final Connections connections;

    public ConnectionsHealth(Connections connections) {
        this.connections = connections;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(() -> HealthResult.builder("connections", HealthStatus.UP)
                .details(Map.of("open", connections.open(), "limit", connections.limit()))
                .build());
    }
}
