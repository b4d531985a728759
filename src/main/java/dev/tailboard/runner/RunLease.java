package dev.tailboard.runner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The server process that runs a run, named by its process id and start time (a process id alone may have
 * been given to another process since).
 */
@Serdeable
record RunLease(long serverPid, @Nullable String serverStartedAt) {

    /** Start times are derived from the boot time, which the kernel may report a little differently later. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    static RunLease ofThisServer() {
        ProcessHandle self = ProcessHandle.current();
        return new RunLease(self.pid(), self.info().startInstant().map(Instant::toString).orElse(null));
    }

    boolean serverAlive() {
        if (serverPid <= 0) {
            return false;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive);
        if (server.isEmpty() || serverStartedAt == null) {
            return server.isPresent();
        }
        Instant recorded = Instant.parse(serverStartedAt);
        return server.get().info().startInstant()
                .map(started -> Duration.between(started, recorded).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(true);
    }
}
