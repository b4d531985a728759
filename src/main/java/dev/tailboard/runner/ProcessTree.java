package dev.tailboard.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * A process and all its descendants, listed before any of them is ended: once a parent is gone its children
 * belong to another process, and could no longer be found from it.
 */
record ProcessTree(List<ProcessHandle> members) {

    static ProcessTree of(ProcessHandle root) {
        List<ProcessHandle> members = new ArrayList<>();
        members.add(root);
        root.descendants().forEach(members::add);
        return new ProcessTree(List.copyOf(members));
    }

    /** Asks every member to stop (SIGTERM), so that a build tool can end its own work cleanly. */
    void terminate() {
        members.forEach(ProcessHandle::destroy);
    }

    /** Ends every member still alive, and whatever it started since (SIGKILL). */
    void kill() {
        for (ProcessHandle member : members) {
            if (member.isAlive()) {
                member.descendants().forEach(ProcessHandle::destroyForcibly);
                member.destroyForcibly();
            }
        }
    }
}
