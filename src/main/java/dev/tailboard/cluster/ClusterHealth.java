package dev.tailboard.cluster;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cluster} part of {@code GET /health}: this node's name, whether Redis answers, and how many other
 * nodes' logs it holds. A node without Redis still serves, so it stays {@code UP}; the details say why it lags.
 */
@Singleton
@Requires(property = ClusterSettings.REDIS_URI)
public class ClusterHealth implements HealthIndicator {

    private final Mirrors mirrors;
    private final String node;

    public ClusterHealth(Mirrors mirrors, ClusterSettings settings) {
        this.mirrors = mirrors;
        this.node = settings.getNodeName();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("node", node);
        details.put("redis", mirrors.reachable() ? "reachable" : "unreachable");
        details.put("copies", mirrors.copies());
        return Mono.just(HealthResult.builder("cluster", HealthStatus.UP).details(details).build());
    }
}
