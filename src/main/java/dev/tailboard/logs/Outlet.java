package dev.tailboard.logs;

/**
 * Where a follower's events go, seen as a pipe that can be full. A follower sends only while its outlet is
 * ready and waits for the outlet's call otherwise, so a viewer that stops reading holds at most what fills
 * the pipe; the rest stays in the file.
 */
public interface Outlet {

    /** An outlet that is always ready: demand alone paces the follower. */
    Outlet UNBOUNDED = new Outlet() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void whenReady(Runnable wake) {
        }
    };

    /** True when more can be sent now. */
    boolean ready();

    /** Calls {@code wake} whenever the outlet becomes ready again (possibly more often). */
    void whenReady(Runnable wake);

    /** The follower is done with the outlet. */
    default void release() {
    }
}
