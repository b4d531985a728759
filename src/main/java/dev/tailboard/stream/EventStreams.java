package dev.tailboard.stream;

import dev.tailboard.TailboardSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * What every server-sent event stream here shares: {@code retry:} and a comment flushed at once (so headers
 * leave before any event exists), a {@code : ping} comment every heartbeat, and headers that keep caches and
 * proxies from holding events back. The stream ends when its events end.
 */
@Singleton
public class EventStreams {

    private final Duration heartbeat;
    private final Duration retry;

    public EventStreams(TailboardSettings settings) {
        this.heartbeat = settings.getHeartbeat();
        this.retry = settings.getRetry();
    }

    public MutableHttpResponse<Publisher<Event<String>>> respond(String greeting, Flux<Event<String>> events) {
        Event<String> hello = Event.of("").retry(retry).comment(greeting);
        Flux<Event<String>> pings = Flux.interval(heartbeat, heartbeat).map(tick -> Event.of("").comment("ping"));
        // prefetch 1: a slow reader holds back the feed's cursor instead of a queue of events
        Flux<Event<String>> body = Flux.concat(Flux.just(hello), events.publish(shared ->
                Flux.merge(1, shared, pings.onBackpressureDrop().takeUntilOther(shared.ignoreElements())), 1));
        return HttpResponse.ok((Publisher<Event<String>>) body)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }
}
