package dev.tailboard.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The system under test: where it listens, the job id it serves the log as, and the log file itself. */
record Target(String host, int port, String job, String file) {

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** frontail's socket.io namespace: the MD5 of its file arguments joined by spaces. */
    String frontailNamespace() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(file.getBytes(StandardCharsets.UTF_8));
            return "/" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] get(String path, String... headers) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
