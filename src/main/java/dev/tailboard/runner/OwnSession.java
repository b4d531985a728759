package dev.tailboard.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a run's process in a session of its own (util-linux {@code setsid}), as CI runners do. A signal to the
 * server's process group — Ctrl+C in its terminal, {@code kill -- -PGID} — then reaches the server and not its
 * runs, so the server ends them itself and says why in their sidecars; a run killed by the same signal would
 * have ended before the server could tell. Without {@code setsid} (not Linux), runs start as plain children.
 */
final class OwnSession {

    private final Optional<Path> setsid = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    Process start(ProcessBuilder builder) throws IOException {
        if (setsid.isEmpty()) {
            return builder.start();
        }
        List<String> command = new ArrayList<>(List.of(setsid.get().toString(), "--wait", "--"));
        command.add(program(builder));
        command.addAll(builder.command().subList(1, builder.command().size()));
        return builder.command(command).start();
    }

    /**
     * The program found as the JDK finds it (the server's {@code PATH}), so that one that cannot start fails to
     * start here rather than inside {@code setsid}, whose complaint would land in the run's log.
     */
    private static String program(ProcessBuilder builder) throws IOException {
        String name = builder.command().get(0);
        Stream<Path> candidates = name.contains("/")
                ? Stream.of(builder.directory().toPath().resolve(name))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(folder -> !folder.isEmpty()).map(folder -> Path.of(folder, name));
        return candidates.filter(file -> Files.isRegularFile(file) && Files.isExecutable(file)).findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IOException("Cannot run program \"" + name + "\": not found or not executable"));
    }
}
