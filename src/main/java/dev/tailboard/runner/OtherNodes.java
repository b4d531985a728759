package dev.tailboard.runner;

import dev.tailboard.jobs.Job;

/** The other nodes of a cluster, as far as runs go; there is no such bean on a single node. */
public interface OtherNodes {

    /** Asks the node that holds {@code job} to cancel its run; true when it did, false when it has no such run. */
    boolean cancel(Job job);
}
