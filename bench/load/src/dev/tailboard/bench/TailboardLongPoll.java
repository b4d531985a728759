package dev.tailboard.bench;

import java.util.Arrays;

/**
 * tailboard's long polling on one keep-alive connection: each answer's lines are taken, then the next
 * request asks from its {@code next}, waiting up to 30 s for news.
 */
final class TailboardLongPoll implements Protocol {

    private static final byte[] RESET_TRUE = "\"reset\":true".getBytes();

    private final Viewer viewer;
    private final Target target;
    private byte[] answer = new byte[1024];
    private int answerLength;

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
        answerLength = 0;
        return status == 200;
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        if (answerLength + len > answer.length) {
            answer = Arrays.copyOf(answer, Math.max(answer.length * 2, answerLength + len));
        }
        System.arraycopy(buf, off, answer, answerLength, len);
        answerLength += len;
    }

    @Override
    public boolean responseEnd(long now, Connection connection) {
        if (JsonScan.find(answer, 0, answerLength, RESET_TRUE) >= 0) {
            viewer.reset();
        }
        JsonScan.lines(answer, 0, answerLength, viewer, now);
        long next = JsonScan.number(answer, 0, answerLength, "next");
        if (next < 0) {
            return false;
        }
        viewer.cursor(next);
        connection.send(request(next));
        return true;
    }
}
