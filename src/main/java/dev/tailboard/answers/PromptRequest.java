package dev.tailboard.answers;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.JobIdConverter;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * {@code {"prompt": "…", "job": "backend/42"}} as {@code POST /api/answers} and the answer socket take it:
 * a prompt that is not empty and at most 32 KiB of UTF-8, and an optional job that exists.
 */
final class PromptRequest {

    static final int MAX_PROMPT_BYTES = 32 * 1024;

    private PromptRequest() {
    }

    static Question question(JsonNode body, JobRegistry registry) {
        String prompt = JsonBody.string(body, "prompt");
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.badRequest("'prompt' is required and must not be empty");
        }
        checkSize(prompt.getBytes(StandardCharsets.UTF_8).length, MAX_PROMPT_BYTES, "the prompt");
        String job = JsonBody.string(body, "job");
        if (job == null || job.isEmpty()) {
            return Question.of(prompt, null);
        }
        JobId id = JobIdConverter.parse(job);
        if (registry.find(id).isEmpty()) {
            throw ApiException.noJob(id);
        }
        return Question.of(prompt, id);
    }

    static void checkSize(int bytes, int limit, String what) {
        if (bytes > limit) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    what + " is " + bytes + " bytes of UTF-8; at most " + limit + " are accepted");
        }
    }
}
