package dev.tailboard.http;

import dev.tailboard.TailboardSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The shape every streamed response shares: no caching, no proxy buffering, and a heartbeat on every idle
 * {@code tailboard.heartbeat}. A tailboard event stream also starts with {@code retry:} and a comment (so
 * that the headers go out at once) and closes after its {@code end} event.
 */
@Singleton
public class EventStreams {

    private final Duration heartbeat;
    private final Duration retry;

    public EventStreams(TailboardSettings settings) {
        this.heartbeat = settings.getHeartbeat();
        this.retry = settings.getRetry();
    }

    /** A tailboard event stream: {@code retry:} and {@code greeting} first, closed after the {@code end} event. */
    public HttpResponse<Publisher<Event<String>>> respond(String greeting, Flux<Event<String>> events) {
        return relay(Flux.concat(Flux.just(greeting(greeting)), events), event -> "end".equals(event.getName()), () -> { });
    }

    /** The first event of a tailboard event stream: {@code retry:} and a comment, so that the headers leave at once. */
    public Event<String> greeting(String comment) {
        return Event.of("").retry(retry).comment(comment);
    }

    /**
     * An event stream of what {@code body} emits; for a log, that is the greeting alone, and a viewer writes the
     * rest, heartbeats included ({@link ViewerConnections#body}).
     */
    public MutableHttpResponse<Publisher<Event<String>>> written(Flux<Event<String>> body) {
        return streamed(HttpResponse.ok((Publisher<Event<String>>) body)).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    /**
     * {@code events} with a {@code : ping} on every heartbeat, closed after the one {@code last} accepts;
     * {@code hangup} runs when the client leaves before that.
     */
    public MutableHttpResponse<Publisher<Event<String>>> relay(Flux<Event<String>> events, Predicate<Event<String>> last,
                                                               Runnable hangup) {
        Flux<Event<String>> pings = heartbeats().map(tick -> Event.<String>of("").comment("ping"));
        // a prefetch of one keeps a stalled viewer's pending events to one batch: the source is its buffer
        return written(Flux.merge(1, events, pings).takeUntil(last).doOnCancel(hangup));
    }

    /** A tick every heartbeat; ticks a slow connection cannot take are dropped. */
    private Flux<Long> heartbeats() {
        return Flux.interval(heartbeat, heartbeat).onBackpressureDrop();
    }

    /** The headers of every streamed response: a log grows, and a proxy must pass each piece on at once. */
    public static <T> MutableHttpResponse<T> streamed(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    }

    /** {@code event: reset}: the cursor was past the end, what follows starts again at 0. */
    public static Event<String> reset() {
        return Event.of("{}").id("0").name("reset");
    }
}
