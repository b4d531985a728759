package dev.tailboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand on a socket: the request target goes on the wire exactly as given (no client
 * normalises {@code ..}, decodes {@code %2F} or refuses a backslash), and the whole answer is read back.
 */
public final class RawHttp {

    /** A response as it came: status, head (status line and headers) and body (chunked bodies left as sent). */
    public record Response(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public boolean isJson() {
            String type = header("content-type");
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
        }
    }

    private RawHttp() {
    }

    /** {@code GET target} with {@code Connection: close} and the given header lines. */
    public static Response get(int port, String target, String... headers) {
        return exchange(port, "GET " + target + " HTTP/1.1\r\n" + head(port, headers) + "\r\n", new byte[0]);
    }

    public static Response post(int port, String target, String contentType, byte[] body, String... headers) {
        String request = "POST " + target + " HTTP/1.1\r\n" + head(port, headers)
                + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return exchange(port, request, body);
    }

    /** {@code Host: localhost:port} unless {@code headers} name another. */
    private static String head(int port, String... headers) {
        boolean named = Arrays.stream(headers).anyMatch(header -> header.regionMatches(true, 0, "Host:", 0, 5));
        StringBuilder head = new StringBuilder(named ? "" : "Host: localhost:" + port + "\r\n").append("Connection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.toString();
    }

    /** Sends {@code head} and {@code body}, reads until the server closes (or {@link Await#DEADLINE} passes). */
    public static Response exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) Await.DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            writeQuietly(out, body);
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server may answer (413, say) and close before it read the whole body; that is its right. */
    private static void writeQuietly(OutputStream out, byte[] body) {
        try {
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the answer is read below
        }
    }

    /** Reads until the server closes, or the response is complete (a kept-alive connection stays open). */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while (!isComplete(all) && (read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within " + Await.DEADLINE
                    + "; got: " + all.toString(StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            // a reset after the answer: what arrived is the answer
        }
        return all.toByteArray();
    }

    private static boolean isComplete(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Response head = new Response(0, text.substring(0, end), "");
        String length = head.header("content-length");
        if (length != null) {
            return text.length() - end - 4 >= Long.parseLong(length);
        }
        return "chunked".equalsIgnoreCase(head.header("transfer-encoding")) && text.endsWith("\r\n0\r\n\r\n");
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP response: " + text);
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        return new Response(Integer.parseInt(text.substring(9, 12)), head, body);
    }
}
