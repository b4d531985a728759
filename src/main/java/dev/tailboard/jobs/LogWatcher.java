package dev.tailboard.jobs;

import dev.tailboard.TailboardSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One {@link WatchService} over the whole logs tree, on one thread. Events are only a wake-up: on a new
 * folder, on {@code OVERFLOW} and every {@code rescan-interval} the whole tree is looked at again, so a lost
 * event delays a change but never hides it. While some folder cannot be watched (no inotify instance or watch
 * left) the re-scan is all there is, so it runs at least every second.
 */
@Context
public class LogWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(LogWatcher.class);
    /** Without events for some folder, the re-scan is all there is: it runs at least this often. */
    private static final long BLIND_RESCAN_MILLIS = 1000;
    /** The longest a batch of looks holds back the wake-ups of their viewers ({@link WakeBatch}). */
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /**
     * Above this many looks a second, the watcher lets the events of {@link #GATHER_NANOS} gather before it looks:
     * one batch then wakes each event loop once for many logs, a millisecond later. Below, it looks at once.
     */
    private static final int BUSY_LOOKS_PER_SECOND = 5_000;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RATE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Asks the system to watch one folder; fails when it has no watch left (inotify's {@code max_user_watches}). */
    @FunctionalInterface
    interface Registrar {
        WatchKey register(Path dir, WatchService service) throws IOException;

        Registrar SYSTEM = (dir, service) -> dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    }

    private final JobRegistry registry;
    private final Registrar registrar;
    private final Path root;
    private final long rescanMillis;
    private final WatchService watchService;
    private final Map<WatchKey, Path> watched = new HashMap<>();
    private final Set<Path> watchedDirs = new HashSet<>();
    /** The job of each file that events named since the last look at the whole tree: a path is parsed once, not per event. */
    private final Map<Path, Optional<JobId>> jobOfFile = new HashMap<>();
    /** Jobs that events named and that were not looked at since, in the order they were named. */
    private final Set<JobId> pending = new LinkedHashSet<>();
    private final Thread thread;
    private boolean watchLimitWarned;
    /** Looks counted since {@link #windowStart}; {@link #busy} says whether the window before was above the rate. */
    private int looksInWindow;
    private long windowStart;
    private boolean busy;
    /** Some folder could not be watched at the last look (or there is no watch service at all). */
    private boolean blind;
    private volatile boolean running = true;

    @Inject
    public LogWatcher(JobRegistry registry, TailboardSettings settings) {
        this(registry, settings, Registrar.SYSTEM);
    }

    LogWatcher(JobRegistry registry, TailboardSettings settings, Registrar registrar) {
        this.registry = registry;
        this.registrar = registrar;
        this.root = registry.root();
        this.rescanMillis = Math.max(10, settings.getRescanInterval().toMillis());
        this.watchService = newWatchService(root, Math.min(rescanMillis, BLIND_RESCAN_MILLIS));
        registerTree();
        registry.rescan();
        this.thread = new Thread(this::run, "log-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** A watch service, or null when the system has none left (then the re-scan alone finds changes). */
    private static WatchService newWatchService(Path root, long rescanMillis) {
        try {
            return root.getFileSystem().newWatchService();
        } catch (IOException e) {
            LOG.warn("Cannot watch {} ({}); changes are found by re-scanning every {} ms instead",
                    root, e.getMessage(), rescanMillis);
            return null;
        }
    }

    /**
     * Looks at one job at a time, and between two looks takes the events that came meanwhile. A job is looked at
     * once however many events named it while it waited: when logs change faster than they are looked at, one look
     * sees all of a job's changes, and the system's event queue is emptied as it fills (the JDK turns a watch
     * key's 513th waiting event into an overflow, which costs a look at the whole tree).
     */
    private void run() {
        long nextRescan = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rescanInterval());
        while (running) {
            try {
                if (System.nanoTime() - nextRescan >= 0) {
                    rescan();
                    nextRescan = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rescanInterval());
                } else if (pending.isEmpty()) {
                    take(nextKey(nextRescan - System.nanoTime()));
                } else {
                    WakeBatch.run(this::lookAtPending);
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("The log watcher hit an error and goes on", e);
            }
        }
    }

    /** Looks at the waiting jobs, taking new events between two looks, until none waits or the batch is full. */
    private void lookAtPending() {
        if (busy()) {
            LockSupport.parkNanos(GATHER_NANOS);
            take(readyKey());
        }
        long deadline = System.nanoTime() + BATCH_NANOS;
        do {
            looksInWindow++;
            registry.refresh(takePending());
            take(readyKey());
        } while (!pending.isEmpty() && System.nanoTime() - deadline < 0);
    }

    /** Whether the looks of the last window came faster than {@link #BUSY_LOOKS_PER_SECOND}. */
    private boolean busy() {
        long now = System.nanoTime();
        if (now - windowStart > RATE_WINDOW_NANOS) {
            busy = looksInWindow > BUSY_LOOKS_PER_SECOND * RATE_WINDOW_NANOS / TimeUnit.SECONDS.toNanos(1);
            windowStart = now;
            looksInWindow = 0;
        }
        return busy;
    }

    private WatchKey nextKey(long waitNanos) throws InterruptedException {
        if (waitNanos <= 0) {
            return null;
        }
        if (watchService == null) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
            return null;
        }
        return watchService.poll(waitNanos, TimeUnit.NANOSECONDS);
    }

    /** The job that has waited longest for a look, taken from those waiting. */
    private JobId takePending() {
        Iterator<JobId> oldest = pending.iterator();
        JobId id = oldest.next();
        oldest.remove();
        return id;
    }

    /** A key with events, if one is ready now. */
    private WatchKey readyKey() {
        return watchService == null ? null : watchService.poll();
    }

    /** Takes the events of {@code key} (none when null) and of every other key ready now. */
    private void take(WatchKey key) {
        boolean rescan = false;
        for (WatchKey ready = key; ready != null; ready = readyKey()) {
            rescan |= collect(ready);
        }
        if (rescan) {
            rescan();
        }
    }

    /** Adds the jobs that {@code key}'s events name to those waiting; true when the whole tree must be looked at again. */
    private boolean collect(WatchKey key) {
        Path dir = watched.get(key);
        boolean rescan = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                rescan = true;
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                rescan = true;
            } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE && watchedDirs.contains(path)) {
                rescan = true;
            } else {
                jobOfFile.computeIfAbsent(path, file -> JobId.ofLogFile(root, file).or(() -> JobId.ofSidecarFile(root, file)))
                        .ifPresent(pending::add);
            }
        }
        if (!key.reset()) {
            forget(key);
            rescan = true;
        }
        return rescan;
    }

    /** Has every job looked at again, one at a time like those events name, so that events are taken meanwhile. */
    private void rescan() {
        jobOfFile.clear();
        registerTree();
        pending.addAll(registry.survey());
    }

    private long rescanInterval() {
        return blind ? Math.min(rescanMillis, BLIND_RESCAN_MILLIS) : rescanMillis;
    }

    /** Registers every folder not watched yet (new ones, and the root again if it was deleted and recreated). */
    private void registerTree() {
        blind = watchService == null;
        watched.keySet().stream().filter(key -> !key.isValid()).toList().forEach(this::forget);
        try {
            Files.createDirectories(root);
            JobFolders.walk(root, dir -> {
                if (!watchedDirs.contains(dir)) {
                    register(dir);
                }
            }, file -> { });
        } catch (IOException e) {
            LOG.warn("Cannot look at the logs folder {}: {}", root, e.toString());
        }
    }

    private void register(Path dir) {
        if (watchService == null) {
            return;
        }
        try {
            WatchKey key = registrar.register(dir, watchService);
            watched.put(key, dir);
            watchedDirs.add(dir);
        } catch (IOException e) {
            blind = true;
            if (!watchLimitWarned) {
                watchLimitWarned = true;
                LOG.warn("Cannot watch {} ({}); changes there are found by the re-scan every {} ms instead",
                        dir, e.getMessage(), Math.min(rescanMillis, BLIND_RESCAN_MILLIS));
            }
        }
    }

    private void forget(WatchKey key) {
        Path dir = watched.remove(key);
        if (dir != null) {
            watchedDirs.remove(dir);
        }
    }

    @PreDestroy
    void close() throws IOException, InterruptedException {
        running = false;
        if (watchService != null) {
            watchService.close();
        }
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
