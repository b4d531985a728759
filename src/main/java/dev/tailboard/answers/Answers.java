package dev.tailboard.answers;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers being written and kept. A kept answer stays at least {@code keep} after it ended, so that a
 * reload can resume it; there are at most {@code max-kept} of them, and when all are younger a new one is
 * refused rather than an old one dropped early.
 */
@Singleton
public class Answers {

    private final AnswerEngine engine;
    private final AnswerSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Answer> kept = new LinkedHashMap<>();

    public Answers(AnswerEngine engine, AnswerSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Starts an answer that is kept: it goes on when its viewers leave, and any viewer can resume it.
     *
     * @throws TooManyAnswers when as many are kept as may be, all younger than {@code keep}
     */
    public Answer ask(Question question) {
        Answer answer = newAnswer(question);
        synchronized (this) {
            makeRoom();
            kept.put(answer.id(), answer);
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
        return Optional.ofNullable(kept.get(id));
    }

    private Answer newAnswer(Question question) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return new Answer(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), question, settings.getMaxLength());
    }

    private void makeRoom() {
        Instant expired = Instant.now().minus(settings.getKeep());
        kept.values().removeIf(answer -> answer.endedAt().filter(ended -> ended.isBefore(expired)).isPresent());
        if (kept.size() >= settings.getMaxKept()) {
            throw new TooManyAnswers(
                    "too many answers: " + kept.size() + " are kept for " + settings.getKeep().toMinutes()
                            + " minutes; try again later");
        }
    }
}
