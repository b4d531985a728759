package dev.tailboard;

import dev.tailboard.testing.JarServer;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.ServerProcess;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Both ways the README starts the server, run in a copy of the project, watch the project's top-level
 * {@code logs/}: {@code java -jar target/tailboard.jar} and {@code mvn mn:run} (whose plugin starts the server
 * in {@code target/}, where a {@code logs/} would vanish with {@code mvn clean}).
 */
class LogsFolderIT {

    @TempDir
    Path project;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void copyProject() throws Exception {
        // The pom and the compiled classes: mn:run finds nothing to compile and starts at once.
        Files.copy(Path.of("pom.xml"), project.resolve("pom.xml"));
        Files.createDirectories(project.resolve("target"));
        PathUtils.copyDirectory(Path.of("target/classes"), project.resolve("target/classes"),
                StandardCopyOption.COPY_ATTRIBUTES);
        new LogFolder(project.resolve("logs")).append("backend/42", "compiling…\n").finish("backend/42", "success", 0);
    }

    @Test
    void javaDashJarInTheProjectWatchesItsLogsFolder() {
        int port = JarServer.freePort();
        try (ServerProcess server = ServerProcess.start(List.of(ServerProcess.java(), "-Xmx256m",
                "-Dmicronaut.server.port=" + port, "-Dtailboard.demo.enabled=false", "-jar", JarServer.jar().toString()),
                project, port, project.resolve("jar.out"))) {
            assertEquals(200, status(port, "/api/jobs/backend/42"), server.output());
        }
    }

    @Test
    void mavenRunWatchesTheProjectsLogsFolderNotTargets() {
        int port = JarServer.freePort();
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-Dmaven.compiler.useIncrementalCompilation=false",
                "-Dmn.watch=false", "-Dmn.jvmArgs=-Xmx256m", "-Dmicronaut.server.port=" + port,
                "-Dtailboard.demo.enabled=false"));
        String repository = System.getProperty("tailboard.mvn.repository", "");
        if (!repository.isEmpty()) {
            mvn.add("-Dmaven.repo.local=" + repository);
        }
        mvn.add("mn:run");
        try (ServerProcess server = ServerProcess.start(mvn, project, port, project.resolve("mvn.out"))) {
            assertEquals(200, status(port, "/api/jobs/backend/42"), server.output());
            assertFalse(Files.exists(project.resolve("target/logs")), "a logs folder in target/");
        }
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
