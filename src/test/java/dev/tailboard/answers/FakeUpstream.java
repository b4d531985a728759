package dev.tailboard.answers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP/1.1 server standing in for an OpenAI-compatible model server. Each request is answered by the
 * script the test set; the server writes chunked responses, one flushed chunk at a time, and can tell when
 * the client closed the connection (which plain HTTP server libraries hide).
 */
final class FakeUpstream implements AutoCloseable {

    interface Script {
        void respond(Exchange exchange) throws IOException, InterruptedException;
    }

    /** One request and its response. */
    static final class Exchange {
        final String requestLine;
        final Map<String, String> headers;
        final String body;
        final CountDownLatch closedByClient = new CountDownLatch(1);
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Exchange(Socket socket, InputStream in, String requestLine, Map<String, String> headers, String body) throws IOException {
            this.socket = socket;
            this.in = in;
            this.out = socket.getOutputStream();
            this.requestLine = requestLine;
            this.headers = headers;
            this.body = body;
        }

        void start(int status, String contentType) throws IOException {
            write("HTTP/1.1 " + status + " Status\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        }

        void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            write(Integer.toHexString(bytes.length) + "\r\n");
            out.write(bytes);
            write("\r\n");
        }

        void data(String json) throws IOException {
            chunk("data: " + json + "\n\n");
        }

        /** A {@code chat.completion.chunk} with this content (and finish reason, when not null). */
        void delta(String content, String finishReason) throws IOException {
            String delta = content == null ? "{}" : "{\"content\": \"" + content + "\"}";
            data("{\"id\": \"up-1\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"test-model\", "
                    + "\"choices\": [{\"index\": 0, \"delta\": " + delta + ", \"finish_reason\": "
                    + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}");
        }

        void finish() throws IOException {
            write("0\r\n\r\n");
        }

        /** Blocks until the client closes the connection. */
        void awaitClose() {
            try {
                while (in.read() >= 0) {
                    // the client sends nothing more; whatever comes is read until the end
                }
            } catch (IOException e) {
                // a reset is a close too
            }
            closedByClient.countDown();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
    private volatile Script script = exchange -> {
        exchange.start(500, "text/plain");
        exchange.chunk("no script");
        exchange.finish();
    };

    FakeUpstream() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "fake-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URL as OpenAI clients take it, ending in {@code /v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    void script(Script next) {
        exchanges.clear();
        script = next;
    }

    /** The next request the server got. */
    Exchange nextExchange() throws InterruptedException {
        Exchange exchange = exchanges.poll(15, java.util.concurrent.TimeUnit.SECONDS);
        if (exchange == null) {
            throw new AssertionError("no request reached the fake upstream");
        }
        return exchange;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> handle(socket), "fake-upstream-request");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            Exchange exchange = new Exchange(socket, in, requestLine, headers, new String(body, StandardCharsets.UTF_8));
            exchanges.add(exchange);
            script.respond(exchange);
        } catch (IOException e) {
            // the client went away mid-response: nothing to answer any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
