package dev.tailboard.web;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.http.ViewerConnections;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tailboard} part of {@code GET /health}: the logs folder is there, and what the server holds open
 * (readers, viewers, file descriptors), so that a leak shows from outside.
 */
@Singleton
public class TailboardHealth implements HealthIndicator {

    private final JobRegistry registry;
    private final LogFeeds feeds;
    private final ViewerConnections connections;
    private final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();

    public TailboardHealth(JobRegistry registry, LogFeeds feeds, ViewerConnections connections) {
        this.registry = registry;
        this.connections = connections;
        this.feeds = feeds;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::result);
    }

    private HealthResult result() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jobs", registry.size());
        details.put("openReaders", feeds.openReaders());
        details.put("viewers", feeds.viewers());
        details.put("heldBytes", connections.heldBytes());
        if (system instanceof UnixOperatingSystemMXBean unix) {
            details.put("openFileDescriptors", unix.getOpenFileDescriptorCount());
            details.put("maxFileDescriptors", unix.getMaxFileDescriptorCount());
        }
        boolean folder = Files.isDirectory(registry.root());
        return HealthResult.builder("tailboard", folder ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build();
    }
}
