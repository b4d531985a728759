package dev.tailboard.http;

import dev.tailboard.TailboardSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * The shape every server-sent-events endpoint shares: {@code retry:} and a comment first (so that the
 * headers go out at once), then the events with a {@code : ping} on every idle heartbeat, closed after the
 * {@code end} event.
 */
@Singleton
public class EventStreams {

    private final Duration heartbeat;
    private final Duration retry;

    public EventStreams(TailboardSettings settings) {
        this.heartbeat = settings.getHeartbeat();
        this.retry = settings.getRetry();
    }

    public HttpResponse<Publisher<Event<String>>> respond(String greeting, Flux<Event<String>> events) {
        Event<String> hello = Event.of("").retry(retry).comment(greeting);
        Flux<Event<String>> pings = Flux.interval(heartbeat, heartbeat).map(tick -> Event.of("").comment("ping"));
        // a prefetch of one keeps a stalled viewer's pending events to one batch: the source is its buffer
        Flux<Event<String>> body = Flux.concat(Flux.just(hello), Flux.merge(1, events, pings.onBackpressureDrop())
                .takeUntil(event -> "end".equals(event.getName())));
        return HttpResponse.ok((Publisher<Event<String>>) body)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }
}
