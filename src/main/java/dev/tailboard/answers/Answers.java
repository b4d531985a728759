package dev.tailboard.answers;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers being written and kept. A kept answer stays {@code keep} after it ended, so that a reload can resume
 * it; there are at most {@code max-kept} of them: when there are that many, the one that ended first makes room,
 * and only when all are still being written is a new one refused. One client address may have at most
 * {@code max-per-client} answers being written at once, so that no one takes every place.
 */
@Singleton
public class Answers {

    private final AnswerEngine engine;
    private final AnswerSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Kept> kept = new LinkedHashMap<>();

    /** A kept answer, and the address of the client that asked for it. */
    private record Kept(Answer answer, String client) {
        boolean ended() {
            return answer.endedAt().isPresent();
        }
    }

    public Answers(AnswerEngine engine, AnswerSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Starts an answer that is kept: it goes on when its viewers leave, and any viewer can resume it.
     *
     * @throws TooManyAnswers when the client writes as many as it may, or every kept answer is still being written
     */
    public Answer ask(Question question, String client) {
        Answer answer = newAnswer(question);
        synchronized (this) {
            makeRoom(client);
            kept.put(answer.id(), new Kept(answer, client));
        }
        engine.start(answer);
        return answer;
    }

    /** Starts an answer for one caller, who follows it to the end or cancels it; it is not kept. */
    public Answer askOnce(Question question) {
        Answer answer = newAnswer(question);
        engine.start(answer);
        return answer;
    }

    public synchronized Optional<Answer> find(String id) {
        return Optional.ofNullable(kept.get(id)).map(Kept::answer);
    }

    private Answer newAnswer(Question question) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return new Answer(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), question, settings.getMaxLength());
    }

    private void makeRoom(String client) {
        Instant expired = Instant.now().minus(settings.getKeep());
        kept.values().removeIf(old -> old.answer().endedAt().filter(ended -> ended.isBefore(expired)).isPresent());
        long writing = kept.values().stream().filter(old -> old.client().equals(client) && !old.ended()).count();
        if (writing >= settings.getMaxPerClient()) {
            throw new TooManyAnswers("you have " + writing
                    + " answers being written: wait for one to end, or cancel one");
        }
        if (kept.size() >= settings.getMaxKept()) {
            Kept firstEnded = kept.values().stream().filter(Kept::ended)
                    .min(Comparator.comparing(old -> old.answer().endedAt().orElseThrow()))
                    .orElseThrow(() -> new TooManyAnswers(
                            "too many answers: all " + kept.size() + " kept are still being written; try again shortly"));
            kept.remove(firstEnded.answer().id());
        }
    }
}
