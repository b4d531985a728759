package dev.tailboard.bench;

/**
 * Server-sent events whose {@code data:} lines are log lines, without resumable ids: the tutorial {@code tail -f}
 * server ({@code /events/<job>}) and nchan's EventSource subscribers ({@code /sub/<job>}).
 */
final class NaiveSse implements Protocol {

    private final Viewer viewer;
    private final Target target;
    private final String path;
    private final SseParser sse = new SseParser(this::event);

    private NaiveSse(Viewer viewer, Target target, String path) {
        this.viewer = viewer;
        this.target = target;
        this.path = path;
    }

    static NaiveSse tutorial(Viewer viewer, Target target) {
        return new NaiveSse(viewer, target, "/events/" + target.job());
    }

    static NaiveSse nchan(Viewer viewer, Target target) {
        return new NaiveSse(viewer, target, "/sub/" + target.job());
    }

    @Override
    public byte[] opening() {
        return target.get(path, "Accept: text/event-stream");
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
