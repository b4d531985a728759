package dev.tailboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of tailboard nodes, run from the repository's {@code docs/cluster/nginx.conf} with only its
 * ports changed, in its own folder ({@code -p}), in the foreground, stopped by its process id.
 */
public final class Nginx implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    public static final Path CONFIG = Path.of("docs/cluster/nginx.conf");

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** For {@code @EnabledIf}: where Debian's nginx is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts nginx in {@code folder} on {@code port}, balancing over the two nodes on {@code upstreams}. */
    public static Nginx start(Path folder, int port, List<Integer> upstreams) {
        try {
            Files.createDirectories(folder);
            String config = Files.readString(CONFIG);
            String ours = replaceOnce(replaceOnce(replaceOnce(config, "listen 8080;", "listen " + port + ";"),
                    "127.0.0.1:8081", "127.0.0.1:" + upstreams.get(0)), "127.0.0.1:8082", "127.0.0.1:" + upstreams.get(1));
            Path file = folder.resolve("nginx.conf");
            Files.writeString(file, ours);
            Path output = folder.resolve("nginx.out");
            Process process = new ProcessBuilder(BINARY.toString(), "-p", folder.toString(), "-c", file.toString(),
                    "-e", "stderr", "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            Await.until("nginx on port " + port + " (see " + output + ")", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx exited with " + process.exitValue() + ", see " + output);
                }
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            return new Nginx(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new AssertionError(CONFIG + " no longer has '" + from + "'");
        }
        return text.replace(from, to);
    }
}
