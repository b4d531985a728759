package dev.tailboard.answers;

import dev.tailboard.testing.LogFolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real build logs of {@code src/test/resources/fixtures} as jobs, with the sidecars a CI runner writes. */
final class Fixtures {

    private Fixtures() {
    }

    /** Copies fixture {@code name} to job {@code id}, with {@code sidecar} as its status file (null: none). */
    static void job(LogFolder logs, String id, String name, String sidecar) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            logs.append(id, in.readAllBytes());
            if (sidecar != null) {
                logs.sidecar(id, sidecar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture of the shared set, as jobs with the status a CI runner would have written. */
    static void all(LogFolder logs) {
        String failed = "{\"status\": \"failed\", \"exitCode\": 1, \"startedAt\": \"2026-11-21T18:05:36Z\", "
                + "\"finishedAt\": \"2026-11-21T18:05:46Z\"}";
        String success = "{\"status\": \"success\", \"exitCode\": 0}";
        job(logs, "maven/test-failure", "maven-test-failure.log", failed);
        job(logs, "maven/compile-failure", "maven-compile-failure.log", failed);
        job(logs, "maven/success", "maven-success.log", success);
        job(logs, "npm/install", "npm-install-404.log", failed);
        job(logs, "python/unittest", "python-unittest-failure.log", failed);
        job(logs, "gitlab/sections", "gitlab-sections.log", failed);
        job(logs, "github/groups", "github-actions-groups.log", "{\"status\": \"failed\"}");
        job(logs, "curl/progress", "curl-progress.log", success);
    }
}
