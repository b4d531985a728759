package dev.tailboard.cluster;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobEvent;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobListener;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.Sidecar;
import io.lettuce.core.RedisException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the logs of this node's folder to Redis as they grow, with their sidecar fields: one thread, so a
 * log's chunks go out in order, each of at most {@value #CHUNK_BYTES} bytes. It goes on from wherever Redis stands:
 * after this node restarted, from the end Redis holds; after Redis restarted empty, from byte 0 again.
 */
@Context
@Requires(property = ClusterSettings.REDIS_URI)
public class LogPublisher implements JobListener {

    /**
     * A chunk, with its stream entry's own bytes, fits Redis's (jemalloc's) 32 KiB allocation: with a whole 32 KiB
     * it would take 40 KiB, and Redis would hold 1.27 MB per MB of log instead of 1.02 MB (measured).
     */
    static final int CHUNK_BYTES = 32 * 1024 - 128;
    private static final Logger LOG = LoggerFactory.getLogger(LogPublisher.class);
    private static final long RETRY_MILLIS = 1000;

    private final JobRegistry registry;
    private final LogWrites writes;
    private final JsonMapper json;
    private final String node;
    private final long retentionMillis;
    /** Jobs to look at again; guarded by {@code this}. */
    private final Set<JobId> dirty = new LinkedHashSet<>();
    /** What was published of each job: touched by the publishing thread only. */
    private final Map<JobId, Published> published = new HashMap<>();
    private final Thread thread;
    private boolean forgetAll;
    private volatile boolean running = true;

    /** What this node has published of one of its logs, as far as it knows. */
    private static final class Published {
        String epoch;
        String file;
        long end;
        byte[] sidecar;
        long finalAt;
    }

