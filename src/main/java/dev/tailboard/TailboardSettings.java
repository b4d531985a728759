package dev.tailboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code tailboard.*} settings of the core (see docs/settings.md). */
@ConfigurationProperties("tailboard")
public class TailboardSettings {

    private Path baseDir = Path.of("");
    private Path logsDir = Path.of("logs");
    private Duration heartbeat = Duration.ofSeconds(15);
    private Duration retry = Duration.ofSeconds(3);
    private int maxLineBytes = 65536;
    private Duration rescanInterval = Duration.ofSeconds(2);
    private Duration feedLinger = Duration.ofSeconds(10);
    @Nullable
    private String publicUrl;

    /**
     * The folder relative paths are taken from, and runs start in: the folder the server was started in, or
     * the project's folder under {@code mvn mn:run} (whose plugin starts the server in {@code target/}).
     */
    public Path getBaseDir() {
        return baseDir.toAbsolutePath();
    }

    public void setBaseDir(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The folder watched for job logs, absolute. */
    public Path getLogsDir() {
        return getBaseDir().resolve(logsDir);
    }

    public void setLogsDir(Path logsDir) {
        this.logsDir = logsDir;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Duration getRetry() {
        return retry;
    }

    public void setRetry(Duration retry) {
        this.retry = retry;
    }

    public int getMaxLineBytes() {
        return maxLineBytes;
    }

    public void setMaxLineBytes(int maxLineBytes) {
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("tailboard.max-line-bytes must be at least 4");
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** How often the whole logs tree is re-checked, in case a file-system event was lost. */
    public Duration getRescanInterval() {
        return rescanInterval;
    }

    public void setRescanInterval(Duration rescanInterval) {
        this.rescanInterval = rescanInterval;
    }

    /** How long a log stays open for reading after its last viewer left, so that a reconnect is cheap. */
    public Duration getFeedLinger() {
        return feedLinger;
    }

    public void setFeedLinger(Duration feedLinger) {
        this.feedLinger = feedLinger;
    }

    /** The address people reach tailboard at ({@code https://ci.example.org}), for links in answers over /v1. */
    @Nullable
    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(@Nullable String publicUrl) {
        if (publicUrl != null && !publicUrl.isBlank() && !publicUrl.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
            throw new IllegalArgumentException("tailboard.public-url must be an http:// or https:// address, not '"
                    + publicUrl + "'");
        }
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl;
    }
}
