package dev.tailboard.web;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.JarServer;
import dev.tailboard.testing.ServerProcess;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.Nginx;
import dev.tailboard.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cluster as a user deploys it: the real jar as two nodes over a real redis-server, nginx in front with the
 * repository's {@code docs/cluster/nginx.conf}, and a headless Chromium following a live log through nginx. The
 * node serving the page's stream is killed; the page reconnects through nginx to the other node, and in the end
 * shows every line exactly once.
 */
@EnabledIf("available")
class ClusterViewerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern VIEWERS = Pattern.compile("\"viewers\"\\s*:\\s*(\\d+)");

    @TempDir
    Path base;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private RedisServer redis;
    private final ServerProcess[] nodes = new ServerProcess[2];
    private final int[] ports = {JarServer.freePort(), JarServer.freePort()};

    static boolean available() {
        return Browser.available() && RedisServer.available() && Nginx.available();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        Collections.reverse(started);
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    void thePageReconnectsThroughNginxToTheOtherNodeWithEveryLineOnce() {
        redis = keep(RedisServer.start());
        LogFolder logs = new LogFolder(base.resolve("a"));
        logs.sidecar("nightly", LogViewerBrowserTest.RUNNING);
        logs.append("nightly", LogFolder.lines("line ", 1, 50));
        startNode(0, "first");
        startNode(1, "first");
        Nginx nginx = keep(Nginx.start(base.resolve("nginx"), JarServer.freePort(), List.of(ports[0], ports[1])));
        Await.until("node b to list the job", DEADLINE, () -> get(uri(1, "/api/jobs/nightly")).contains("\"node\":\"a\""));

        Browser browser = keep(new Browser());
        browser.recordLiveLines();
        browser.open(nginx.uri("/jobs/nightly").toString());
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        logs.append("nightly", LogFolder.lines("line ", 51, 10));
        browser.until(d -> browser.inView(60));

        // the page is on one node: kill it; the page goes on on the other, which is then killed in turn
        String first = killServingNode(browser, logs, 61, "second");
        String second = killServingNode(browser, logs, 91, "third");
        logs.append("nightly", LogFolder.lines("line ", 121, 10));
        logs.finish("nightly", "success", 0);
        browser.until(d -> "ended: success (exit 0)".equals(browser.one("#conn").getText()));
        browser.until(d -> browser.inView(130));

        assertEquals(LongStream.rangeClosed(51, 130).boxed().toList(), browser.liveLines(), "each line once, in order");
        SortedMap<Long, String> seen = browser.collectLines(1);
        assertEquals(130, seen.size());
        seen.forEach((line, text) -> assertEquals("line " + line, text));
        System.out.printf("figure: through nginx, node %s then node %s was killed with kill -9 under the page; each time "
                + "it went on on the other node, with every line exactly once%n", first, second);
    }

    /**
     * Kills the node serving the page's stream while the build writes 30 lines, and starts it again; the page goes
     * on on the other node meanwhile. Answers the killed node's name.
     */
    private String killServingNode(Browser browser, LogFolder logs, int firstLine, String run) {
        int serving = Await.value("the node serving the page's stream", () -> viewers(0) > 0 ? Integer.valueOf(0)
                : viewers(1) > 0 ? Integer.valueOf(1) : null);
        int other = 1 - serving;
        nodes[serving].close();
        logs.append("nightly", LogFolder.lines("line ", firstLine, 20));
        Await.until("the page to follow on the other node", DEADLINE, () -> viewers(other) > 0);
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        if (serving == 1) {
            browser.until(d -> browser.inView(firstLine + 19)); // the other node holds the file: the lines come at once
        }
        startNode(serving, run);
        browser.until(d -> browser.inView(firstLine + 19));
        logs.append("nightly", LogFolder.lines("line ", firstLine + 20, 10));
        browser.until(d -> browser.inView(firstLine + 29));
        return serving == 0 ? "a" : "b";
    }

    /** Node a holds the log; node b has an empty folder and serves viewers only. */
    private void startNode(int index, String run) {
        String name = index == 0 ? "a" : "b";
        nodes[index] = JarServer.start(base.resolve(name), ports[index], base.resolve(name + "-" + run + ".out"), 0,
                "tailboard.cluster.redis-uri=" + redis.uri(), "tailboard.cluster.node-name=" + name,
                "tailboard.retry=500ms");
    }

    private URI uri(int node, String path) {
        return URI.create("http://localhost:" + ports[node] + path);
    }

    private int viewers(int index) {
        Matcher matcher = VIEWERS.matcher(get(uri(index, "/health")));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private String get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        started.add(closeable);
        return closeable;
    }
}
