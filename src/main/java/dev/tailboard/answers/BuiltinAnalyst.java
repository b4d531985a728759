package dev.tailboard.answers;

import dev.tailboard.analyst.Briefings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;

/** The {@code builtin} engine: answers from the logs themselves, no model needed, typed out word by word. */
@Singleton
@Requires(property = "tailboard.answers.engine", value = "builtin", defaultValue = "builtin")
public class BuiltinAnalyst implements AnswerEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinAnalyst.class);

    private final Briefings briefings;
    private final Typewriter typewriter;
    private final ExecutorService blocking;

    public BuiltinAnalyst(Briefings briefings, Typewriter typewriter, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.briefings = briefings;
        this.typewriter = typewriter;
        this.blocking = blocking;
    }

    @Override
    public void start(Answer answer) {
        blocking.execute(() -> {
            String report;
            try {
                report = briefings.brief(answer.question().said(), answer.question().job()).report();
            } catch (RuntimeException e) {
                LOG.warn("Could not answer {}", answer.id(), e);
                answer.fail("could not read the logs (" + e.getMessage() + ")");
                return;
            }
            typewriter.type(report, answer);
        });
    }
}
