package dev.tailboard.analyst;

/**
 * What CI runners write between the output of steps: where a step starts (with its command or name), how a
 * step ended, and that the job failed. GitHub Actions, GitLab CI, Travis CI, Jenkins and Cloudflare Pages.
 */
sealed interface StepMark {

    /** A step starts: a command ({@code $ make}, {@code Run mvn verify}) or a named section. */
    record Start(String name, boolean command) implements StepMark {
    }

    /** A GitLab section ends: what follows belongs to no command until the next one starts. */
    record End() implements StepMark {
    }

    /**
     * The step that is running exited. {@code stopsJob}: on this runner a failed step ends the job, so an
     * earlier failed step must have been allowed to fail (GitHub Actions, Jenkins); on Travis CI every
     * command runs whatever the ones before did.
     */
    record Exit(int code, boolean stopsJob) implements StepMark {
        boolean failed() {
            return code != 0;
        }
    }

    /** The job as a whole failed ({@code ERROR: Job failed}, {@code Done. Your build exited with 1}). */
    record JobFailed() implements StepMark {
    }
}
