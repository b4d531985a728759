package dev.tailboard.stream;

import dev.tailboard.http.Framing;
import dev.tailboard.http.Wire;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogChunk;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import jakarta.inject.Singleton;

/** A log's own bytes as HTTP chunks, and nothing else: no status, no heartbeat; after a reset the bytes from 0. */
@Singleton
class RawWire extends Wire {

    RawWire() {
        super(Framing.HTTP_CHUNK, null);
    }

    @Override
    protected void lines(LogChunk chunk, ByteBuf out) {
        out.writeBytes(chunk.raw());
    }

    @Override
    protected void status(JobStatus status, @Nullable Integer exitCode, ByteBuf out) {
    }

    @Override
    protected void reset(ByteBuf out) {
    }

    @Override
    protected void end(JobStatus status, @Nullable Integer exitCode, ByteBuf out) {
    }
}
