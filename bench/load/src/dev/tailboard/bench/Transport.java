package dev.tailboard.bench;

import java.util.Arrays;
import java.util.function.BiFunction;

/** Every way of following a log that the benchmark knows, by the name the script uses. */
enum Transport {
    TAILBOARD_SSE("tailboard-sse", TailboardSse::new),
    TAILBOARD_WEBSOCKET("tailboard-ws", TailboardWebSocket::new),
    TAILBOARD_STREAM("tailboard-stream", TailboardStream::new),
    TAILBOARD_LONG_POLL("tailboard-longpoll", TailboardLongPoll::new),
    TAIL_SSE("tail-sse", NaiveSse::tutorial),
    NCHAN("nchan", NaiveSse::nchan),
    FRONTAIL("frontail", SocketIo::new);

    private final String wireName;
    private final BiFunction<Viewer, Target, Protocol> protocol;

    Transport(String wireName, BiFunction<Viewer, Target, Protocol> protocol) {
        this.wireName = wireName;
        this.protocol = protocol;
    }

    String wireName() {
        return wireName;
    }

    /** A fresh protocol for one connection of {@code viewer}; it resumes from the viewer's cursor if it can. */
    Protocol open(Viewer viewer, Target target) {
        return protocol.apply(viewer, target);
    }

    static Transport named(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport " + name));
    }
}
