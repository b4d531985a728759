package dev.tailboard.bench;

/**
 * tailboard's long polling on one keep-alive connection: each answer's lines are taken, then the next
 * request asks from its {@code next}, waiting up to 30 s for news.
 */
final class TailboardLongPoll implements Protocol {

    private static final byte[] RESET_TRUE = "\"reset\":true".getBytes();

    private final Viewer viewer;
    private final Target target;
    private final Bytes answer = new Bytes();

    TailboardLongPoll(Viewer viewer, Target target) {
        this.viewer = viewer;
        this.target = target;
    }

    @Override
    public byte[] opening() {
        return request(viewer.cursor() >= 0 ? viewer.cursor() : viewer.startOffset());
    }

    private byte[] request(long from) {
        return target.get("/api/jobs/" + target.job() + "/log?from=" + from + "&wait=30");
    }

    @Override
    public boolean establishedOnSend() {
        return true;
    }

    @Override
    public boolean head(int status, Connection connection) {
        answer.clear();
        return status == 200;
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        answer.append(buf, off, len);
    }

    @Override
    public boolean responseEnd(long now, Connection connection) {
        byte[] json = answer.array();
        if (JsonScan.find(json, 0, answer.length(), RESET_TRUE) >= 0) {
            viewer.reset();
        }
        JsonScan.lines(json, 0, answer.length(), viewer, now);
        long next = JsonScan.number(json, 0, answer.length(), "next");
        answer.clear();
        if (next < 0) {
            return false;
        }
        viewer.cursor(next);
        connection.send(request(next));
        return true;
    }
}
