package dev.tailboard.bench;

/** A plain download of {@code /api/jobs/{id}/raw}: bytes are counted, nothing parsed; the yardstick for catch-up. */
final class RawDownload implements Protocol, Connection.Observer {

    private final Target target;
    private volatile long bytes;
    private volatile long finishedAt;
    private volatile boolean failed;

    RawDownload(Target target) {
        this.target = target;
    }

    long bytes() {
        return bytes;
    }

    long finishedAt() {
        return finishedAt;
    }

    boolean done() {
        return finishedAt != 0 || failed;
    }

    @Override
    public byte[] opening() {
        return target.get("/api/jobs/" + target.job() + "/raw");
    }

    @Override
    public boolean head(int status, Connection connection) {
        connection.established();
        return status == 200;
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        bytes += len;
    }

    @Override
    public boolean responseEnd(long now, Connection connection) {
        finishedAt = now;
        connection.close();
        return true;
    }

    @Override
    public void established(Connection connection) {
    }

    @Override
    public void closed(Connection connection, boolean byUs, String reason) {
        failed |= !byUs;
    }
}
