package dev.tailboard.cluster;

import dev.tailboard.jobs.JobId;

/** Where the cluster keeps what in Redis. */
final class Keys {

    static final String PREFIX = "tailboard:";
    /** Sorted set of every job id, scored by when its log may leave Redis ({@code +inf} while not final). */
    static final String JOBS = PREFIX + "jobs";
    /** Capped stream of job ids whose hash changed or went away; every node follows it. */
    static final String EVENTS = PREFIX + "events";
    /** How many events the stream keeps, about: a node further behind than this reads every hash again. */
    static final int EVENTS_KEPT = 10_000;
    static final String LOG = PREFIX + "log:";
    static final String JOB = PREFIX + "job:";

    private Keys() {
    }

    /** The stream of a job's log: one entry per chunk, its id the chunk's end offset. */
    static String log(JobId id) {
        return LOG + id.value();
    }

    /** The hash of a job: its node, publication epoch, published end, sidecar, when it became final. */
    static String job(JobId id) {
        return JOB + id.value();
    }

    /** The publish/subscribe channel on which a node takes commands (cancel a run). */
    static String node(String name) {
        return PREFIX + "node:" + name;
    }
}
