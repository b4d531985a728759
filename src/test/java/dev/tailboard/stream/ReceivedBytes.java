package dev.tailboard.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/** A response body as it arrives, readable at any moment, so that a test can wait for bytes with a deadline. */
final class ReceivedBytes implements Flow.Subscriber<List<ByteBuffer>> {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean complete;
    private volatile Throwable failure;
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (bytes) {
            for (ByteBuffer buffer : buffers) {
                byte[] array = new byte[buffer.remaining()];
                buffer.get(array);
                bytes.writeBytes(array);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
    }

    @Override
    public void onComplete() {
        complete = true;
    }

    byte[] bytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The server ended the response normally. */
    boolean complete() {
        if (failure != null) {
            throw new AssertionError("the response failed", failure);
        }
        return complete;
    }

    void cancel() {
        subscription.cancel();
    }
}
