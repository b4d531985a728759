package dev.tailboard.answers;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.JobIdConverter;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;

/**
 * {@code {"prompt": "…", "job": "backend/42"}} as {@code POST /api/answers} and the answer socket take it:
 * a prompt that is not empty and at most 32 KiB of UTF-8, and an optional job that exists. The fields are
 * read as any JSON value so that a number is refused rather than taken for its digits.
 */
@Serdeable
record PromptRequest(@Nullable Object prompt, @Nullable Object job) {

    static final int MAX_PROMPT_BYTES = 32 * 1024;

    /** The question this asks, or a 400, 404 or 413 that says what is wrong. */
    Question question(JobRegistry registry) {
        String prompt = string("prompt", this.prompt);
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.badRequest("'prompt' is required and must not be empty");
        }
        checkSize(prompt.getBytes(StandardCharsets.UTF_8).length, MAX_PROMPT_BYTES, "the prompt");
        String job = string("job", this.job);
        if (job == null || job.isEmpty()) {
            return Question.of(prompt, null);
        }
        JobId id = JobIdConverter.parse(job);
        if (registry.find(id).isEmpty()) {
            throw ApiException.noJob(id);
        }
        return Question.of(prompt, id);
    }

    /** A JSON string field: null when absent or null, a 400 when it is something else. */
    @Nullable
    static String string(String name, @Nullable Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ApiException.badRequest("'" + name + "' must be a string");
    }

    static void checkSize(int bytes, int limit, String what) {
        if (bytes > limit) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    what + " is " + bytes + " bytes of UTF-8; at most " + limit + " are accepted");
        }
    }
}
