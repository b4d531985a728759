package dev.tailboard.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test over a real Redis with nodes started as it needs them, each over its own folder; all stopped after it. */
@EnabledIf("dev.tailboard.testing.RedisServer#available")
abstract class ClusterTestCase {

    @TempDir
    Path base;
    Cluster cluster;

    @BeforeEach
    void startRedis() {
        cluster = new Cluster(base);
    }

    @AfterEach
    void stopAll() {
        cluster.close();
    }
}
