package dev.tailboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread for every connection of the run. New connections are opened a bounded number at a
 * time (the server's accept backlog is small), and one that gets no answer in time is given up.
 */
final class EventLoop implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Selector selector;
    private final InetSocketAddress address;
    private final int maxOpening;
    private final long answerTimeoutNanos;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Connection> waiting = new ArrayDeque<>();
    private final Set<Connection> opening = new LinkedHashSet<>();
    private final Set<Connection> live = new LinkedHashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Thread thread;
    private volatile boolean running = true;
    private long nextTick;

    EventLoop(InetSocketAddress address, int maxOpening, long answerTimeoutMillis) throws IOException {
        this.selector = Selector.open();
        this.address = address;
        this.maxOpening = maxOpening;
        this.answerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(answerTimeoutMillis);
        this.thread = new Thread(this::run, "load-loop");
        thread.setDaemon(true);
        thread.start();
    }

    long now() {
        return System.nanoTime();
    }

    /** Queues a connection; it is opened when fewer than {@code maxOpening} are still waiting for an answer. */
    void open(Connection connection) {
        execute(() -> {
            waiting.add(connection);
            startWaiting();
        });
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread and waits for its result. */
    <T> T call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the load loop did not answer", e);
        }
    }

    /** Closes every connection (by the viewer, so no drop is counted). */
    void closeAll() {
        call(() -> {
            waiting.clear();
            new ArrayList<>(opening).forEach(Connection::close);
            new ArrayList<>(live).forEach(Connection::close);
            return null;
        });
    }

    /** A connection got its answer (or gave up): make room for the next one. */
    void settled(Connection connection) {
        if (opening.remove(connection)) {
            live.add(connection);
        }
        startWaiting();
    }

    void forget(Connection connection, boolean wasOpening) {
        opening.remove(connection);
        live.remove(connection);
        if (wasOpening) {
            startWaiting();
        }
    }

    private void startWaiting() {
        while (opening.size() < maxOpening && !waiting.isEmpty()) {
            Connection connection = waiting.poll();
            opening.add(connection);
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
                connection.attach(channel, key, now());
                if (channel.connect(address)) {
                    key.interestOps(SelectionKey.OP_READ);
                    connection.connected();
                }
            } catch (IOException e) {
                connection.lost("cannot connect: " + e.getMessage());
            }
        }
    }

    private void run() {
        nextTick = now() + TICK_NANOS;
        while (running) {
            try {
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long now = now();
                if (now >= nextTick) {
                    nextTick = now + TICK_NANOS;
                    tick(now);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("load loop: " + e);
            }
        }
    }

    private void handle(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            if (key.isConnectable()) {
                SocketChannel channel = (SocketChannel) key.channel();
                if (channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_READ);
                    connection.connected();
                }
                return;
            }
            if (key.isWritable()) {
                connection.flush();
            }
            if (key.isValid() && key.isReadable()) {
                read(connection, (SocketChannel) key.channel());
            }
        } catch (IOException e) {
            connection.lost(e.getMessage());
        }
    }

    private void read(Connection connection, SocketChannel channel) throws IOException {
        for (int reads = 0; reads < 8 && !connection.isClosed(); reads++) {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                connection.eof(now());
                return;
            }
            if (n == 0) {
                return;
            }
            connection.received(readBuffer.array(), n, now());
            if (n < readBuffer.capacity()) {
                return;
            }
        }
    }

    private void tick(long now) {
        for (Connection connection : new ArrayList<>(opening)) {
            if (now - connection.startedAt() > answerTimeoutNanos) {
                connection.lost("no answer in time");
            }
        }
        for (Connection connection : new ArrayList<>(live)) {
            connection.tick(now);
        }
    }

    @Override
    public void close() {
        closeAll();
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
            selector.close();
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }
}
