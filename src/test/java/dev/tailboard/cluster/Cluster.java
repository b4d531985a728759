package dev.tailboard.cluster;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RedisServer;
import dev.tailboard.testing.TestServer;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real Redis and several real nodes over it, each with its own logs folder; closing stops them all. */
final class Cluster implements AutoCloseable {

    final RedisServer redis = RedisServer.start();
    private final Path base;
    private final Map<String, TestServer> nodes = new LinkedHashMap<>();

    Cluster(Path base) {
        this.base = base;
    }

    /** Starts node {@code name} over its folder {@code <base>/<name>} (again, after {@link #stop}). */
    TestServer start(String name, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("tailboard.cluster.redis-uri", redis.uri());
        properties.put("tailboard.cluster.node-name", name);
        properties.put("tailboard.retry", "200ms");
        properties.putAll(extra);
        TestServer node = TestServer.start(folder(name).root(), properties);
        nodes.put(name, node);
        return node;
    }

    TestServer start(String name) {
        return start(name, Map.of());
    }

    TestServer node(String name) {
        return nodes.get(name);
    }

    LogFolder folder(String name) {
        return new LogFolder(base.resolve(name));
    }

    /** Stops a node the way a crash would look to the others: its connections simply go. */
    void stop(String name) {
        nodes.remove(name).close();
    }

    /** Waits until {@code node} lists job {@code id} with {@code size} bytes from node {@code owner}. */
    static void awaitJob(TestServer node, String id, String owner, long size) {
        Await.until("job " + id + " of " + owner + " with " + size + " bytes on " + node.uri("/"), () -> {
            var response = node.get("/api/jobs/" + id);
            if (response.statusCode() != 200) {
                return false;
            }
            Map<String, Object> job = node.json(response.body());
            return owner.equals(job.get("node")) && ((Number) job.get("size")).longValue() == size;
        });
    }

    /** Waits until {@code node} lists job {@code id} as one of node {@code owner}. */
    static void awaitListed(TestServer node, String id, String owner) {
        Await.until("job " + id + " of " + owner + " on " + node.uri("/"), () -> {
            var response = node.get("/api/jobs/" + id);
            return response.statusCode() == 200 && owner.equals(node.json(response.body()).get("node"));
        });
    }

    static URI events(TestServer node, String id) {
        return node.uri("/api/jobs/" + id + "/events");
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(nodes.keySet());
        names.forEach(this::stop);
        redis.close();
    }
}
