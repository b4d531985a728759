package dev.tailboard.answers;

import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /ask}: the prompt form. {@code ?answer=<id>} shows that answer again with the conversation it
 * belongs to (the earlier turns it was asked with), streaming on from where it is: a reload resumes it.
 * {@code ?job=<id>} picks the job the question is about.
 */
@Controller("/ask")
public record AskController(Answers answers, JobRegistry registry, WireJson json) {

    /** What the page starts with: the answer to follow, and its conversation, the question last. */
    @Serdeable
    record Conversation(String answer, List<ChatMessage> turns) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public ModelAndView<Map<String, Object>> ask(@Nullable @QueryValue String answer, @Nullable @QueryValue String job) {
        Optional<Answer> shown = answer == null ? Optional.empty() : answers.find(answer);
        String picked = shown.map(found -> found.question().job()).map(JobId::value)
                .or(() -> Optional.ofNullable(job).filter(JobId::isValid))
                .orElse("");
        List<String> jobs = registry.all().stream().map(Job::id).sorted().toList();
        Map<String, Object> model = new HashMap<>();
        model.put("jobs", jobs);
        model.put("picked", picked);
        Conversation conversation = new Conversation(shown.map(Answer::id).orElse(""),
                shown.map(found -> found.question().messages()).orElse(List.of()));
        model.put("data", json.dataBlock(conversation));
        model.put("expired", answer != null && shown.isEmpty());
        return new ModelAndView<>("ask", model);
    }
}
