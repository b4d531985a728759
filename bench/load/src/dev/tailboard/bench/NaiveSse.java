package dev.tailboard.bench;

/** The tutorial {@code tail -f} server's events: each {@code data:} line is a log line; it sends no ids. */
final class NaiveSse implements Protocol {

    private final Viewer viewer;
    private final Target target;
    private final SseParser sse = new SseParser(this::event);

    NaiveSse(Viewer viewer, Target target) {
        this.viewer = viewer;
        this.target = target;
    }

    @Override
    public byte[] opening() {
        return target.get("/events", "Accept: text/event-stream");
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
        byte[] data = event.data();
        int start = 0;
        for (int i = 0; i <= event.dataLength(); i++) {
            if (i == event.dataLength() || data[i] == '\n') {
                viewer.line(data, start, i - start, now);
                start = i + 1;
            }
        }
    }
}
