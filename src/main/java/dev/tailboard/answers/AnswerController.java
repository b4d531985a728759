package dev.tailboard.answers;

import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.stream.LogRequest;
import dev.tailboard.stream.EventStreams;
import dev.tailboard.stream.WireJson;
import dev.tailboard.web.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;

/**
 * {@code POST /api/answers} starts an answer; {@code GET /api/answers/{id}/events} follows it as server-sent
 * events, resumable with {@code Last-Event-ID} like a log; {@code POST /api/answers/{id}/cancel} stops it.
 */
@Controller("/api/answers")
public class AnswerController {

    private final Answers answers;
    private final JobRegistry registry;
    private final JsonMapper jsonMapper;
    private final WireJson json;
    private final EventStreams streams;

    public AnswerController(Answers answers, JobRegistry registry, JsonMapper jsonMapper, WireJson json,
                            EventStreams streams) {
        this.answers = answers;
        this.registry = registry;
        this.jsonMapper = jsonMapper;
        this.json = json;
        this.streams = streams;
    }

    @Serdeable
    record Created(String id, String events) {
    }

    @Serdeable
    record DeltaData(String text) {
    }

    @Serdeable
    record EndData(FinishReason finishReason) {
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Created> ask(@Nullable @Body String body, HttpRequest<?> request) {
        Question question = PromptRequest.question(JsonBody.object(jsonMapper, body), registry);
        Answer answer = answers.ask(question, request.getRemoteAddress().getAddress().getHostAddress());
        String events = "/api/answers/" + answer.id() + "/events";
        return HttpResponse.created(new Created(answer.id(), events)).header("Location", events);
    }

    @Get(uri = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<Publisher<Event<String>>> events(@PathVariable String id,
                                                         @Nullable @QueryValue String from,
                                                         @Nullable @Header("Last-Event-ID") String lastEventId) {
        Answer answer = find(id);
        String cursor = lastEventId != null ? lastEventId : from;
        AnswerView view = AnswerView.open(answer, cursor == null ? 0
                : LogRequest.cursor(lastEventId != null ? "Last-Event-ID" : "from", cursor));
        if (lastEventId != null && view.atEnd()) {
            return HttpResponse.noContent();
        }
        return streams.respond("answer " + id, view.events().map(this::toEvent));
    }

    @Post("/{id}/cancel")
    public HttpResponse<EndData> cancel(@PathVariable String id) {
        Answer answer = find(id);
        answer.cancel();
        return HttpResponse.status(HttpStatus.ACCEPTED).body(new EndData(answer.finish().orElse(FinishReason.CANCELLED)));
    }

    private Answer find(String id) {
        return answers.find(id).orElseThrow(() -> ApiException.notFound("no answer '" + id + "' (unknown, or expired)"));
    }

    private Event<String> toEvent(AnswerEvent event) {
        if (event instanceof AnswerEvent.Delta delta) {
            return Event.of(json.write(new DeltaData(delta.text()))).id(Integer.toString(delta.end())).name("delta");
        } else if (event instanceof AnswerEvent.Reset) {
            return Event.of("{}").id("0").name("reset");
        }
        return Event.of(json.write(new EndData(((AnswerEvent.End) event).reason()))).name("end");
    }
}
