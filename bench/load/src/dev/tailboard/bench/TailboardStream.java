package dev.tailboard.bench;

/** tailboard's HTTP streaming: the raw bytes from {@code from}; the cursor is the offset of the bytes received. */
final class TailboardStream implements Protocol {

    private final Viewer viewer;
    private final Target target;
    private final Bytes partial = new Bytes();
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
            if (partial.length() > 0) {
                partial.append(buf, start, i - start);
                viewer.line(partial.array(), 0, partial.length(), now);
                offset += partial.length() + 1;
                partial.clear();
            } else {
                viewer.line(buf, start, i - start, now);
                offset += i - start + 1;
            }
            start = i + 1;
        }
        partial.append(buf, start, end - start);
        viewer.cursor(offset);
    }
}
