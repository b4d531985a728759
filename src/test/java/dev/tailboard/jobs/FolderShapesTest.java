package dev.tailboard.jobs;

import dev.tailboard.TailboardSettings;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs folders of odd shapes, on real files with real inotify watches. */
class FolderShapesTest {

    @TempDir
    Path base;

    static boolean known(JobRegistry registry, String id) {
        return registry.find(new JobId(id)).isPresent();
    }

    @Test
    void aLogsFolderGivenAsALinkIsWatchedAsTheFolderItNames() throws Exception {
        LogFolder real = new LogFolder(Files.createDirectories(base.resolve("real")));
        real.append("a", "one\n").append("b/c", "two\n");
        Path link = Files.createSymbolicLink(base.resolve("logs"), real.root());
        TailboardSettings settings = new TailboardSettings();
        settings.setLogsDir(link);
        settings.setRescanInterval(Duration.ofHours(1));
        JobRegistry registry = new JobRegistry(settings, new SidecarFiles(JsonMapper.createDefault()), null);
        LogWatcher watcher = new LogWatcher(registry, settings);
        try {
            assertTrue(known(registry, "a") && known(registry, "b/c"), registry.all().toString());
            real.append("b/d", "three\n");
            Await.until("a log written later, seen by its watch (the re-scan is an hour away)", () -> known(registry, "b/d"));
        } finally {
            watcher.close();
        }
    }

    /** 600 folders deep: no job can be below depth 511 (an id is at most 1,024 characters), so no watch goes there. */
    @Test
    void aTreeTooDeepForAnyJobCostsNoWatchesBeyondWhereAJobCouldBe() throws Exception {
        LogFolder logs = new LogFolder(base.resolve("deep"));
        String deepest = "d/".repeat(600);
        logs.append(deepest + "unreachable", "never a job\n").append("d/d/d/x", "a job\n");
        Files.createDirectories(logs.root().resolve("d/.hidden/e/f/g"));
        TailboardSettings settings = new TailboardSettings();
        settings.setLogsDir(logs.root());
        settings.setRescanInterval(Duration.ofHours(1));
        JobRegistry registry = new JobRegistry(settings, new SidecarFiles(JsonMapper.createDefault()), null);
        AtomicInteger watches = new AtomicInteger();
        LogWatcher watcher = new LogWatcher(registry, settings, (dir, service) -> {
            watches.incrementAndGet();
            return LogWatcher.Registrar.SYSTEM.register(dir, service);
        });
        try {
            assertTrue(known(registry, "d/d/d/x"), registry.all().toString());
            assertEquals(1, registry.all().size(), registry.all().toString());
            System.out.printf("figure: a tree 600 folders deep (plus one folder that is no id) costs %d watches%n", watches.get());
            assertEquals(1 + (JobId.MAX_LENGTH - 2 + 1) / 2, watches.get(), "the root and every folder a job could be in");
            logs.append("d/d/d/d/y", "another\n");
            Await.until("a log written later below, seen by its watch", () -> known(registry, "d/d/d/d/y"));
        } finally {
            watcher.close();
        }
    }
}
