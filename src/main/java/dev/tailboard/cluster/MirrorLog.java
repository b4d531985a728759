package dev.tailboard.cluster;

import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.Sidecar;
import dev.tailboard.jobs.SidecarFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * This node's copy of another node's log: a file byte for byte equal to what that node has published, appended
 * to as Redis delivers it, with a sidecar of the published fields. Every reader of the job reads this file as it
 * would read a log of its own folder. The copy survives a restart of this node; the epoch it holds is kept beside
 * it ({@code .<name>.epoch}), so that a log its node published again (Redis restarted, the file was replaced) is
 * compared with the copy before anything more is appended, and replaced when it differs.
 */
final class MirrorLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorLog.class);

    /** What an entry of the log's stream did to the copy. */
    enum Taken { HELD, WRITTEN, GAP, DIFFERS }

    final JobId id;
    final String node;
    private final Path log;
    private final Path sidecarFile;
    private final Path epochFile;
    private final SidecarFiles sidecars;
    private FileChannel channel;
    private long size;
    private String epoch;
    /** While at least 0: the stream of a new epoch is being compared with the bytes held, this far. */
    private long checked = -1;
    /** How far the node has published, as far as this node knows. */
    private long end;
    private boolean finalStatus;
    private Sidecar sidecar;
    private Sidecar written;
    private long updated;
    private boolean touched;

    private MirrorLog(JobId id, String node, Path folder, SidecarFiles sidecars) throws IOException {
        this.id = id;
        this.node = node;
        this.log = id.logFile(folder);
        this.sidecarFile = id.sidecarFile(folder);
        this.epochFile = epochFile(log, id);
        this.sidecars = sidecars;
        Files.createDirectories(log.getParent());
        this.channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.size = channel.size();
        this.epoch = readEpoch();
    }

    /** Opens (or creates) the copy of {@code node}'s log {@code id} in {@code folder}. */
    static MirrorLog open(JobId id, String node, Path folder, SidecarFiles sidecars) throws IOException {
        return new MirrorLog(id, node, folder, sidecars);
    }

    /** What the job's hash says now. */
    void describe(String newEpoch, long publishedEnd, Sidecar newSidecar, boolean isFinal) {
        if (newEpoch.equals(epoch)) {
            end = Math.max(publishedEnd, end);
        } else {
            epoch = newEpoch;
            end = publishedEnd;
            checked = 0;
            settleCheck();
        }
        finalStatus = isFinal;
        sidecar = newSidecar;
        touched = true;
    }

    /** Where the next entry this copy needs starts: past the bytes held, or past those compared so far. */
    long readFrom() {
        return checked >= 0 ? checked : size;
    }

    /** True when Redis holds more of the log than this copy has read. */
    boolean behind() {
        return readFrom() < end;
    }

    /** True when the job is final and everything is held: nothing more will come. */
    boolean complete() {
        return finalStatus && checked < 0 && size >= end;
    }

    /** Takes one entry of the stream: the bytes {@code [start, start + data.length)}, seen by the node at {@code time}. */
    Taken take(long start, byte[] data, long time) throws IOException {
        long entryEnd = start + data.length;
        if (start > readFrom()) {
            return Taken.GAP;
        }
        if (checked >= 0) {
            long from = Math.max(start, checked);
            long to = Math.min(entryEnd, size);
            if (from < to && !sameAsHeld(from, Arrays.copyOfRange(data, (int) (from - start), (int) (to - start)))) {
                return Taken.DIFFERS;
            }
            checked = Math.max(checked, to);
            settleCheck();
        }
        end = Math.max(end, entryEnd);
        if (entryEnd <= size) {
            return Taken.HELD;
        }
        ByteBuffer rest = ByteBuffer.wrap(data, (int) (size - start), (int) (entryEnd - size));
        while (rest.hasRemaining()) {
            channel.write(rest, start + rest.position());
        }
        size = entryEnd;
        updated = Math.max(updated, time);
        touched = true;
        return Taken.WRITTEN;
    }

    /** The copy differs from what its node publishes now: start it again, empty, as a new file. */
    void replace() throws IOException {
        Path temp = log.resolveSibling("." + id.name() + ".new");
        Files.write(temp, new byte[0]);
        Files.move(temp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel.close();
        channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE);
        LOG.info("The copy of {}'s log {} differed from what {} publishes now; it is fetched again", node, id, node);
        size = 0;
        checked = -1;
        writeEpoch();
    }

    /**
     * Makes the files say what was taken: the log's time is its node's, and the sidecar is written once the copy
     * holds every byte published before it (a final status before its last lines would end streams too early).
     * True when anything changed.
     */
    boolean settle() throws IOException {
        if (!touched) {
            return false;
        }
        touched = false;
        if (updated > 0) {
            Files.setLastModifiedTime(log, FileTime.fromMillis(updated));
        }
        if (sidecar != null && !sidecar.equals(written) && (!finalStatus || complete())) {
            sidecars.write(sidecarFile, sidecar);
            written = sidecar;
        }
        return true;
    }

    /** Removes the copy's files. */
    void delete() throws IOException {
        close();
        delete(log, id);
    }

    /** Removes the files of the copy whose log is {@code log}, open or not. */
    static void delete(Path log, JobId id) throws IOException {
        Files.deleteIfExists(log);
        Files.deleteIfExists(log.resolveSibling(id.name() + ".json"));
        Files.deleteIfExists(epochFile(log, id));
    }

    private static Path epochFile(Path log, JobId id) {
        return log.resolveSibling("." + id.name() + ".epoch");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void settleCheck() {
        if (checked >= size) {
            checked = -1;
            writeEpoch();
        }
    }

    private boolean sameAsHeld(long position, byte[] expected) throws IOException {
        ByteBuffer held = ByteBuffer.allocate(expected.length);
        while (held.hasRemaining() && channel.read(held, position + held.position()) > 0) {
            // reads the whole range
        }
        return Arrays.equals(held.array(), expected);
    }

    private String readEpoch() throws IOException {
        try {
            return Files.readString(epochFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void writeEpoch() {
        try {
            Files.writeString(epochFile, epoch, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot note which epoch the copy {} holds: {}", log, e.toString());
        }
    }

    @Override
    public String toString() {
        return "MirrorLog[" + node + ":" + id + ", " + size + " bytes]";
    }
}
