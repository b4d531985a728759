package dev.tailboard.answers;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Set;

/** The {@code tailboard.answers.*} settings (see docs/answers.md). */
@ConfigurationProperties("tailboard.answers")
public class AnswerSettings {

    static final Set<String> ENGINES = Set.of("builtin", "openai");

    private String engine = "builtin";
    private Duration chunkDelay = Duration.ofMillis(25);
    private Duration keep = Duration.ofHours(1);
    private int maxKept = 1000;
    private int maxPerClient = 4;
    private int maxLength = 100_000;

    /** {@code builtin} (answers from the logs, no model) or {@code openai} (an OpenAI-compatible server). */
    public String getEngine() {
        return engine;
    }

    public void setEngine(String engine) {
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("tailboard.answers.engine must be one of " + ENGINES + ", not '" + engine + "'");
        }
        this.engine = engine;
    }

    /** The pause between the word-sized chunks of the built-in engine. */
    public Duration getChunkDelay() {
        return chunkDelay;
    }

    public void setChunkDelay(Duration chunkDelay) {
        this.chunkDelay = chunkDelay;
    }

    /** How long an ended answer stays available at least. */
    public Duration getKeep() {
        return keep;
    }

    public void setKeep(Duration keep) {
        this.keep = keep;
    }

    /** The most answers kept; beyond, the one that ended first makes room (when all are being written, none). */
    public int getMaxKept() {
        return maxKept;
    }

    public void setMaxKept(int maxKept) {
        this.maxKept = maxKept;
    }

    /** The most answers one client address may have being written at once. */
    public int getMaxPerClient() {
        return maxPerClient;
    }

    public void setMaxPerClient(int maxPerClient) {
        if (maxPerClient < 1) {
            throw new IllegalArgumentException("tailboard.answers.max-per-client must be at least 1");
        }
        this.maxPerClient = maxPerClient;
    }

    /** The longest answer, in characters (UTF-16 code units); a longer one is cut off with an error. */
    public int getMaxLength() {
        return maxLength;
    }

    public void setMaxLength(int maxLength) {
        this.maxLength = maxLength;
    }
}
