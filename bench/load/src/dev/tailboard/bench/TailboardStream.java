package dev.tailboard.bench;

import java.util.Arrays;

/** tailboard's HTTP streaming: the raw bytes from {@code from}; the cursor is the offset of the bytes received. */
final class TailboardStream implements Protocol {

    private final Viewer viewer;
    private final Target target;
    private byte[] partial = new byte[256];
    private int partialLength;
    private long offset;

    TailboardStream(Viewer viewer, Target target) {
        this.viewer = viewer;
        this.target = target;
    }

    @Override
    public byte[] opening() {
        offset = viewer.cursor() >= 0 ? viewer.cursor() : viewer.startOffset();
        return target.get("/api/jobs/" + target.job() + "/stream?from=" + offset);
    }

    @Override
    public boolean head(int status, Connection connection) {
        return Protocol.expect(200, status, connection);
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (partialLength > 0) {
                keep(buf, start, i - start);
                viewer.line(partial, 0, partialLength, now);
                offset += partialLength + 1;
                partialLength = 0;
            } else {
                viewer.line(buf, start, i - start, now);
                offset += i - start + 1;
            }
            start = i + 1;
        }
        keep(buf, start, end - start);
        viewer.cursor(offset);
    }

    private void keep(byte[] buf, int off, int len) {
        if (partialLength + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + len));
        }
        System.arraycopy(buf, off, partial, partialLength, len);
        partialLength += len;
    }
}
