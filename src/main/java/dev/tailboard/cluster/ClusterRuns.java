package dev.tailboard.cluster;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.runner.OtherNodes;
import dev.tailboard.runner.PipelineRunner;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs of other nodes: a cancel on this node for another node's job is sent to that node on its Redis channel,
 * and this node answers the cancels sent to it on its own. A node that is not listening (stopped) has no run.
 */
@Context
@Requires(property = ClusterSettings.REDIS_URI)
public class ClusterRuns extends RedisPubSubAdapter<String, String> implements OtherNodes {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRuns.class);
    private static final long ANSWER_SECONDS = 5;
    private static final long SUBSCRIBE_RETRY_SECONDS = 2;

    /** A command to a node, or its answer. */
    @Serdeable
    record Message(String kind, String request, String from, @Nullable String job, boolean done) {
        static final String CANCEL = "cancel";
        static final String ANSWER = "answer";
    }

    private final ClusterRedis redis;
    private final PipelineRunner runner;
    private final JsonMapper json;
    private final String node;
    private final Map<String, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cluster-runs");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterRuns(ClusterRedis redis, PipelineRunner runner, JsonMapper json, ClusterSettings settings) {
        this.redis = redis;
        this.runner = runner;
        this.json = json;
        this.node = settings.getNodeName();
        worker.execute(this::subscribe);
    }

    /** Listens on this node's channel; Lettuce subscribes again by itself after a reconnect. */
    private void subscribe() {
        try {
            redis.pubSub(this).sync().subscribe(Keys.node(node));
        } catch (RedisException e) {
            LOG.debug("Cannot subscribe to {} yet: {}", Keys.node(node), e.toString());
            worker.schedule(this::subscribe, SUBSCRIBE_RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public boolean cancel(Job job) {
        if (job.node() == null || job.node().equals(node)) {
            return false;
        }
        String request = UUID.randomUUID().toString();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        waiting.put(request, answer);
        try {
            if (send(job.node(), new Message(Message.CANCEL, request, node, job.id(), false)) == 0) {
                return false;
            }
            return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (RedisException | IOException | ExecutionException | TimeoutException e) {
            LOG.warn("Node {} did not answer the cancel of {}: {}", job.node(), job.id(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(request);
        }
    }

    /** On Lettuce's thread: handled on this class's own, which may block. */
    @Override
    public void message(String channel, String text) {
        worker.execute(() -> handle(text));
    }

    private void handle(String text) {
        try {
            Message message = json.readValue(text, Message.class);
            if (Message.CANCEL.equals(message.kind())) {
                boolean done = JobId.parse(message.job()).map(runner::cancel).orElse(false);
                send(message.from(), new Message(Message.ANSWER, message.request(), node, message.job(), done));
            } else if (Message.ANSWER.equals(message.kind())) {
                CompletableFuture<Boolean> answer = waiting.get(message.request());
                if (answer != null) {
                    answer.complete(message.done());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot handle the command {}: {}", text, e.toString());
        }
    }

    /** How many nodes got the message: 0 when its node is not listening. */
    private long send(String to, Message message) throws IOException {
        return redis.commands().publish(Keys.node(to), json.writeValueAsBytes(message));
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
