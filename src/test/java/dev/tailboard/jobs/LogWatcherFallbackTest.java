package dev.tailboard.jobs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tailboard.TailboardSettings;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inotify watch limit exhausted: no folder can be watched (and on a machine without a free inotify
 * instance, not even a watch service made), the watcher says so once in the log and finds every change by its
 * re-scan instead — new jobs, new sub-folders, growth and status. The re-scan is set to an hour here: without
 * events it runs every second whatever the setting.
 */
class LogWatcherFallbackTest {

    @TempDir
    Path dir;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(LogWatcher.class);
    JobRegistry registry;
    LogWatcher watcher;

    @BeforeEach
    void start() {
        log.start();
        logger.addAppender(log);
        TailboardSettings settings = new TailboardSettings();
        settings.setLogsDir(dir);
        settings.setRescanInterval(Duration.ofHours(1));
        registry = new JobRegistry(settings, new SidecarFiles(JsonMapper.createDefault()), null);
        watcher = new LogWatcher(registry, settings, (folder, service) -> {
            throw new IOException("User limit of inotify watches reached");
        });
    }

    @AfterEach
    void stop() throws Exception {
        watcher.close();
        logger.detachAppender(log);
    }

    Optional<Job> known(String id) {
        return registry.all().stream().filter(job -> job.id().equals(id)).findFirst();
    }

    @Test
    void withNoWatchLeftTheRescanFindsEveryChangeAndTheLogSaysSo() {
        LogFolder folder = new LogFolder(dir);
        folder.append("late/one", "compiling\n");
        Await.until("a job in a new folder, found by the re-scan", () -> known("late/one").isPresent());
        folder.append("late/one", "testing\n");
        Await.until("its growth", () -> known("late/one").map(Job::size).orElse(0L) == 18);
        folder.finish("late/one", "success", 0);
        Await.until("its status", () -> known("late/one").map(Job::status).orElse(null) == JobStatus.SUCCESS);

        List<ILoggingEvent> warnings = log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), "one warning, not one per folder or per re-scan: " + warnings);
        assertTrue(warnings.get(0).getFormattedMessage().contains("re-scan"), warnings.get(0).getFormattedMessage());
    }
}
