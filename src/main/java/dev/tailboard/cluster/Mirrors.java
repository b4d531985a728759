package dev.tailboard.cluster;

import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.Sidecar;
import dev.tailboard.jobs.SidecarFiles;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps a copy of every other node's log in this node's {@linkplain JobRegistry#mirrorFolder mirror folders}, so
 * that every reader serves those jobs exactly like local ones, with the same byte offsets. One thread and one
 * blocking {@code XREAD} follow the job events and every log still growing, whatever the number of viewers;
 * a copy that is behind catches up with {@code XRANGE}. When Redis is unreachable the copies stay as they are
 * and are served; when it restarted empty, the nodes publish again and each copy takes only the bytes it lacks.
 */
@Context
@Requires(property = ClusterSettings.REDIS_URI)
public class Mirrors {

    private static final Logger LOG = LoggerFactory.getLogger(Mirrors.class);
    private static final long BLOCK_MILLIS = 1000;
    private static final long RETRY_MILLIS = 1000;
    private static final int ENTRIES_PER_READ = 16;
    private static final int CATCH_UP_ENTRIES = 64;
    /** Every job is read again this often, in case an event was missed (the events stream is capped). */
    private static final long RESYNC_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final long EXPIRY_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final long INSTANCE_CHECK_MILLIS = 1000;

    private final JobRegistry registry;
    private final ClusterRedis redis;
    private final LogWrites writes;
    private final LogPublisher publisher;
    private final SidecarFiles sidecars;
    private final JsonMapper json;
    private final String node;
    private final Map<JobId, MirrorLog> mirrors = new HashMap<>();
    /** Copies behind what Redis holds now (it restarted and their node has not published them again yet). */
    private final Set<JobId> stalled = new HashSet<>();
    private final Thread thread;
    private String lastEvent = "0-0";
    private boolean resync = true;
    private boolean pruned;
    private String redisRunId;
    private long nextInstanceCheck;
    private long nextResync;
    private long nextExpiry;
    private volatile boolean running = true;
    private volatile boolean reachable;
    private volatile int copies;

    public Mirrors(JobRegistry registry, ClusterRedis redis, LogWrites writes, LogPublisher publisher,
                   SidecarFiles sidecars, JsonMapper json, ClusterSettings settings) {
        this.registry = registry;
        this.redis = redis;
        this.writes = writes;
        this.publisher = publisher;
        this.sidecars = sidecars;
        this.json = json;
        this.node = settings.getNodeName();
        this.thread = new Thread(this::run, "cluster-mirrors");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        boolean failing = false;
        while (running) {
            try {
                step();
                reachable = true;
                copies = mirrors.size();
                if (failing) {
                    failing = false;
                    LOG.info("Redis is reachable again; node {} follows the cluster again", node);
                }
            } catch (RedisException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("Cannot read from Redis ({}); node {} goes on serving the copies it has", e.getMessage(), node);
                }
                failing = true;
                reachable = false;
                resync = true;
                pause();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Copying other nodes' logs failed; trying again", e);
                pause();
            }
        }
    }

    private void step() throws IOException {
        long now = System.currentTimeMillis();
        if (now >= nextInstanceCheck) {
            checkInstance();
            nextInstanceCheck = now + INSTANCE_CHECK_MILLIS;
        }
        if (resync || now >= nextResync) {
            resync();
            nextResync = now + RESYNC_MILLIS;
        }
        boolean behind = catchUp();
        follow(behind ? 0 : BLOCK_MILLIS);
        if (now >= nextExpiry) {
            long expired = writes.expire(now);
            if (expired > 0) {
                LOG.info("{} jobs left Redis, final for longer than their retention", expired);
            }
            nextExpiry = now + EXPIRY_MILLIS;
        }
    }

    /** A Redis that restarted (its run id changed) may have lost everything: publish again, read everything again. */
    private void checkInstance() {
        String runId = redis.commands().info("server").lines()
                .filter(line -> line.startsWith("run_id:")).map(line -> line.substring(7).trim())
                .findFirst().orElse("");
        if (redisRunId != null && !redisRunId.equals(runId)) {
            LOG.info("Redis restarted; node {} publishes its logs again where Redis lacks them", node);
            publisher.republishAll();
            resync = true;
        }
        redisRunId = runId;
    }

    /** Reads every job's hash again; copies of jobs Redis does not know (any more) stay as they are. */
    private void resync() throws IOException {
        RedisCommands<String, byte[]> commands = redis.commands();
        List<StreamMessage<String, byte[]>> last = commands.xrevrange(Keys.EVENTS, Range.create("-", "+"), Limit.from(1));
        lastEvent = last.isEmpty() ? "0-0" : last.get(0).getId();
        for (byte[] member : commands.zrange(Keys.JOBS, 0, -1)) {
            JobId id = JobId.parse(text(member)).orElse(null);
            if (id != null) {
                apply(id, commands.hgetall(Keys.job(id)));
            }
        }
        resync = false;
        if (!pruned) {
            pruned = true;
            pruneOrphans();
        }
    }

    /**
     * Once Redis answered for the first time: removes the copies an earlier run of this node left of jobs that
     * Redis no longer has (they left it while this node was down).
     */
    private void pruneOrphans() throws IOException {
        Path folders = registry.mirrorsFolder();
        if (!Files.isDirectory(folders)) {
            return;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(folders)) {
            logs = files.filter(file -> file.getNameCount() > folders.getNameCount() + 1).toList();
        }
        for (Path log : logs) {
            String owner = folders.relativize(log).getName(0).toString();
            JobId id = JobId.ofLogFile(folders.resolve(owner), log).orElse(null);
            MirrorLog mirror = id == null ? null : mirrors.get(id);
            if (id != null && (mirror == null || !mirror.node.equals(owner))) {
                MirrorLog.delete(log, id);
            }
        }
    }

    /** Reads, with {@code XRANGE}, a batch for each copy that is behind; true when some are still behind. */
    private boolean catchUp() throws IOException {
        boolean more = false;
        for (MirrorLog mirror : new ArrayList<>(mirrors.values())) {
            if (!mirror.behind() || stalled.contains(mirror.id)) {
                continue;
            }
            List<StreamMessage<String, byte[]>> entries = redis.commands().xrange(Keys.log(mirror.id),
                    Range.from(Range.Boundary.excluding(mirror.readFrom() + "-0"), Range.Boundary.unbounded()),
                    Limit.from(CATCH_UP_ENTRIES));
            int taken = 0;
            for (StreamMessage<String, byte[]> entry : entries) {
                taken += take(mirror, entry) ? 1 : 0;
            }
            if (taken == 0) {
                stalled.add(mirror.id);
            }
            settle(mirror);
            more |= mirror.behind() && !stalled.contains(mirror.id);
        }
        return more;
    }

    /** One {@code XREAD} over the job events and every copy at its live edge; waits up to {@code blockMillis}. */
    private void follow(long blockMillis) throws IOException {
        List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
        offsets.add(XReadArgs.StreamOffset.from(Keys.EVENTS, lastEvent));
        for (MirrorLog mirror : mirrors.values()) {
            if (!mirror.complete() && (!mirror.behind() || stalled.contains(mirror.id))) {
                offsets.add(XReadArgs.StreamOffset.from(Keys.log(mirror.id), mirror.readFrom() + "-0"));
            }
        }
        XReadArgs args = XReadArgs.Builder.count(ENTRIES_PER_READ);
        if (blockMillis > 0) {
            args.block(blockMillis);
        }
        @SuppressWarnings("unchecked")
        List<StreamMessage<String, byte[]>> messages = redis.blocking().xread(args, offsets.toArray(XReadArgs.StreamOffset[]::new));
        Set<JobId> changed = new LinkedHashSet<>();
        Set<MirrorLog> touched = new LinkedHashSet<>();
        for (StreamMessage<String, byte[]> message : messages) {
            if (message.getStream().equals(Keys.EVENTS)) {
                lastEvent = message.getId();
                JobId.parse(text(message.getBody().get("id"))).ifPresent(changed::add);
                continue;
            }
            MirrorLog mirror = JobId.parse(message.getStream().substring(Keys.LOG.length())).map(mirrors::get).orElse(null);
            if (mirror != null && take(mirror, message)) {
                stalled.remove(mirror.id);
                touched.add(mirror);
            }
        }
        for (JobId id : changed) {
            apply(id, redis.commands().hgetall(Keys.job(id)));
        }
        for (MirrorLog mirror : touched) {
            settle(mirror);
        }
    }

    /** Takes one entry into its copy; false when it could not (the copy was replaced, or lacks bytes before it). */
    private boolean take(MirrorLog mirror, StreamMessage<String, byte[]> entry) throws IOException {
        Map<String, byte[]> body = entry.getBody();
        byte[] data = body.get("data");
        if (data == null) {
            return false;
        }
        MirrorLog.Taken taken = mirror.take(number(body.get("start")), data, number(body.get("time")));
        if (taken == MirrorLog.Taken.DIFFERS) {
            mirror.replace();
            registry.refresh(mirror.id);
        }
        return taken == MirrorLog.Taken.HELD || taken == MirrorLog.Taken.WRITTEN;
    }

    /** The job's hash changed (or went away): follow what it says. */
    private void apply(JobId id, Map<String, byte[]> hash) throws IOException {
        String owner = text(hash.get("node"));
        if (owner == null || owner.equals(node) || !ClusterSettings.isNodeName(owner)) {
            drop(id);
            return;
        }
        MirrorLog mirror = mirrors.get(id);
        if (mirror != null && !mirror.node.equals(owner)) {
            drop(id);
            mirror = null;
        }
        String epoch = text(hash.get("epoch"));
        if (epoch == null || epoch.isEmpty()) {
            return;
        }
        boolean fresh = mirror == null;
        if (fresh) {
            mirror = MirrorLog.open(id, owner, registry.mirrorFolder(owner), sidecars);
            mirrors.put(id, mirror);
        }
        byte[] sidecar = hash.get("sidecar");
        mirror.describe(epoch, number(hash.get("end")),
                sidecar == null ? Sidecar.NONE : json.readValue(sidecar, Sidecar.class), number(hash.get("final")) > 0);
        stalled.remove(id);
        if (fresh) {
            mirror.settle();
            registry.mirror(id, owner);
        } else {
            settle(mirror);
        }
    }

    private void settle(MirrorLog mirror) throws IOException {
        if (mirror.settle()) {
            registry.refresh(mirror.id);
        }
    }

    /** Forgets the copy of a job that is no longer another node's (removed, expired, or now this node's). */
    private void drop(JobId id) throws IOException {
        MirrorLog mirror = mirrors.remove(id);
        stalled.remove(id);
        if (mirror != null) {
            registry.unmirror(id);
            mirror.delete();
        }
    }

    /** True when the last read from Redis worked. */
    boolean reachable() {
        return reachable;
    }

    /** How many other nodes' logs this node holds a copy of. */
    int copies() {
        return copies;
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static long number(byte[] value) {
        try {
            return value == null ? 0 : Long.parseLong(text(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        for (MirrorLog mirror : mirrors.values()) {
            try {
                mirror.close();
            } catch (IOException e) {
                LOG.debug("Cannot close {}: {}", mirror, e.toString());
            }
        }
    }
}
