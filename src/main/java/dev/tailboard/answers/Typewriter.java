package dev.tailboard.answers;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a finished text into an answer a word at a time, {@code chunk-delay} apart. One scheduler thread
 * types every answer: a pending chunk is a scheduled task, not a sleeping thread.
 */
@Singleton
public class Typewriter {

    /** A word with the white space after it, or white space at the start. */
    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "answer-typewriter");
        thread.setDaemon(true);
        return thread;
    });
    private final long delayNanos;

    public Typewriter(AnswerSettings settings) {
        this.delayNanos = Math.max(0, settings.getChunkDelay().toNanos());
    }

    /** Types {@code text} into {@code answer} and ends it; stops early when the answer is cancelled. */
    public void type(String text, Answer answer) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        clock.execute(new Typing(words, answer));
    }

    private final class Typing implements Runnable {
        private final List<String> words;
        private final Answer answer;
        private int next;

        Typing(List<String> words, Answer answer) {
            this.words = words;
            this.answer = answer;
        }

        @Override
        public void run() {
            if (next < words.size() && !answer.append(words.get(next++))) {
                return;
            }
            if (next >= words.size()) {
                answer.end(FinishReason.STOP);
            } else {
                clock.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    @PreDestroy
    void close() {
        clock.shutdownNow();
    }
}
