package dev.tailboard.web;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.PollAnswer;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogPage;
import dev.tailboard.logs.LogText;
import dev.tailboard.logs.LogView;
import dev.tailboard.logs.StartAt;
import dev.tailboard.runner.Pipeline;
import dev.tailboard.runner.Pipelines;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /jobs/{id}}: the log viewer. The job header and the last lines are rendered here, readable
 * without JavaScript; {@code static/log.js} then follows the log from exactly where they end.
 */
@Controller("/jobs")
public record JobPageController(LogFeeds feeds, JobRegistry registry, WireJson json, Pipelines pipelines) {

    static final int RENDERED_LINES = 500;

    /** A line as the page shows it without JavaScript. */
    public record ShownLine(long number, String text) {
    }

    @Get(uri = "/{+id}", produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @View("job")
    public Map<String, Object> job(@PathVariable JobId id) {
        LogPage page;
        try (LogView view = feeds.open(id, new StartAt.Tail(RENDERED_LINES)).orElseThrow(() -> ApiException.noJob(id))) {
            page = view.read(RENDERED_LINES);
        }
        Job job = registry.find(id).orElseThrow(() -> ApiException.noJob(id));
        PollAnswer excerpt = PollAnswer.rendered(id, page);
        List<ShownLine> lines = new ArrayList<>(excerpt.lines().size());
        for (int i = 0; i < excerpt.lines().size(); i++) {
            lines.add(new ShownLine(excerpt.line() + i, LogText.visible(excerpt.lines().get(i))));
        }
        return Map.of("row", JobRow.of(job, Instant.now()),
                // a run of a pipeline can be run again, and cancelled while it runs
                "pipeline", pipelines.ofRun(id).map(Pipeline::name).orElse(""),
                "lines", lines,
                "excerpt", excerpt,
                "data", json.dataBlock(excerpt));
    }
}
