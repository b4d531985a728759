package dev.tailboard.answers;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.ServerWebSocket;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code ws://…/ws/answers}: the client sends {@code {"type": "prompt", "prompt", "job"}} and gets
 * {@code {"type": "delta", "text"}} … {@code {"type": "end", "finishReason"}}; {@code {"type": "stop"}} cancels.
 * One answer at a time per socket; closing the socket cancels it, since nobody could resume it.
 */
@ServerWebSocket("/ws/answers")
public record AnswerSocket(Answers answers, JobRegistry registry, JsonMapper jsonMapper, WireJson json) {

    private static final String CURRENT = "tailboard.answer";
    private static final SocketFormat FORMAT = new SocketFormat();

    @Serdeable
    record DeltaMessage(String type, String text) {
    }

    @Serdeable
    record EndMessage(String type, FinishReason finishReason) {
    }

    @Serdeable
    record ErrorMessage(String type, String error) {
    }

    /** What a client sends: {@code {"type": "prompt", "prompt", "job"}} or {@code {"type": "stop"}}. */
    @Serdeable
    record ClientMessage(@Nullable String type, @Nullable String prompt, @Nullable String job) {
    }

    /** The answer a socket is being sent, until its end has been sent. */
    private record Streaming(Answer answer, Disposable delivery) {
    }

    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        try {
            ClientMessage received = read(message);
            String type = received.type();
            if ("prompt".equals(type)) {
                prompt(new PromptRequest(received.prompt(), received.job()), session);
            } else if ("stop".equals(type)) {
                current(session).ifPresent(streaming -> streaming.answer().cancel());
            } else {
                throw ApiException.badRequest("'type' must be 'prompt' or 'stop'");
            }
        } catch (ApiException e) {
            send(session, new ErrorMessage("error", e.getMessage())).subscribe();
        }
    }

    private ClientMessage read(String message) {
        ClientMessage received;
        try {
            received = jsonMapper.readValue(message, ClientMessage.class);
        } catch (IOException | RuntimeException e) {
            received = null;
        }
        if (received == null) {
            throw ApiException.badRequest("a message must be a JSON object with a 'type'");
        }
        return received;
    }

    private void prompt(PromptRequest request, WebSocketSession session) {
        Question question = request.question(registry);
        synchronized (session) {
            if (current(session).isPresent()) {
                throw ApiException.badRequest("an answer is still being sent: send {\"type\": \"stop\"} first");
            }
            Answer answer = answers.askOnce(question);
            Disposable.Swap delivery = Disposables.swap();
            Streaming streaming = new Streaming(answer, delivery);
            session.put(CURRENT, streaming);
            delivery.update(AnswerView.open(answer, 0).events()
                    .concatMap(event -> send(session, event.in(FORMAT)).doOnSuccess(sent -> {
                        if (event instanceof AnswerEvent.End) {
                            finished(session, streaming);
                        }
                    }))
                    .subscribe());
        }
    }

    private static void finished(WebSocketSession session, Streaming streaming) {
        synchronized (session) {
            if (current(session).filter(streaming::equals).isPresent()) {
                session.remove(CURRENT);
            }
        }
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        current(session).ifPresent(streaming -> {
            streaming.answer().cancel();
            streaming.delivery().dispose();
        });
        // with an @OnClose method Micronaut leaves answering the client's close frame to it
        if (session.isOpen()) {
            session.close(CloseReason.NORMAL);
        }
    }

    private static Optional<Streaming> current(WebSocketSession session) {
        return session.get(CURRENT, Streaming.class);
    }

    /** An answer event as a socket message; a socket's answer starts at 0, so it is never reset. */
    private static final class SocketFormat implements AnswerEvent.Format<Object> {

        @Override
        public Object delta(String text, int end) {
            return new DeltaMessage("delta", text);
        }

        @Override
        public Object reset() {
            throw new IllegalStateException("an answer followed from 0 is never reset");
        }

        @Override
        public Object end(FinishReason reason) {
            return new EndMessage("end", reason);
        }
    }

    private Mono<String> send(WebSocketSession session, Object message) {
        return session.isOpen() ? Mono.from(session.send(json.write(message))) : Mono.empty();
    }
}
