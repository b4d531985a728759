package dev.tailboard.jobs;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry fed by the real watcher over a real folder; the re-scan is slow here so events must work. */
class JobRegistryTest {

    @TempDir
    Path dir;
    @TempDir
    Path outside;
    LogFolder folder;
    ApplicationContext context;
    JobRegistry registry;
    final List<JobEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        folder = new LogFolder(dir);
        folder.append("early", "x\n");
        context = ApplicationContext.run(Map.of("tailboard.logs-dir", dir.toString(), "tailboard.demo.enabled", false,
                "tailboard.rescan-interval", "1h"));
        registry = context.getBean(JobRegistry.class);
        registry.addListener(events::add);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    Optional<Job> known(String id) {
        return registry.all().stream().filter(job -> job.id().equals(id)).findFirst();
    }

    @Test
    void findsJobsPresentAtStartAndInFoldersCreatedLater() {
        assertTrue(known("early").isPresent());
        folder.append("team/backend/7", "compiling\n");
        // the file may be seen between its creation and its first write: wait for its size, not its presence
        Await.until("a job in a new sub-folder, with its size",
                () -> known("team/backend/7").map(Job::size).orElse(-1L) == 10);
        assertEquals(JobStatus.UNKNOWN, known("team/backend/7").orElseThrow().status());
        // listeners hear of a change just after the registry shows it
        Await.until("an added event", () -> events.stream().anyMatch(e -> e.kind() == JobEvent.Kind.ADDED && e.job().id().equals("team/backend/7")));
    }

    @Test
    void readsTheSidecarAgainWhenItChanges() {
        folder.sidecar("early", "{\"status\":\"running\",\"title\":\"Early build\",\"startedAt\":\"2026-11-21T10:00:00Z\"}");
        Await.until("running", () -> known("early").orElseThrow().status() == JobStatus.RUNNING);
        assertEquals("Early build", known("early").orElseThrow().title());
        folder.sidecar("early", "{\"status\":\"failed\",\"exitCode\":3,\"startedAt\":\"2026-11-21T10:00:00Z\"}");
        Await.until("failed", () -> known("early").orElseThrow().status() == JobStatus.FAILED);
        Job job = known("early").orElseThrow();
        assertEquals(3, job.exitCode());
        assertEquals("2026-11-21T10:00:00Z", job.startedAt());
        Await.until("a status event", () -> events.stream().anyMatch(e -> e.statusChanged() && e.job().status() == JobStatus.FAILED));
    }

    @Test
    void aGarbageOrHugeSidecarMeansUnknown() throws IOException {
        folder.sidecar("early", "{not json");
        folder.append("big", "y\n").sidecar("big", "{\"status\":\"success\",\"note\":\"" + "n".repeat(100_000) + "\"}");
        Await.until("big is known", () -> known("big").isPresent());
        assertEquals(JobStatus.UNKNOWN, known("big").orElseThrow().status());
        assertEquals(JobStatus.UNKNOWN, registry.find(new JobId("early")).orElseThrow().status());
    }

    @Test
    void noticesGrowthAndRemoval() throws IOException {
        folder.append("early", "more\n");
        Await.until("the new size", () -> known("early").orElseThrow().size() == 7);
        Files.delete(folder.log("early"));
        Await.until("removed", () -> known("early").isEmpty());
        Await.until("a removed event", () -> events.stream().anyMatch(e -> e.kind() == JobEvent.Kind.REMOVED));
    }

    @Test
    void ignoresReservedNamesHiddenFilesAndLinks() throws IOException {
        folder.append("x/events", "not a job\n");
        Files.writeString(outside.resolve("secret.log"), "outside\n");
        Files.createSymbolicLink(dir.resolve("link.log"), outside.resolve("secret.log"));
        Files.createSymbolicLink(dir.resolve("linked"), outside);
        folder.append("marker", "m\n");
        Await.until("the marker", () -> known("marker").isPresent());
        registry.rescan();
        assertTrue(known("x/events").isEmpty());
        assertTrue(known("link").isEmpty());
        assertTrue(registry.find(new JobId("link")).isEmpty());
        assertTrue(registry.find(new JobId("linked/secret")).isEmpty(), "a folder link leading outside is not followed");
    }

    @Test
    void listsMostRecentlyUpdatedFirst() throws IOException {
        folder.append("older", "o\n").append("newer", "n\n");
        Files.setLastModifiedTime(folder.log("older"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(folder.log("early"), java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        registry.rescan();
        List<String> ids = registry.all().stream().map(Job::id).toList();
        assertEquals(List.of("newer", "early", "older"), ids);
    }
}
