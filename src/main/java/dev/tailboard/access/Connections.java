package dev.tailboard.access;

import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections, and how many may be served at once: {@code tailboard.max-connections}, or fewer when the
 * open-files limit leaves less room. A connection beyond the limit first makes room by closing one that is only
 * waiting (it sent nothing yet, half a request, or is idle between requests) — as a flood of silent connections
 * would otherwise lock everyone out; only when every connection is being served is the new one refused. They are
 * counted as they are accepted, so that a burst is seen before the connections are set up.
 */
@Singleton
public class Connections {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    /** How many waiting connections are compared to find the one that waited longest. */
    private static final int SAMPLE = 16;

    private final int limit;
    private final int ceiling;
    private final AtomicInteger open = new AtomicInteger();
    /** Closed, but perhaps still holding their file: NIO frees it at the next select of its event loop. */
    private final AtomicInteger closing = new AtomicInteger();
    private final Set<ConnectionWatch> watches = ConcurrentHashMap.newKeySet();

    public Connections(ConnectionSettings settings) {
        OpenFiles files = OpenFiles.ofThisProcess();
        this.limit = files.connectionRoom(settings.getMaxConnections());
        this.ceiling = limit + Math.max(16, limit / 8);
        LOG.info("Open files: limit {} (hard limit {}); serving at most {} connections at once{}", files.soft(),
                files.hard() < 0 ? "unknown" : files.hard(), limit, limit < settings.getMaxConnections()
                        ? " (the rest of the open files are kept for logs and the server itself; raise the limit with "
                        + "'ulimit -n' before starting for more)" : "");
        if (files.soft() > 0 && files.soft() < files.hard()) {
            LOG.warn("The open-files limit {} is below the hard limit {}: the JVM raises it unless -XX:-MaxFDLimit is set",
                    files.soft(), files.hard());
        }
    }

    public int limit() {
        return limit;
    }

    public int open() {
        return open.get();
    }

    /**
     * Too many connections accepted and not closed yet, or closed so recently that they may still hold their file
     * (the ones closed to make room, say): accepting waits, so that a burst never takes the last open files.
     */
    boolean crowded() {
        return open.get() + closing.get() >= ceiling;
    }

    /** Counts a connection in as it is accepted, until it is closed and its event loop has selected again. */
    void accepted(Channel connection) {
        open.incrementAndGet();
        connection.closeFuture().addListener(closed -> {
            closing.incrementAndGet();
            open.decrementAndGet();
            // a task scheduled on its own loop runs after that loop's next select, which frees the file
            connection.eventLoop().schedule(closing::decrementAndGet, 1, TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Watches a connection set up after it was accepted; false when it is beyond the limit and no waiting connection
     * could make room for it.
     */
    boolean watch(ConnectionWatch watch) {
        boolean within = open.get() <= limit || closeOneWaiting();
        watches.add(watch);
        return within;
    }

    void unwatch(ConnectionWatch watch) {
        watches.remove(watch);
    }

    /** Closes the connection that waited longest among a few; a few tries, as one may start a request meanwhile. */
    private boolean closeOneWaiting() {
        for (int attempt = 0; attempt < 3; attempt++) {
            ConnectionWatch longest = null;
            long longestSince = 0;
            int seen = 0;
            for (ConnectionWatch watch : watches) {
                long since = watch.waitingSince();
                if (since == ConnectionWatch.SERVING) {
                    continue;
                }
                if (longest == null || since - longestSince < 0) {
                    longest = watch;
                    longestSince = since;
                }
                if (++seen == SAMPLE) {
                    break;
                }
            }
            if (longest == null) {
                return false;
            }
            if (longest.evict(longestSince)) {
                return true;
            }
        }
        return false;
    }
}
