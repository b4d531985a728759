package dev.tailboard.hardening;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.tailboard.testing.JarServer;
import dev.tailboard.testing.ServerProcess;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flood as it was reported: the real jar under an open-files limit of 1,024, and 1,100 connections that send
 * nothing. {@code /health} and the API must answer at once — before the silent ones time out (the client gives up
 * sooner than the 30 s request timeout).
 */
class OpenFilesFloodIT {

    @TempDir
    Path base;

    @Test
    void theServerAnswersWhileMoreSilentConnectionsAreOpenThanItHasFiles() throws IOException {
        int openFiles = 1024;
        int silentCount = 1100;
        assertTrue(ownOpenFilesLimit() > silentCount + 256, "this test opens " + silentCount + " sockets itself");
        LogFolder logs = new LogFolder(base.resolve("logs"));
        logs.append("a", "one\n").finish("a", "success", 0);
        int port = JarServer.freePort();
        try (ServerProcess server = JarServer.start(logs.root(), port, base.resolve("server.out"), openFiles)) {
            assertTrue(server.output().contains("Open files: limit " + openFiles), server::output);
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < silentCount; i++) {
                    silent.add(new Socket(InetAddress.getLoopbackAddress(), port));
                }
                long started = System.nanoTime();
                RawHttp.Response health = RawHttp.get(port, "/health");
                assertEquals(200, health.status(), health::head);
                RawHttp.Response jobs = RawHttp.get(port, "/api/jobs");
                assertEquals(200, jobs.status(), jobs::head);
                assertTrue(jobs.body().contains("\"id\":\"a\""), jobs::body);
                System.out.printf("figure: with %,d silent connections open against a limit of %,d open files, /health and "
                        + "/api/jobs answered in %d ms%n", silentCount, openFiles, (System.nanoTime() - started) / 1_000_000);
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
            assertFalse(server.output().contains("Too many open files"), server::output);
        }
    }

    private static long ownOpenFilesLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }
}
