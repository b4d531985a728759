package dev.tailboard.jobs;

import dev.tailboard.TailboardSettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every job in the logs folder, with its size and status. It learns of changes from {@link LogWatcher}
 * (and from its own re-scans); it never reads a log's content. In a cluster it also lists the jobs of other
 * nodes, whose logs are copied into {@linkplain #mirrorFolder hidden folders} below the logs folder.
 */
@Singleton
public class JobRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(JobRegistry.class);
    /** The hidden folder below the logs folder that holds the copies of other nodes' logs. */
    static final String MIRRORS = ".cluster";
    private static final Comparator<Job> MOST_RECENT_FIRST =
            Comparator.comparing(Job::updatedAt).reversed().thenComparing(Job::id);

    /** The folder's real path, resolved once: every refresh compares a log's real path against it. */
    private final Path root;
    private final SidecarFiles sidecars;
    private final Map<JobId, Entry> jobs = new ConcurrentHashMap<>();
    private final Set<Path> reservedWarned = ConcurrentHashMap.newKeySet();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    /** Jobs served from another node's copy, by the node that holds the log. */
    private final Map<JobId, String> mirrored = new ConcurrentHashMap<>();
    private final Set<JobId> hiddenWarned = ConcurrentHashMap.newKeySet();
    private final String localNode;

    /** {@code fileKey}: the log's device and inode when it was last found {@linkplain #realLogFile link-free}. */
    private record Entry(Job job, SidecarStamp sidecar, Object fileKey) {
    }

    /** When and how big the sidecar was when last read: it is read again only when this changes. */
    private record SidecarStamp(long modified, long size) {
        static final SidecarStamp NONE = new SidecarStamp(-1, -1);
    }

    public JobRegistry(TailboardSettings settings, SidecarFiles sidecars, @Nullable LocalNode localNode) {
        Path folder = settings.getLogsDir().toAbsolutePath().normalize();
        this.sidecars = sidecars;
        this.localNode = localNode == null ? null : localNode.name();
        try {
            Files.createDirectories(folder);
            // resolved once: a logs folder given as a link is watched and walked as the folder it names
            this.root = folder.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the logs folder " + folder, e);
        }
    }

    public Path root() {
        return root;
    }

    public void addListener(JobListener listener) {
        listeners.add(listener);
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** The job, looking at the disk when it is not known yet (a file may be newer than its event). */
    public Optional<Job> find(JobId id) {
        Entry entry = jobs.get(id);
        if (entry == null) {
            refresh(id);
            entry = jobs.get(id);
        }
        return Optional.ofNullable(entry).map(Entry::job);
    }

    public List<Job> all() {
        List<Job> all = new ArrayList<>(jobs.size());
        jobs.values().forEach(entry -> all.add(entry.job()));
        all.sort(MOST_RECENT_FIRST);
        return all;
    }

    public int size() {
        return jobs.size();
    }

    /**
     * The folder where the copies of node {@code node}'s logs are kept: hidden, so that it is never taken for
     * jobs of this node.
     */
    public Path mirrorFolder(String node) {
        return mirrorsFolder().resolve(node);
    }

    /** The hidden folder holding every {@linkplain #mirrorFolder mirror folder}. */
    public Path mirrorsFolder() {
        return root.resolve(MIRRORS);
    }

    /** From now on {@code id} is node {@code node}'s job, served from its copy (over a local log of that id). */
    public synchronized void mirror(JobId id, String node) {
        mirrored.put(id, node);
        refresh(id);
        warnIfHidden(id);
    }

    /** {@code id} is no longer another node's job: a local log of that id is listed again, if there is one. */
    public synchronized void unmirror(JobId id) {
        if (mirrored.remove(id) != null) {
            hiddenWarned.remove(id);
            refresh(id);
        }
    }

    /** True when the job's log is a copy of another node's, which may be behind that node's file. */
    public boolean isMirrored(JobId id) {
        return mirrored.containsKey(id);
    }

    /** The job's log: in the logs folder, or in the mirror folder of the node that holds it. */
    public Path logFile(JobId id) {
        return id.logFile(folderOf(id));
    }

    /** Where the job's arrival times are kept: beside its log, hidden. */
    public Path timesFile(JobId id) {
        return id.timesFile(folderOf(id));
    }

    private Path folderOf(JobId id) {
        String node = mirrored.get(id);
        return node == null ? root : mirrorFolder(node);
    }

    /** Looks at one job's log and sidecar again and tells listeners what changed. */
    public synchronized void refresh(JobId id) {
        Entry before = jobs.get(id);
        Entry after = read(id, before);
        publish(id, before, after);
    }

    /** Looks at the whole tree again: new, changed and vanished jobs. */
    public void rescan() {
        survey().forEach(this::refresh);
    }

    /**
     * The jobs a look at the whole tree must look at: every log in the folder, and every job known so far (it may be
     * gone). Says once of each file that is not served, and why.
     */
    public synchronized Set<JobId> survey() {
        Set<JobId> found = new LinkedHashSet<>();
        try {
            JobFolders.walk(root, folder -> { }, file -> JobId.ofLogFile(root, file).ifPresentOrElse(id -> {
                found.add(id);
                warnIfHidden(id);
            }, () -> warnIfReserved(file)));
        } catch (IOException e) {
            LOG.debug("Cannot walk {}: {}", root, e.toString());
        }
        found.addAll(jobs.keySet());
        return found;
    }

    private void publish(JobId id, Entry before, Entry after) {
        JobEvent event;
        if (after == null) {
            if (before == null) {
                return;
            }
            jobs.remove(id);
            event = new JobEvent(JobEvent.Kind.REMOVED, before.job(), before.job());
        } else {
            jobs.put(id, after);
            if (before == null) {
                event = new JobEvent(JobEvent.Kind.ADDED, after.job(), null);
            } else if (!before.job().equals(after.job())) {
                event = new JobEvent(JobEvent.Kind.CHANGED, after.job(), before.job());
            } else {
                return;
            }
        }
        for (JobListener listener : listeners) {
            try {
                listener.onJobEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A job listener failed on {}", event, e);
            }
        }
    }

    private Entry read(JobId id, Entry before) {
        Path log = logFile(id);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
        // a log found link-free stays so while it is the same file: a link put in its path since names another file
        boolean sameFile = before != null && attributes.fileKey() != null && attributes.fileKey().equals(before.fileKey());
        if (!attributes.isRegularFile() || !sameFile && linkFree(log).isEmpty()) {
            return null;
        }
        String node = mirrored.getOrDefault(id, localNode);
        Path sidecarFile = id.sidecarFile(folderOf(id));
        SidecarStamp stamp = stampOf(sidecarFile);
        Sidecar sidecar;
        if (before != null && before.sidecar().equals(stamp) && Objects.equals(before.job().node(), node)) {
            sidecar = Sidecar.of(before.job());
        } else {
            sidecar = stamp == SidecarStamp.NONE ? Sidecar.NONE : sidecars.read(sidecarFile);
        }
        String updatedAt = attributes.lastModifiedTime().toInstant().toString();
        return new Entry(Job.of(id, attributes.size(), updatedAt, sidecar, node), stamp, attributes.fileKey());
    }

    /**
     * The job's log as its real path, when it is a regular file inside the logs folder reached through no
     * symbolic link. Whatever is read or served is opened by this path, never by a link.
     */
    public Optional<Path> realLogFile(JobId id) {
        return linkFree(logFile(id));
    }

    /** Opens the job's log for reading; refused (as missing) when the log is not {@linkplain #realLogFile link-free}. */
    public FileChannel openLog(JobId id) throws IOException {
        Path real = realLogFile(id).orElseThrow(() -> new NoSuchFileException(logFile(id).toString()));
        return FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private Optional<Path> linkFree(Path file) {
        try {
            Path real = file.toRealPath();
            boolean throughNoLink = real.equals(file);
            return throughNoLink && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static SidecarStamp stampOf(Path sidecar) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(sidecar, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return SidecarStamp.NONE;
            }
            return new SidecarStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            return SidecarStamp.NONE;
        }
    }

    /** Says once that a log of this folder is not served because another node's log has its id. */
    private void warnIfHidden(JobId id) {
        String owner = mirrored.get(id);
        if (owner != null && Files.isRegularFile(id.logFile(root), LinkOption.NOFOLLOW_LINKS) && hiddenWarned.add(id)) {
            LOG.warn("Job {} is on node {} and on node {} (this one): {} published it first and owns it, so every node "
                    + "shows {}'s; {} does not publish its own log of that id", id, owner, localNode, owner, owner, localNode);
        }
    }

    private void warnIfReserved(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(JobId.LOG_SUFFIX)
                && JobId.RESERVED.contains(name.substring(0, name.length() - JobId.LOG_SUFFIX.length()))
                && reservedWarned.add(file)) {
            LOG.warn("{} is not a job: '{}' is a reserved word in job URLs; rename the file to follow it",
                    file, name);
        }
    }

    @Override
    public String toString() {
        return "JobRegistry[" + root + ", " + jobs.size() + " jobs]";
    }
}
