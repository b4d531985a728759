package dev.tailboard.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This node's connections to the cluster's Redis (the client is micronaut-redis-lettuce's, its {@code redis.uri}
 * set from {@code tailboard.cluster.redis-uri}). Each is made when first needed, since Redis may be down when
 * the node starts, and then kept: Lettuce reconnects it by itself. While Redis is unreachable a command fails at
 * once instead of waiting, so that the node goes on serving what it has.
 */
@Singleton
@Requires(property = ClusterSettings.REDIS_URI)
public class ClusterRedis {

    /** Keys and small fields are text; values are bytes, since log chunks are bytes, not text. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final List<StatefulConnection<?, ?>> open = new ArrayList<>();
    private StatefulRedisConnection<String, byte[]> commands;
    private StatefulRedisConnection<String, byte[]> blocking;
    private StatefulRedisPubSubConnection<String, String> pubSub;

    public ClusterRedis(RedisClient client) {
        this.client = client;
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
    }

    /** Every command but blocking reads, on one connection: a node's appends to a log reach Redis in order. */
    synchronized RedisCommands<String, byte[]> commands() {
        if (commands == null) {
            commands = keep(client.connect(CODEC));
        }
        return commands.sync();
    }

    /** Blocking reads ({@code XREAD BLOCK}), which hold their connection while they wait. */
    synchronized RedisCommands<String, byte[]> blocking() {
        if (blocking == null) {
            blocking = keep(client.connect(CODEC));
        }
        return blocking.sync();
    }

    /** The publish/subscribe connection, made with {@code listener}; it subscribes again after a reconnect. */
    synchronized StatefulRedisPubSubConnection<String, String> pubSub(RedisPubSubListener<String, String> listener) {
        if (pubSub == null) {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8);
            connection.addListener(listener);
            pubSub = keep(connection);
        }
        return pubSub;
    }

    private <C extends StatefulConnection<?, ?>> C keep(C connection) {
        open.add(connection);
        return connection;
    }

    /**
     * Closes the connections, then the client and its resources: micronaut-redis-lettuce hands the client
     * resources it made itself and never shuts them down (their threads would outlive the node).
     */
    @PreDestroy
    synchronized void close() {
        open.forEach(StatefulConnection::close);
        open.clear();
        client.shutdown();
        client.getResources().shutdown();
    }
}
