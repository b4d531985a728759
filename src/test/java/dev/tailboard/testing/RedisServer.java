package dev.tailboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free port, with nothing saved ({@code --save "" --appendonly no}), so that a
 * restart is empty. Stopped by its process id, never by name.
 */
public final class RedisServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** For {@code @EnabledIf}: cluster tests run where Debian's redis-server is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static RedisServer start() {
        RedisServer server = new RedisServer(JarServer.freePort());
        server.startAgain();
        return server;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts it (again) on the same port, empty. */
    public void startAgain() {
        try {
            process = new ProcessBuilder(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("redis-server on port " + port, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server on port " + port + " exited with " + process.exitValue());
            }
            return "+PONG".equals(command("PING"));
        });
    }

    /** Kills it with SIGKILL (what it held is lost) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("redis-server " + process.pid() + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Redis's answer to an inline command such as {@code DBSIZE}: a status or error line as sent ({@code +PONG},
     * {@code :1}), the text of a bulk string, or null when Redis is not up.
     */
    public String command(String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = line(in);
            return first.startsWith("$") && !first.equals("$-1") ? line(in) : first;
        } catch (IOException e) {
            return null;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
