package dev.tailboard.jobs;

/** Told of every job event, on the registry's thread: keep it short and never block. */
@FunctionalInterface
public interface JobListener {
    void onJobEvent(JobEvent event);
}
