package dev.tailboard.bench;

/**
 * One transport as its client speaks it, over one connection: what to send, and how to find log lines in
 * what comes back. Adding a transport to the benchmark is writing one of these and naming it in {@link Transport}.
 */
interface Protocol {

    /** The request (or WebSocket upgrade) sent once the connection is open. */
    byte[] opening();

    /** The status line and headers arrived; false gives the connection up (an error answer). */
    boolean head(int status, Connection connection);

    /** Bytes of the response body, de-chunked; after a 101 upgrade, the raw stream. */
    void body(byte[] buf, int off, int len, long now, Connection connection);

    /** One response is complete; true when the protocol sent its next request (long polling). */
    default boolean responseEnd(long now, Connection connection) {
        return false;
    }

    /** Called about once a second, for pings. */
    default void tick(long now, Connection connection) {
    }

    /** True when being connected with the request sent is all there is to wait for (long polling). */
    default boolean establishedOnSend() {
        return false;
    }

    /** The usual answer to a head: the connection is established on {@code expected}, given up otherwise. */
    static boolean expect(int expected, int status, Connection connection) {
        if (status != expected) {
            return false;
        }
        connection.established();
        return true;
    }
}
