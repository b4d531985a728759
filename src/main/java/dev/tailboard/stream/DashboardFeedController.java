package dev.tailboard.stream;

import dev.tailboard.http.EventStreams;
import dev.tailboard.http.WireJson;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;

/** {@code GET /api/events}: the dashboard feed as server-sent events {@code job} and {@code removed}. */
@Controller("/api/events")
public record DashboardFeedController(DashboardFeed feed, EventStreams streams, WireJson json) {

    @Serdeable
    record RemovedData(String id) {
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<Publisher<Event<String>>> events() {
        return streams.respond("tailboard jobs", feed.updates().map(this::toEvent));
    }

    private Event<String> toEvent(DashboardFeed.Update update) {
        if (update instanceof DashboardFeed.Changed changed) {
            return Event.of(json.write(changed.job())).name("job");
        }
        return Event.of(json.write(new RemovedData(update.id()))).name("removed");
    }
}
