package dev.tailboard.answers;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.JobIdConverter;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code {"prompt": "…", "job": "backend/42", "messages": [{"role", "content"}, …]}} as {@code POST /api/answers}
 * and the answer socket take it: a prompt that is not empty and at most 32 KiB of UTF-8, an optional job that
 * exists, and optional earlier turns of the same conversation, oldest first, {@code user} or {@code assistant},
 * at most 128 KiB of UTF-8 in all. The fields are read as any JSON value so that a number is refused rather
 * than taken for its digits.
 */
@Serdeable
record PromptRequest(@Nullable Object prompt, @Nullable Object job, @Nullable Object messages) {

    static final int MAX_PROMPT_BYTES = 32 * 1024;
    static final int MAX_CONVERSATION_BYTES = 128 * 1024;
    private static final Set<String> ROLES = Set.of("user", "assistant");

    PromptRequest(@Nullable Object prompt, @Nullable Object job) {
        this(prompt, job, null);
    }

    /** The question this asks, or a 400, 404 or 413 that says what is wrong. */
    Question question(JobRegistry registry) {
        String prompt = string("prompt", this.prompt);
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.badRequest("'prompt' is required and must not be empty");
        }
        checkSize(prompt.getBytes(StandardCharsets.UTF_8).length, MAX_PROMPT_BYTES, "the prompt");
        List<ChatMessage> conversation = earlierTurns();
        conversation.add(ChatMessage.user(prompt));
        String job = string("job", this.job);
        if (job == null || job.isEmpty()) {
            return new Question(conversation, null);
        }
        JobId id = JobIdConverter.parse(job);
        if (registry.find(id).isEmpty()) {
            throw ApiException.noJob(id);
        }
        return new Question(conversation, id);
    }

    private List<ChatMessage> earlierTurns() {
        List<ChatMessage> turns = new ArrayList<>();
        if (messages == null) {
            return turns;
        }
        if (!(messages instanceof List<?> list)) {
            throw ApiException.badRequest("'messages' must be an array of {\"role\", \"content\"}");
        }
        int bytes = 0;
        for (Object message : list) {
            if (!(message instanceof Map<?, ?> fields) || !(fields.get("role") instanceof String role)
                    || !ROLES.contains(role) || !(fields.get("content") instanceof String content)) {
                throw ApiException.badRequest("each of 'messages' must be {\"role\": \"user\" or \"assistant\", "
                        + "\"content\": a string}");
            }
            bytes += content.getBytes(StandardCharsets.UTF_8).length;
            turns.add(new ChatMessage(role, content));
        }
        checkSize(bytes, MAX_CONVERSATION_BYTES, "the earlier messages");
        return turns;
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
