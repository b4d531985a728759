package dev.tailboard.cluster;

import dev.tailboard.jobs.LocalNode;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The {@code tailboard.cluster.*} settings (see "Cluster" in the README). Without {@code redis-uri} there is no
 * such bean, and with it none of the cluster: the node is alone and contacts no Redis.
 */
@ConfigurationProperties("tailboard.cluster")
@Requires(property = ClusterSettings.REDIS_URI)
public class ClusterSettings implements LocalNode {

    static final String REDIS_URI = "tailboard.cluster.redis-uri";
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private String redisUri;
    private String nodeName = hostName();
    private Duration retention = Duration.ofDays(7);

    /** The Redis every node of the cluster shares; Micronaut's {@code redis.uri} is set from it. */
    public String getRedisUri() {
        return redisUri;
    }

    public void setRedisUri(String redisUri) {
        this.redisUri = redisUri;
    }

    /** This node's name, unique in its cluster: the {@code node} of the jobs of its folder. */
    public String getNodeName() {
        return nodeName;
    }

    public void setNodeName(String nodeName) {
        if (!isNodeName(nodeName)) {
            throw new IllegalArgumentException("tailboard.cluster.node-name must be 1-64 characters of A-Z a-z 0-9 . _ - "
                    + "starting with a letter or digit, not '" + nodeName + "'");
        }
        this.nodeName = nodeName;
    }

    /** How long a final job's log stays in Redis after it ended. */
    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    /** True when {@code name} may name a node (names read from Redis are checked before they become folders). */
    static boolean isNodeName(String name) {
        return name != null && NODE_NAME.matcher(name).matches();
    }

    @Override
    public String name() {
        return nodeName;
    }

    /** The host name made into a valid node name (a host name may be longer, or even start with a dot). */
    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "";
        }
        String name = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[._-]+", "");
        name = name.substring(0, Math.min(64, name.length()));
        return name.isEmpty() ? "node" : name;
    }
}
