package dev.tailboard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server costs, read from {@code /proc}: memory and CPU of its whole process tree (the tutorial
 * server's {@code tail} processes are part of its cost), sampled once a second for the peak.
 */
final class ServerProbe implements AutoCloseable {

    private static final long PAGE = 4096;
    private static final double TICKS_PER_SECOND = 100;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** One look at the tree. */
    record Sample(long rssBytes, double cpuSeconds, int processes) {
    }

    private final long pid;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "server-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long peakRss;

    ServerProbe(long pid) {
        this.pid = pid;
        sampler.scheduleAtFixedRate(() -> peakRss = Math.max(peakRss, sample().rssBytes()), 0, 1, TimeUnit.SECONDS);
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    /** The highest tree RSS seen, or the root's own high-water mark if that is higher. */
    long peakRss() {
        return Math.max(peakRss, statusKb("VmHWM") * 1024);
    }

    Sample sample() {
        long rss = 0;
        double ticks = 0;
        List<Long> tree = tree();
        for (long process : tree) {
            String[] fields = stat(process);
            if (fields == null) {
                continue;
            }
            rss += Long.parseLong(fields[21]) * PAGE;
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (process == pid) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
        }
        return new Sample(rss, ticks / TICKS_PER_SECOND, tree.size());
    }

    /** Proportional set size of the tree: shared pages (libc of a thousand {@code tail}s) counted once. */
    long pss() {
        long total = 0;
        for (long process : tree()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        total += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return total;
    }

    /** The Java heap in use after a full collection, through {@code jcmd}; empty for a server not on a JVM. */
    OptionalLong heapAfterGc() {
        try {
            if (!Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim().equals("java")) {
                return OptionalLong.empty();
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        command("timeout", "60", "jcmd", Long.toString(pid), "GC.run");
        Matcher used = HEAP_USED.matcher(command("timeout", "60", "jcmd", Long.toString(pid), "GC.heap_info"));
        return used.find() ? OptionalLong.of(Long.parseLong(used.group(1)) * 1024) : OptionalLong.empty();
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /**
     * inotify instances open on the machine: all its users here are root, whose limit is 128; past it a
     * {@code tail -f} falls back to polling once a second.
     */
    static int inotifyInstances() {
        int count = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify")) {
                            count++;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile, or its descriptors are not ours to read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return count;
    }

    /** The root and all its descendants. */
    private List<Long> tree() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long child = Long.parseLong(process.getFileName().toString());
                String[] fields = stat(child);
                if (fields != null) {
                    children.computeIfAbsent(Long.parseLong(fields[1]), key -> new ArrayList<>()).add(child);
                }
            }
        } catch (IOException e) {
            return List.of(pid);
        }
        List<Long> tree = new ArrayList<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            long next = todo.poll();
            tree.add(next);
            todo.addAll(children.getOrDefault(next, List.of()));
        }
        return tree;
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: [0] is the state, [1] the parent. */
    private static String[] stat(long process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Runs a command that bounds its own time (callers wrap it in {@code timeout}) and returns its output. */
    static String command(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
