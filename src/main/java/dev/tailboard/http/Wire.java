package dev.tailboard.http;

import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogEvent;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * How one transport puts a log's events on the wire: the payload of each event (a transport writes nothing for
 * an event it does not carry), framed for the connection's protocol. A chunk the feed hands to every viewer is framed once, into a buffer they all write a duplicate of.
 */
public abstract class Wire {

    private final Framing framing;
    private final Function<LogChunk, ByteBuf> sharedFrames = this::sharedFrameOf;
    @Nullable
    private final ByteBuf heartbeat;

    /** {@code heartbeat}: the payload sent on an idle connection, or null for none. */
    protected Wire(Framing framing, @Nullable byte[] heartbeat) {
        this.framing = framing;
        this.heartbeat = heartbeat == null ? null : heartbeatFrame(framing, heartbeat);
    }

    Framing framing() {
        return framing;
    }

    /** Writes the payload of lines; {@code chunk.end()} is the cursor past them. */
    protected abstract void lines(LogChunk chunk, ByteBuf out);

    /** Writes the payload saying that the job's status is now this. */
    protected abstract void status(JobStatus status, @Nullable Integer exitCode, ByteBuf out);

    /** Writes the payload saying that the lines start again at 0. */
    protected abstract void reset(ByteBuf out);

    /** Writes the payload of the end: the job is final and every line was sent. */
    protected abstract void end(JobStatus status, @Nullable Integer exitCode, ByteBuf out);

    /** A guess of an event's payload size, so that its buffer rarely grows. */
    protected int sizeHint(LogEvent event) {
        return event instanceof LogEvent.Lines lines ? (int) (lines.chunk().end() - lines.chunk().start()) + 64 : 128;
    }

    /**
     * The frame of {@code event} for one connection: a duplicate of the shared frame for a chunk the feed shares,
     * a new buffer of {@code allocator}'s otherwise; null when nothing is sent for it. The caller writes it (or
     * releases it).
     */
    @Nullable
    final ByteBuf frame(LogEvent event, ByteBufAllocator allocator) {
        if (event instanceof LogEvent.Lines lines && lines.chunk().shared()) {
            return lines.chunk().encoded(sharedFrames).retainedDuplicate();
        }
        return seal(event, allocator.directBuffer(Framing.HEADROOM + sizeHint(event) + 2));
    }

    /** This transport sends a heartbeat on an idle connection. */
    final boolean beats() {
        return heartbeat != null;
    }

    /** A duplicate of the heartbeat frame (of a transport that {@linkplain #beats() beats}). */
    final ByteBuf heartbeat() {
        return heartbeat.retainedDuplicate();
    }

    /** The frame of {@code event} in {@code message}, or null (and {@code message} released) when nothing is sent. */
    @Nullable
    private ByteBuf seal(LogEvent event, ByteBuf message) {
        message.writerIndex(Framing.HEADROOM);
        if (event instanceof LogEvent.Lines lines) {
            lines(lines.chunk(), message);
        } else if (event instanceof LogEvent.Status status) {
            status(status.status(), status.exitCode(), message);
        } else if (event instanceof LogEvent.End end) {
            end(end.status(), end.exitCode(), message);
        } else {
            reset(message);
        }
        if (message.writerIndex() == Framing.HEADROOM) {
            message.release();
            return null;
        }
        framing.seal(message);
        return message;
    }

    /**
     * A frame kept with its chunk and written by every viewer: in memory of the JDK's, freed when the chunk is
     * collected, so that no viewer's duplicate can outlive it.
     */
    private ByteBuf sharedFrameOf(LogChunk chunk) {
        LogEvent.Lines lines = new LogEvent.Lines(chunk);
        ByteBuf message = seal(lines, Unpooled.buffer(Framing.HEADROOM + sizeHint(lines) + 2));
        try {
            return keep(message);
        } finally {
            message.release();
        }
    }

    private static ByteBuf heartbeatFrame(Framing framing, byte[] payload) {
        ByteBuf message = Unpooled.buffer(Framing.HEADROOM + payload.length + 2);
        message.writerIndex(Framing.HEADROOM).writeBytes(payload);
        framing.sealHeartbeat(message);
        return keep(message);
    }

    /**
     * A copy of {@code message} in direct memory that lives as long as it is referenced, and counts no references:
     * the viewers' duplicates, written on several event loops at once, share no counter.
     */
    private static ByteBuf keep(ByteBuf message) {
        ByteBuffer direct = ByteBuffer.allocateDirect(message.readableBytes());
        message.getBytes(message.readerIndex(), direct);
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct.flip()));
    }
}
