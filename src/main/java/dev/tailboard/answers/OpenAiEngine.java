package dev.tailboard.answers;

import dev.tailboard.analyst.Briefing;
import dev.tailboard.analyst.Briefings;
import dev.tailboard.analyst.Durations;
import dev.tailboard.analyst.Markdown;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code openai} engine: sends the conversation, with what tailboard found in the logs, to an
 * OpenAI-compatible server ({@code POST <base-url>/chat/completions}, {@code stream: true}) and appends its
 * deltas to the answer as they arrive. Cancelling the answer aborts the request.
 */
@Singleton
@Requires(property = "tailboard.answers.engine", value = "openai")
public class OpenAiEngine implements AnswerEngine {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiEngine.class);
    static final String INSTRUCTIONS = """
            You are tailboard, the assistant of a CI build-log dashboard. Answer the user's question about \
            their builds from what tailboard found and the log lines below, and say so when they do not hold \
            the answer. Be brief and concrete: the failing step, the error, the failed tests, what to do next. \
            Write Markdown. When you cite a line of a job's log, link it as [line N](/jobs/<job id>#LN).""";

    private final Briefings briefings;
    private final JsonMapper json;
    private final ExecutorService blocking;
    private final URI endpoint;
    private final String baseUrl;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "openai-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    @Serdeable
    record UpstreamRequest(String model, List<ChatMessage> messages, boolean stream) {
    }

    public OpenAiEngine(OpenAiSettings settings, Briefings briefings, JsonMapper json,
                        @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        if (isBlank(settings.getBaseUrl()) || isBlank(settings.getModel())) {
            throw new ConfigurationException("tailboard.answers.engine=openai needs tailboard.answers.openai.base-url "
                    + "(such as http://localhost:11434/v1) and tailboard.answers.openai.model");
        }
        this.briefings = briefings;
        this.json = json;
        this.blocking = blocking;
        this.baseUrl = settings.getBaseUrl().replaceAll("/+$", "");
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.model = settings.getModel();
        this.apiKey = settings.getApiKey();
        this.timeout = settings.getTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public void start(Answer answer) {
        blocking.execute(() -> {
            try {
                send(answer, briefings.brief(answer.question().said(), answer.question().job()));
            } catch (RuntimeException e) {
                LOG.warn("Could not ask the model for {}", answer.id(), e);
                answer.fail("could not ask the model server (" + e.getMessage() + ")");
            }
        });
    }

    private void send(Answer answer, Briefing briefing) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new ChatMessage("system", INSTRUCTIONS + "\n\n" + briefing.context()));
        messages.addAll(answer.question().messages());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(write(new UpstreamRequest(model, messages, true))));
        if (!isBlank(apiKey)) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        UpstreamStream stream = new UpstreamStream(answer, json, baseUrl, timeout, watchdog);
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request.build(), stream::subscriber);
        answer.onAbort(() -> {
            response.cancel(true);
            stream.cancel();
        });
        response.whenComplete((done, error) -> {
            if (error != null) {
                answer.fail(describe(unwrap(error)));
            }
        });
    }

    private String describe(Throwable error) {
        if (error instanceof HttpTimeoutException) {
            return "the model server at " + baseUrl + " did not answer within " + Durations.format(timeout);
        }
        if (error instanceof ConnectException) {
            return "cannot connect to the model server at " + baseUrl;
        }
        if (error instanceof CancellationException) {
            return "the request to the model server was cancelled";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "the connection to the model server at " + baseUrl + " failed: " + message;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @PreDestroy
    void close() {
        watchdog.shutdownNow();
    }
}
