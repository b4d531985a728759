package dev.tailboard.bench;

/**
 * tailboard's server-sent events, as EventSource follows them: {@code log} events carry lines, the {@code id}
 * is the cursor, a reconnect sends it back as {@code Last-Event-ID}.
 */
final class TailboardSse implements Protocol {

    private final Viewer viewer;
    private final Target target;
    private final SseParser sse = new SseParser(this::event);

    TailboardSse(Viewer viewer, Target target) {
        this.viewer = viewer;
        this.target = target;
    }

    @Override
    public byte[] opening() {
        String path = "/api/jobs/" + target.job() + "/events?from=" + viewer.startOffset();
        return viewer.cursor() >= 0
                ? target.get(path, "Accept: text/event-stream", "Last-Event-ID: " + viewer.cursor())
                : target.get(path, "Accept: text/event-stream");
    }

    @Override
    public boolean head(int status, Connection connection) {
        return Protocol.expect(200, status, connection);
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        sse.feed(buf, off, len, now);
    }

    private void event(SseParser event, long now) {
        if (event.named("log")) {
            JsonScan.lines(event.data(), 0, event.dataLength(), viewer, now);
            viewer.cursor(event.lastId());
        } else if (event.named("reset")) {
            viewer.reset();
        }
    }
}
