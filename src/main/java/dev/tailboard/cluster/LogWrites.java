package dev.tailboard.cluster;

import dev.tailboard.jobs.JobId;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a node writes to Redis about its own jobs, each write one Lua script so that Redis itself checks it: only
 * the node that owns a job writes it, and a chunk is appended only where the log's stream ends (a duplicated,
 * lost or reordered append is refused, as GitLab's trace PATCH refuses a wrong {@code Content-Range}).
 */
@Singleton
@Requires(property = ClusterSettings.REDIS_URI)
class LogWrites {

    /** Claims the job when nobody has; answers its owner and what Redis holds of it: epoch, file, end, fields. */
    private static final String CLAIM = """
            local owner = redis.call('HGET', KEYS[1], 'node')
            if not owner then
              redis.call('HSET', KEYS[1], 'node', ARGV[1])
              redis.call('ZADD', KEYS[2], '+inf', ARGV[2])
              owner = ARGV[1]
            end
            local held = redis.call('HMGET', KEYS[1], 'epoch', 'file', 'end', 'sidecar', 'final')
            return {owner, held[1] or '', held[2] or '', held[3] or '0', held[4] or '', held[5] or '0'}
            """;

    /** Publishes the log again from byte 0, as a new epoch (the file is new to Redis, or was replaced). */
    private static final String START = """
            if redis.call('HGET', KEYS[2], 'node') ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[2], 'epoch', ARGV[3], 'file', ARGV[4], 'end', 0)
            redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'id', ARGV[2])
            return 1
            """;

    /** Appends one chunk if it starts where the stream ends; answers where the stream ends now. */
    private static final String APPEND = """
            local held = redis.call('HMGET', KEYS[2], 'node', 'epoch')
            if not held[1] then return {'lost', ''} end
            if held[1] ~= ARGV[1] then return {'owner', held[1]} end
            if held[2] ~= ARGV[3] then return {'lost', ''} end
            local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            local at = '0'
            if #last > 0 then at = string.match(last[1][1], '^%d+') end
            if at ~= ARGV[4] then return {'at', at} end
            redis.call('XADD', KEYS[1], ARGV[5] .. '-0', 'start', ARGV[4], 'time', ARGV[6], 'data', ARGV[7])
            redis.call('HSET', KEYS[2], 'end', ARGV[5], 'updated', ARGV[6])
            return {'at', ARGV[5]}
            """;

    /** Sets the sidecar's fields and when the log may leave Redis, and tells every node. */
    private static final String DESCRIBE = """
            local held = redis.call('HMGET', KEYS[1], 'node', 'epoch')
            if held[1] ~= ARGV[1] or held[2] ~= ARGV[3] then return 0 end
            redis.call('HSET', KEYS[1], 'sidecar', ARGV[4], 'final', ARGV[5])
            redis.call('ZADD', KEYS[2], ARGV[6], ARGV[2])
            redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], '*', 'id', ARGV[2])
            return 1
            """;

    /** Removes a job whose log its node no longer has. */
    private static final String REMOVE = """
            if redis.call('HGET', KEYS[2], 'node') ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2])
            redis.call('ZREM', KEYS[3], ARGV[2])
            redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[3], '*', 'id', ARGV[2])
            return 1
            """;

    /** Removes up to 100 jobs that became final longer than their retention ago; answers how many. */
    private static final String EXPIRE = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
            for _, id in ipairs(ids) do
              redis.call('DEL', ARGV[2] .. id, ARGV[3] .. id)
              redis.call('ZREM', KEYS[1], id)
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'id', id)
            end
            return #ids
            """;

    /** Who owns a job, and what Redis holds of it (an empty epoch: nothing published yet). */
    record Claim(String owner, String epoch, String file, long end, byte[] sidecar, long finalAt) {
    }

    /** What came of an append. */
    sealed interface Appended {
    }

    /** The stream ends at {@code end}: past the chunk when it was taken, elsewhere when it was refused. */
    record At(long end) implements Appended {
    }

    /** Another node owns the job (Redis lost it, and that node published it first since). */
    record Owned(String owner) implements Appended {
    }

    /** Redis lost the job, or holds another epoch of it: claim it again. */
    record Lost() implements Appended {
    }

    private final ClusterRedis redis;

    LogWrites(ClusterRedis redis) {
        this.redis = redis;
    }

    Claim claim(JobId id, String node) {
        List<String> held = texts(redis.commands().eval(CLAIM, ScriptOutputType.MULTI,
                keys(Keys.job(id), Keys.JOBS), bytes(node), bytes(id.value())));
        return new Claim(held.get(0), held.get(1), held.get(2), Long.parseLong(held.get(3)),
                held.get(4).getBytes(StandardCharsets.UTF_8), Long.parseLong(held.get(5)));
    }

    boolean start(JobId id, String node, String epoch, String file) {
        Long started = redis.commands().eval(START, ScriptOutputType.INTEGER,
                keys(Keys.log(id), Keys.job(id), Keys.JOBS, Keys.EVENTS),
                bytes(node), bytes(id.value()), bytes(epoch), bytes(file), bytes(Keys.EVENTS_KEPT));
        return started == 1;
    }

    Appended append(JobId id, String node, String epoch, long start, byte[] data, long time) {
        List<String> answer = texts(redis.commands().eval(APPEND, ScriptOutputType.MULTI,
                keys(Keys.log(id), Keys.job(id)), bytes(node), bytes(id.value()), bytes(epoch), bytes(start),
                bytes(start + data.length), bytes(time), data));
        return switch (answer.get(0)) {
            case "at" -> new At(Long.parseLong(answer.get(1)));
            case "owner" -> new Owned(answer.get(1));
            default -> new Lost();
        };
    }

    /** False when Redis lost the job or holds another epoch of it. */
    boolean describe(JobId id, String node, String epoch, byte[] sidecar, long finalAt, String expiry) {
        Long described = redis.commands().eval(DESCRIBE, ScriptOutputType.INTEGER,
                keys(Keys.job(id), Keys.JOBS, Keys.EVENTS), bytes(node), bytes(id.value()), bytes(epoch), sidecar,
                bytes(finalAt), bytes(expiry), bytes(Keys.EVENTS_KEPT));
        return described == 1;
    }

    void remove(JobId id, String node) {
        redis.commands().eval(REMOVE, ScriptOutputType.INTEGER,
                keys(Keys.log(id), Keys.job(id), Keys.JOBS, Keys.EVENTS),
                bytes(node), bytes(id.value()), bytes(Keys.EVENTS_KEPT));
    }

    /** Removes the jobs whose retention ended before {@code now}; answers how many. */
    long expire(long now) {
        long removed = 0;
        long batch;
        do {
            batch = redis.commands().<Long>eval(EXPIRE, ScriptOutputType.INTEGER, keys(Keys.JOBS, Keys.EVENTS),
                    bytes(now), bytes(Keys.LOG), bytes(Keys.JOB), bytes(Keys.EVENTS_KEPT));
            removed += batch;
        } while (batch == 100);
        return removed;
    }

    private static String[] keys(String... keys) {
        return keys;
    }

    static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Object> values) {
        return values.stream().map(value -> value instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value)).toList();
    }
}