    public LogPublisher(JobRegistry registry, LogWrites writes, JsonMapper json, ClusterSettings settings) {
        this.registry = registry;
        this.writes = writes;
        this.json = json;
        this.node = settings.getNodeName();
        this.retentionMillis = settings.getRetention().toMillis();
        registry.addListener(this);
        republishAll();
        this.thread = new Thread(this::run, "cluster-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onJobEvent(JobEvent event) {
        if (node.equals(event.job().node())) {
            mark(List.of(event.id()));
        }
    }

    /** Redis may have lost what was published (it restarted): look at every job of this node again. */
    public synchronized void republishAll() {
        forgetAll = true;
        registry.all().stream().filter(job -> node.equals(job.node())).map(Job::jobId).forEach(dirty::add);
        notifyAll();
    }

    private synchronized void mark(List<JobId> ids) {
        dirty.addAll(ids);
        notifyAll();
    }

    private synchronized List<JobId> take() throws InterruptedException {
        while (dirty.isEmpty()) {
            wait();
        }
        if (forgetAll) {
            forgetAll = false;
            published.clear();
        }
        List<JobId> ids = new ArrayList<>(dirty);
        dirty.clear();
        return ids;
    }

    private void run() {
        boolean failing = false;
        while (running) {
            List<JobId> failed = new ArrayList<>();
            try {
                for (JobId id : take()) {
                    if (!publishOrFail(id)) {
                        failed.add(id);
                    }
                }
                if (!failed.isEmpty()) {
                    if (!failing) {
                        LOG.warn("Cannot publish to Redis; this node goes on serving and tries again every {} ms",
                                RETRY_MILLIS);
                    }
                    failing = true;
                    TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
                    mark(failed);
                } else if (failing) {
                    failing = false;
                    LOG.info("Publishing to Redis again");
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Publishes one job; false when Redis could not be reached, so it must be tried again. */
    private boolean publishOrFail(JobId id) {
        try {
            publish(id);
            return true;
        } catch (RedisException e) {
            LOG.debug("Publishing {} failed: {}", id, e.toString());
            published.remove(id);
            return false;
        } catch (IOException e) {
            LOG.debug("Cannot read {} to publish it: {}", id, e.toString());
            return true;
        }
    }

    private void publish(JobId id) throws IOException {
        Optional<Job> job = registry.find(id);
        if (job.isEmpty()) {
            published.remove(id);
            writes.remove(id, node);
            return;
        }
        if (!node.equals(job.get().node()) || pastRetention(job.get())) {
            published.remove(id);
            return;
        }
        Optional<Path> file = registry.realLogFile(id);
        if (file.isEmpty()) {
            return;
        }
        BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String fileKey = String.valueOf(attributes.fileKey());
        Published state = published.get(id);
        if (state == null) {
            state = claim(id, fileKey, attributes.size());
            if (state == null) {
                return;
            }
        }
        if (!state.file.equals(fileKey) || attributes.size() < state.end) {
            startOver(id, state, fileKey);
        }
        LogWrites.Appended appended = appendAll(id, state, file.get(), attributes);
        if (appended instanceof LogWrites.Owned owned) {
            published.remove(id);
            notOwned(id, owned.owner());
        } else if (appended instanceof LogWrites.Lost || !describe(id, state, job.get())) {
            published.remove(id);
            mark(List.of(id));
        }
    }

    /** Claims the job; null when another node owns it (said once in the log) or Redis refused. */
    private Published claim(JobId id, String fileKey, long size) {
        LogWrites.Claim claim = writes.claim(id, node);
        if (!claim.owner().equals(node)) {
            notOwned(id, claim.owner());
            return null;
        }
        Published state = new Published();
        if (!claim.epoch().isEmpty() && claim.file().equals(fileKey) && claim.end() <= size) {
            state.epoch = claim.epoch();
            state.file = fileKey;
            state.end = claim.end();
            state.sidecar = claim.sidecar();
            state.finalAt = claim.finalAt();
        } else {
            startOver(id, state, fileKey);
        }
        published.put(id, state);
        return state;
    }

    /** Another node published the id first; the registry says so once it shows that node's log instead. */
    private void notOwned(JobId id, String owner) {
        LOG.debug("Job {} belongs to node {}: node {} does not publish its own", id, owner, node);
    }

    /** Publishes the log from byte 0 as a new epoch: it is new to Redis, or the file was truncated or replaced. */
    private void startOver(JobId id, Published state, String fileKey) {
        state.epoch = UUID.randomUUID().toString();
        state.file = fileKey;
        state.end = 0;
        state.sidecar = null;
        writes.start(id, node, state.epoch, fileKey);
    }

    /** Appends what Redis lacks of the log, in order; answers where the stream ends, or why it could not. */
    private LogWrites.Appended appendAll(JobId id, Published state, Path file, BasicFileAttributes attributes)
            throws IOException {
        long size = attributes.size();
        long time = attributes.lastModifiedTime().toMillis();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (state.end < size) {
                byte[] chunk = read(channel, state.end, (int) Math.min(CHUNK_BYTES, size - state.end));
                if (chunk.length == 0) {
                    break;
                }
                LogWrites.Appended appended = writes.append(id, node, state.epoch, state.end, chunk, time);
                if (!(appended instanceof LogWrites.At at)) {
                    return appended;
                }
                if (at.end() > size) {
                    startOver(id, state, state.file);
                } else {
                    state.end = at.end();
                }
            }
        }
        return new LogWrites.At(state.end);
    }

    private boolean describe(JobId id, Published state, Job job) throws IOException {
        byte[] sidecar = json.writeValueAsBytes(Sidecar.of(job));
        long finalAt = job.status().isFinal() ? finalAt(job) : 0;
        if (Arrays.equals(sidecar, state.sidecar) && finalAt == state.finalAt) {
            return true;
        }
        String expiry = finalAt == 0 ? "+inf" : String.valueOf(finalAt + retentionMillis);
        if (!writes.describe(id, node, state.epoch, sidecar, finalAt, expiry)) {
            return false;
        }
        state.sidecar = sidecar;
        state.finalAt = finalAt;
        return true;
    }

    /** A job final for longer than the retention is not published (again, after a restart): Redis would drop it. */
    private boolean pastRetention(Job job) {
        return job.status().isFinal() && finalAt(job) + retentionMillis < System.currentTimeMillis();
    }

    /** When a final job ended: its sidecar's {@code finishedAt}, else the last write to its log. */
    private static long finalAt(Job job) {
        for (String at : new String[] {job.finishedAt(), job.updatedAt()}) {
            try {
                if (at != null) {
                    return Instant.parse(at).toEpochMilli();
                }
            } catch (DateTimeParseException e) {
                // a sidecar's own spelling of a time: use the next one
            }
        }
        return System.currentTimeMillis();
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // reads until the chunk is full or the file ends
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        registry.removeListener(this);
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
