package dev.tailboard.bench;

/** tailboard's WebSocket: JSON text frames, {@code log} ones with lines and {@code next}; a reconnect sends {@code from=next}. */
final class TailboardWebSocket implements Protocol {

    private static final byte[] LOG_TYPE = "\"type\":\"log\"".getBytes();
    private static final byte[] RESET_TYPE = "\"type\":\"reset\"".getBytes();

    private final Viewer viewer;
    private final Target target;
    private final WebSocketFrames frames = new WebSocketFrames(this::message);

    TailboardWebSocket(Viewer viewer, Target target) {
        this.viewer = viewer;
        this.target = target;
    }

    @Override
    public byte[] opening() {
        long from = viewer.cursor() >= 0 ? viewer.cursor() : viewer.startOffset();
        return WebSocketFrames.upgrade(target, "/ws/jobs/" + target.job() + "?from=" + from);
    }

    @Override
    public boolean head(int status, Connection connection) {
        return Protocol.expect(101, status, connection);
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        frames.feed(buf, off, len, now, connection);
    }

    private void message(byte[] data, int length, long now) {
        if (JsonScan.find(data, 0, Math.min(length, 64), LOG_TYPE) >= 0) {
            JsonScan.lines(data, 0, length, viewer, now);
            viewer.cursor(JsonScan.number(data, 0, length, "next"));
        } else if (JsonScan.find(data, 0, length, RESET_TYPE) >= 0) {
            viewer.reset();
        }
    }
}
