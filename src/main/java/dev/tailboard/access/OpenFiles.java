package dev.tailboard.access;

import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This process's open-files limits, soft and hard ({@code -1}: unknown). The JVM raises its soft limit to the hard
 * one as it starts (HotSpot's {@code MaxFDLimit}, on by default), so a soft limit below the hard one means that was
 * turned off; only {@code ulimit -n} before the start raises the hard one.
 */
record OpenFiles(long soft, long hard) {

    private static final Path LIMITS = Path.of("/proc/self/limits");

    static OpenFiles ofThisProcess() {
        long soft = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
        return new OpenFiles(soft, hardLimit().orElse(-1L));
    }

    /** From {@code Max open files  <soft>  <hard>  files}; Linux only. */
    private static Optional<Long> hardLimit() {
        try (var lines = Files.lines(LIMITS)) {
            return lines.filter(line -> line.startsWith("Max open files")).findFirst()
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+"))
                    .filter(fields -> fields.length >= 2 && fields[1].chars().allMatch(Character::isDigit))
                    .map(fields -> Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * How many connections fit beside what the server opens itself (its jars, logs being read, pipes of runs), so
     * that a flood of connections never leaves it unable to accept one more, or to open a log.
     */
    int connectionRoom(int wanted) {
        if (soft <= 0) {
            return wanted;
        }
        long room = soft - Math.max(64, soft / 4);
        return (int) Math.max(1, Math.min(wanted, room));
    }
}
