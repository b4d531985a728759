package dev.tailboard.jobs;

import dev.tailboard.TailboardSettings;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many logs growing as fast as one writer can append, on real files with real inotify watches: the watcher is
 * busy, gathers events and holds back the wake-ups of a batch of looks ({@link WakeBatch}), and still every wake-up
 * is given, the last one after the last change of each log.
 */
class BusyWatcherTest {

    static final int LOGS = 200;
    static final int APPENDS = 100;

    @TempDir
    Path dir;

    @Test
    void everyLogsLastChangeWakesItsViewersWhenTheWatcherIsBusy() throws Exception {
        LogFolder logs = new LogFolder(dir);
        for (int i = 0; i < LOGS; i++) {
            logs.append("busy/" + i, "");
        }
        TailboardSettings settings = new TailboardSettings();
        settings.setLogsDir(dir);
        settings.setRescanInterval(Duration.ofHours(1));
        JobRegistry registry = new JobRegistry(settings, new SidecarFiles(JsonMapper.createDefault()), null);
        Map<JobId, Long> woken = new ConcurrentHashMap<>();
        // what a log's viewers learn: the size of the look that woke them
        registry.addListener(event -> WakeBatch.wake(() -> woken.merge(event.id(), event.job().size(), Math::max)));
        LogWatcher watcher = new LogWatcher(registry, settings);
        try {
            long started = System.nanoTime();
            for (int round = 0; round < APPENDS; round++) {
                for (int i = 0; i < LOGS; i++) {
                    logs.append("busy/" + i, "line " + round + "\n");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("figure: %d appends to %d logs in %.2f s (%.0f a second)%n",
                    LOGS * APPENDS, LOGS, seconds, LOGS * APPENDS / seconds);
            Await.until("every log's viewers woken for its last line", () -> woken.size() == LOGS
                    && woken.entrySet().stream().allMatch(entry -> entry.getValue() == logs.size(entry.getKey().value())));
            assertEquals(LOGS, woken.size());
        } finally {
            watcher.close();
        }
    }
}
