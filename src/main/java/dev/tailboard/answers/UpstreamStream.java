package dev.tailboard.answers;

import dev.tailboard.analyst.Durations;
import dev.tailboard.analyst.Markdown;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One streamed response of an OpenAI-compatible server, read line by line into an answer: {@code data:}
 * lines of {@code chat.completion.chunk} objects up to {@code data: [DONE]}. A server that says nothing for
 * {@code timeout} fails the answer; any other status than 200 fails it with the server's own message.
 */
final class UpstreamStream implements Flow.Subscriber<String> {

    private static final int MAX_ERROR_BODY = 4096;

    private final Answer answer;
    private final JsonMapper json;
    private final String server;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private final StringBuilder errorBody = new StringBuilder();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile long lastHeard = System.nanoTime();
    private int status;
    private boolean finishReasonSeen;

    UpstreamStream(Answer answer, JsonMapper json, String server, Duration timeout, ScheduledExecutorService watchdog) {
        this.answer = answer;
        this.json = json;
        this.server = server;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    /** The body subscriber for the response whose status and headers just arrived. */
    HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo response) {
        status = response.statusCode();
        lastHeard = System.nanoTime();
        watch();
        return HttpResponse.BodySubscribers.fromLineSubscriber(this);
    }

    /** Stops reading: the connection is closed, which is how the server learns that nobody listens. */
    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        lastHeard = System.nanoTime();
        if (status != 200) {
            if (errorBody.length() < MAX_ERROR_BODY) {
                errorBody.append(line).append('\n');
            }
        } else if (line.startsWith("data:")) {
            data(line.substring("data:".length()).strip());
        }
    }

    private void data(String data) {
        if (data.equals("[DONE]")) {
            answer.end(FinishReason.STOP);
            return;
        }
        JsonNode chunk;
        try {
            chunk = json.readValue(data, JsonNode.class);
        } catch (IOException e) {
            answer.fail("the model server at " + server + " sent something that is not JSON: " + Markdown.code(data));
            return;
        }
        if (chunk == null || !chunk.isObject()) {
            return;
        }
        if (chunk.get("error") != null) {
            answer.fail("the model server at " + server + " reported an error: " + errorMessage(chunk));
            return;
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray() || choices.size() == 0) {
            return;
        }
        JsonNode choice = choices.get(0);
        JsonNode delta = choice.get("delta");
        JsonNode content = delta == null ? null : delta.get("content");
        if (content != null && content.isString() && !content.getStringValue().isEmpty()
                && !answer.append(content.getStringValue())) {
            cancel();
        }
        JsonNode finishReason = choice.get("finish_reason");
        finishReasonSeen |= finishReason != null && !finishReason.isNull();
    }

    @Override
    public void onError(Throwable error) {
        if (!cancelled) {
            answer.fail("the stream from the model server at " + server + " broke off: " + error.getMessage());
        }
    }

    @Override
    public void onComplete() {
        if (status != 200) {
            answer.fail("the model server at " + server + " answered " + status + ": " + serverMessage());
        } else if (finishReasonSeen) {
            answer.end(FinishReason.STOP);
        } else {
            answer.fail("the model server at " + server + " closed the stream before the answer was complete");
        }
    }

    /** The message of {@code {"error": {"message": …}}} or {@code {"error": "…"}}, else the body as it is. */
    private String serverMessage() {
        String body = errorBody.toString().strip();
        try {
            JsonNode node = json.readValue(body, JsonNode.class);
            if (node != null && node.isObject() && node.get("error") != null) {
                return errorMessage(node);
            }
        } catch (IOException e) {
            // not JSON: the body as it is
        }
        return body.isEmpty() ? "no details" : Markdown.code(body.replaceAll("\\s+", " "));
    }

    private static String errorMessage(JsonNode node) {
        JsonNode error = node.get("error");
        JsonNode message = error.isObject() ? error.get("message") : error;
        return message != null && message.isString() ? message.getStringValue() : error.toString();
    }

    /** Fails the answer once the server has been silent for {@code timeout}; one check pending at a time. */
    private void watch() {
        if (cancelled || answer.finish().isPresent()) {
            return;
        }
        long left = timeout.toNanos() - (System.nanoTime() - lastHeard);
        if (left <= 0) {
            answer.fail("the model server at " + server + " sent nothing for " + Durations.format(timeout));
            return;
        }
        watchdog.schedule(this::watch, left, TimeUnit.NANOSECONDS);
    }
}
