package dev.tailboard.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A server-sent events viewer on a bare socket, for tests of what the network does to a viewer: it may stop
 * reading (its small receive buffer fills, the server has to wait), vanish with a reset, or read on later.
 */
public final class RawSse implements AutoCloseable {

    /** One event: its {@code id}, name and data (null when absent). */
    public record Event(String id, String event, String data) {
    }

    private final Socket socket;
    private final InputStream in;
    private int chunkLeft;

    private RawSse(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1024);
    }

    /**
     * Connects with a receive buffer of {@code receiveBuffer} bytes and sends the request (accepting an event stream
     * unless {@code headers} say otherwise); nothing is read yet.
     */
    public static RawSse request(int port, String target, int receiveBuffer, String... headers) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBuffer);
            socket.setSoTimeout((int) Await.DEADLINE.toMillis());
            socket.connect(new InetSocketAddress("localhost", port));
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
            if (Arrays.stream(headers).noneMatch(header -> header.regionMatches(true, 0, "Accept:", 0, 7))) {
                request.append("Accept: text/event-stream\r\n");
            }
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new RawSse(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the status line and headers; the status. */
    public int head() throws IOException {
        String status = line(in);
        String header;
        do {
            header = line(in);
        } while (!header.isEmpty());
        return Integer.parseInt(status.substring(9, 12));
    }

    /** The next event (comments skipped), or null at the end of the stream. */
    public Event next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        while (true) {
            String line = bodyLine();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, event == null ? "message" : event, data.toString());
                }
                id = null;
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
    }

    /** Leaves without a word: a TCP reset, as when a laptop's network drops. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    /** One line of the chunked body (of any response, an event stream or not), or null at its end. */
    public String bodyLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = bodyByte();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private int bodyByte() throws IOException {
        if (chunkLeft == 0) {
            String size = line(in);
            if (size != null && size.isEmpty()) {
                size = line(in);
            }
            if (size == null || size.isEmpty()) {
                return -1;
            }
            chunkLeft = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
            if (chunkLeft == 0) {
                return -1;
            }
        }
        int b = in.read();
        if (b >= 0) {
            chunkLeft--;
        }
        return b;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
