package dev.tailboard.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.http.Framing;
import dev.tailboard.http.JsonText;
import dev.tailboard.http.Wire;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogChunk;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.netty.buffer.ByteBuf;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * A log as WebSocket text frames of JSON: {@code log} (with {@code next}, the cursor past its lines, and
 * {@code time}, when the last of them arrived), {@code status}, {@code reset}, {@code end}; a ping on an idle socket.
 */
@Singleton
class SocketWire extends Wire {

    private static final byte[] PING = "tailboard".getBytes(StandardCharsets.US_ASCII);

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StatusFrame(String type, JobStatus status, @Nullable Integer exitCode) {
    }

    @Serdeable
    record ResetFrame(String type) {
    }

    private final WireJson json;

    SocketWire(WireJson json) {
        super(Framing.WEBSOCKET_TEXT, PING);
        this.json = json;
    }

    @Override
    protected void lines(LogChunk chunk, ByteBuf out) {
        JsonText.linesAndTime("{\"type\":\"log\",\"next\":" + chunk.end() + ",\"line\":" + chunk.firstLine() + ",\"lines\":",
                chunk, "}", out);
    }

    @Override
    protected void status(JobStatus status, @Nullable Integer exitCode, ByteBuf out) {
        out.writeCharSequence(json.write(new StatusFrame("status", status, exitCode)), StandardCharsets.UTF_8);
    }

    @Override
    protected void reset(ByteBuf out) {
        out.writeCharSequence(json.write(new ResetFrame("reset")), StandardCharsets.UTF_8);
    }

    @Override
    protected void end(JobStatus status, @Nullable Integer exitCode, ByteBuf out) {
        out.writeCharSequence(json.write(new StatusFrame("end", status, exitCode)), StandardCharsets.UTF_8);
    }
}
