package dev.tailboard.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A log's arrival times on disk, beside the log: a header (a magic number and the offset before which bytes
 * have no time) and then one fixed-size record per point, {@code end} and epoch millis, so that the last point
 * can be rewritten in place. Never opened for long: a write or a read opens and closes it.
 */
final class TimesFile {

    private static final Logger LOG = LoggerFactory.getLogger(TimesFile.class);
    private static final long MAGIC = 0x7462_7469_6d65_7331L; // "tbtimes1"
    static final int HEADER_BYTES = 16;
    static final int POINT_BYTES = 16;

    /** What a file holds: the offset bytes are timed from, how many points, and its last two points. */
    record Contents(long timedFrom, int count, long[] ends, long[] times) {
    }

    private final Path path;

    TimesFile(Path path) {
        this.path = path;
    }

    /** The file's header and its last two points; null when there is no readable file. */
    Contents readTail() {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                return null;
            }
            ByteBuffer header = read(channel, 0, HEADER_BYTES);
            if (header.getLong() != MAGIC) {
                LOG.warn("{} is not a tailboard times file; its log's earlier times are forgotten", path);
                return null;
            }
            long timedFrom = header.getLong();
            // a torn last record (a crash while writing it) is left out
            int count = (int) Math.min(Integer.MAX_VALUE, (size - HEADER_BYTES) / POINT_BYTES);
            int tail = Math.min(count, 2);
            ByteBuffer points = read(channel, position(count - tail), tail * POINT_BYTES);
            long[] ends = new long[tail];
            long[] times = new long[tail];
            for (int i = 0; i < tail; i++) {
                ends[i] = points.getLong();
                times[i] = points.getLong();
            }
            return new Contents(timedFrom, count, ends, times);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", path, e.toString());
            return null;
        }
    }

    /**
     * Writes points from {@code index} on, each given as its end and its time; point 0 writes the header too.
     * False when the disk refused it.
     */
    boolean write(long timedFrom, int index, long... endsAndTimes) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int pointBytes = endsAndTimes.length * Long.BYTES;
            ByteBuffer buffer;
            long at;
            if (index == 0) {
                buffer = ByteBuffer.allocate(HEADER_BYTES + pointBytes).putLong(MAGIC).putLong(timedFrom);
                at = 0;
            } else {
                buffer = ByteBuffer.allocate(pointBytes);
                at = position(index);
            }
            for (long value : endsAndTimes) {
                buffer.putLong(value);
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer, at + buffer.position());
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", path, e.toString());
            return false;
        }
    }

    /** The time of the first of points {@code [0, count)} whose end is at or past {@code end}; null when none is. */
    Long timeAt(long end, int count) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int low = 0;
            int high = count;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (read(channel, position(mid), Long.BYTES).getLong() < end) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low == count ? null : read(channel, position(low) + Long.BYTES, Long.BYTES).getLong();
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", path, e.toString());
            return null;
        }
    }

    /** Points {@code [0, count)} whose end is past {@code from}, each {@code [end, time]}. */
    List<long[]> pointsAfter(long from, int count) {
        List<long[]> points = new ArrayList<>();
        if (count == 0) {
            return points;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer all = read(channel, HEADER_BYTES, count * POINT_BYTES);
            for (int i = 0; i < count; i++) {
                long end = all.getLong();
                long time = all.getLong();
                if (end > from) {
                    points.add(new long[] {end, time});
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", path, e.toString());
        }
        return points;
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", path, e.toString());
        }
    }

    private static long position(int index) {
        return HEADER_BYTES + (long) index * POINT_BYTES;
    }

    private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the times file ends early");
            }
        }
        return buffer.flip();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
