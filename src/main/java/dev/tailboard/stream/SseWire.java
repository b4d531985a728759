package dev.tailboard.stream;

import dev.tailboard.http.Framing;
import dev.tailboard.http.JsonText;
import dev.tailboard.http.Wire;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogChunk;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * A log as server-sent events, byte for byte as Micronaut wrote them before: {@code log} (its id the cursor past
 * its lines, {@code time} when the last of them arrived), {@code status}, {@code reset}, {@code end}, and a
 * {@code : ping} comment on an idle stream.
 */
@Singleton
class SseWire extends Wire {

    private static final byte[] PING = ": ping\n\n\n".getBytes(StandardCharsets.US_ASCII);

    private final WireJson json;

    SseWire(WireJson json) {
        super(Framing.HTTP_CHUNK, PING);
        this.json = json;
    }

    @Override
    protected void lines(LogChunk chunk, ByteBuf out) {
        JsonText.linesAndTime("id: " + chunk.end() + "\nevent: log\ndata: {\"line\":" + chunk.firstLine() + ",\"lines\":",
                chunk, "}\n\n", out);
    }

    @Override
    protected void status(JobStatus status, @Nullable Integer exitCode, ByteBuf out) {
        event("status", json.write(new WireJson.StatusData(status, exitCode)), out);
    }

    @Override
    protected void reset(ByteBuf out) {
        out.writeCharSequence("id: 0\nevent: reset\ndata: {}\n\n", StandardCharsets.US_ASCII);
    }

    @Override
    protected void end(JobStatus status, @Nullable Integer exitCode, ByteBuf out) {
        event("end", json.write(new WireJson.StatusData(status, exitCode)), out);
    }

    private static void event(String name, String data, ByteBuf out) {
        out.writeCharSequence("event: " + name + "\ndata: " + data + "\n\n", StandardCharsets.UTF_8);
    }
}
