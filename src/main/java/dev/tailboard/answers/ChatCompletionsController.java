package dev.tailboard.answers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailboard.http.ApiError;
import dev.tailboard.http.ApiException;
import dev.tailboard.http.EventStreams;
import dev.tailboard.http.PublicAddress;
import dev.tailboard.http.WireJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible front to the answers: {@code POST /v1/chat/completions} (streamed or not) and
 * {@code GET /v1/models}, so any OpenAI client can ask tailboard. A client that leaves cancels its answer.
 */
@Controller("/v1")
public class ChatCompletionsController {

    static final String MODEL = "tailboard";

    private final Answers answers;
    private final WireJson json;
    private final EventStreams streams;
    private final PublicAddress address;
    private final long startedAt = Instant.now().getEpochSecond();

    public ChatCompletionsController(Answers answers, WireJson json, EventStreams streams, PublicAddress address) {
        this.answers = answers;
        this.json = json;
        this.streams = streams;
        this.address = address;
    }

    @Serdeable
    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    @Serdeable
    record ModelList(String object, List<Model> data) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(@Nullable String role, @Nullable String content) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChunkChoice(int index, Delta delta, @Nullable Object logprobs,
                       @Nullable @JsonProperty("finish_reason") String finishReason) {
    }

    @Serdeable
    record Usage(@JsonProperty("prompt_tokens") int promptTokens, @JsonProperty("completion_tokens") int completionTokens,
                 @JsonProperty("total_tokens") int totalTokens) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices, @Nullable Usage usage) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AssistantMessage(String role, String content, @Nullable String refusal) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CompletionChoice(int index, AssistantMessage message, @Nullable Object logprobs,
                            @JsonProperty("finish_reason") String finishReason) {
    }

    @Serdeable
    record Completion(String id, String object, long created, String model, List<CompletionChoice> choices, Usage usage) {
    }

    /**
     * The body of {@code POST /v1/chat/completions}, as OpenAI clients send it. {@code stream} and
     * {@code stream_options} are read leniently (anything but {@code true} is false), as OpenAI does.
     */
    @Serdeable
    record ChatRequest(@Nullable Object model, @Nullable List<ChatTurn> messages, @Nullable Object stream,
                       @Nullable @JsonProperty("stream_options") Object streamOptions) {
    }

    /** One message of a request: {@code content} is a string or an array of parts. */
    @Serdeable
    record ChatTurn(@Nullable Object role, @Nullable Object content) {
    }

    /** What a request asks for, read from its JSON. */
    private record Request(String model, Question question, boolean stream, boolean includeUsage, int promptWords) {
    }

    @Get("/models")
    public ModelList models() {
        return new ModelList("list", List.of(new Model(MODEL, "model", startedAt, "tailboard")));
    }

    @Post(uri = "/chat/completions", consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public Mono<HttpResponse<?>> complete(@Body ChatRequest body, HttpRequest<?> http) {
        Request request = parse(body);
        Answer answer = answers.askOnce(request.question());
        String id = "chatcmpl-" + answer.id();
        long created = Instant.now().getEpochSecond();
        // Outside chat clients show the answer elsewhere: its links to the log viewer must say where it is.
        AbsoluteLinks links = new AbsoluteLinks(address.of(http));
        if (request.stream()) {
            return Mono.just(streams.relay(stream(request, answer, id, created, links),
                    event -> "[DONE]".equals(event.getData()), answer::cancel));
        }
        return whole(request, answer, id, created, links).map(completion -> HttpResponse.ok(completion)
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private Flux<Event<String>> stream(Request request, Answer answer, String id, long created, AbsoluteLinks links) {
        Flux<Event<String>> first = Flux.just(chunk(request, id, created, new Delta("assistant", ""), null, null));
        Flux<Event<String>> rest = AnswerView.open(answer, 0).events().concatMap(event -> {
            if (event instanceof AnswerEvent.Delta delta) {
                String text = links.next(delta.text());
                return text.isEmpty() ? Flux.empty() : Flux.just(chunk(request, id, created, new Delta(null, text), null, null));
            }
            if (!(event instanceof AnswerEvent.End end)) {
                return Flux.empty();
            }
            List<Event<String>> last = new ArrayList<>();
            String held = links.rest();
            if (!held.isEmpty()) {
                last.add(chunk(request, id, created, new Delta(null, held), null, null));
            }
            if (end.reason() == FinishReason.ERROR) {
                last.add(Event.of(json.write(new ApiError(answer.error().orElse("the answer failed")))));
            } else {
                last.add(chunk(request, id, created, new Delta(null, null), "stop", null));
                if (request.includeUsage()) {
                    last.add(Event.of(json.write(new Chunk(id, "chat.completion.chunk", created, request.model(), List.of(),
                            usage(request, answer)))));
                }
            }
            last.add(Event.of("[DONE]"));
            return Flux.fromIterable(last);
        });
        return Flux.concat(first, rest);
    }

    private Mono<Completion> whole(Request request, Answer answer, String id, long created, AbsoluteLinks links) {
        return AnswerView.open(answer, 0).events().then(Mono.fromCallable(() -> {
            if (answer.finish().orElse(FinishReason.ERROR) == FinishReason.ERROR) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, answer.error().orElse("the answer failed"));
            }
            AssistantMessage message = new AssistantMessage("assistant", links.whole(answer.text()), null);
            return new Completion(id, "chat.completion", created, request.model(),
                    List.of(new CompletionChoice(0, message, null, "stop")), usage(request, answer));
        })).doOnCancel(answer::cancel);
    }

    private Event<String> chunk(Request request, String id, long created, Delta delta, @Nullable String finishReason,
                                @Nullable Usage usage) {
        return Event.of(json.write(new Chunk(id, "chat.completion.chunk", created, request.model(),
                List.of(new ChunkChoice(0, delta, null, finishReason)), usage)));
    }

    /** Words of the conversation and pieces of the answer: tailboard has no tokenizer, these are close enough. */
    private static Usage usage(Request request, Answer answer) {
        return new Usage(request.promptWords(), answer.pieces(), request.promptWords() + answer.pieces());
    }

    private Request parse(ChatRequest body) {
        if (body.messages() == null || body.messages().isEmpty()) {
            throw ApiException.badRequest("'messages' must be a non-empty array");
        }
        List<ChatMessage> conversation = new ArrayList<>();
        int bytes = 0;
        int words = 0;
        for (ChatTurn message : body.messages()) {
            if (message == null) {
                throw ApiException.badRequest("each message must be an object with 'role' and 'content'");
            }
            String role = PromptRequest.string("role", message.role());
            if (role == null) {
                throw ApiException.badRequest("each message needs a 'role'");
            }
            String content = content(message.content());
            bytes += content.getBytes(StandardCharsets.UTF_8).length;
            words += content.isBlank() ? 0 : content.strip().split("\\s+").length;
            conversation.add(new ChatMessage(role, content));
        }
        PromptRequest.checkSize(bytes, PromptRequest.MAX_CONVERSATION_BYTES, "the conversation");
        Question question = new Question(conversation, null);
        if (question.prompt().isBlank()) {
            throw ApiException.badRequest("the conversation needs a user message that is not empty");
        }
        boolean includeUsage = body.streamOptions() instanceof Map<?, ?> options && Boolean.TRUE.equals(options.get("include_usage"));
        String model = PromptRequest.string("model", body.model());
        return new Request(model == null || model.isBlank() ? MODEL : model, question,
                Boolean.TRUE.equals(body.stream()), includeUsage, words);
    }

    /** A message's content: a string, or an array of parts of which the text parts count. */
    private static String content(@Nullable Object content) {
        if (content == null) {
            return "";
        }
        if (content instanceof String text) {
            return text;
        }
        if (!(content instanceof List<?> parts)) {
            throw ApiException.badRequest("'content' must be a string or an array of parts");
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> fields && fields.get("text") instanceof String partText) {
                text.append(text.length() == 0 ? "" : "\n").append(partText);
            }
        }
        return text.toString();
    }
}
