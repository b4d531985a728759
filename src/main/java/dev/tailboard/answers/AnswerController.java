package dev.tailboard.answers;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.JobRegistry;
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
    private final EventStreams streams;
    private final SseFormat format;

    public AnswerController(Answers answers, JobRegistry registry, WireJson json,
                            EventStreams streams) {
        this.answers = answers;
        this.registry = registry;
        this.streams = streams;
        this.format = new SseFormat(json);
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
    public HttpResponse<Created> ask(@Body PromptRequest body, HttpRequest<?> request) {
        Question question = body.question(registry);
        Answer answer;
        try {
            answer = answers.ask(question, request.getRemoteAddress().getAddress().getHostAddress());
        } catch (TooManyAnswers e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        }
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
        return streams.respond("answer " + id, view.events().map(event -> event.in(format)));
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

    /** An answer event as a server-sent event: {@code delta} (its id the cursor past it), {@code reset}, {@code end}. */
    private static final class SseFormat implements AnswerEvent.Format<Event<String>> {

        private final WireJson json;

        SseFormat(WireJson json) {
            this.json = json;
        }

        @Override
        public Event<String> delta(String text, int end) {
            return Event.of(json.write(new DeltaData(text))).id(Integer.toString(end)).name("delta");
        }

        @Override
        public Event<String> reset() {
            return EventStreams.reset();
        }

        @Override
        public Event<String> end(FinishReason reason) {
            return Event.of(json.write(new EndData(reason))).name("end");
        }
    }
}
