package dev.tailboard.web;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.views.View;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /}: the jobs with their status, size, times, filtered by {@code ?status=…&q=…} as {@code GET /api/jobs}
 * filters. The newest {@link #RENDERED_ROWS} that match are rendered (readable without JavaScript);
 * {@code static/dashboard.js} then shows them all, a screenful at a time, and keeps them live.
 */
@Controller
public class DashboardPageController {

    static final int RENDERED_ROWS = 100;

    private final JobRegistry registry;

    public DashboardPageController(JobRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @View("dashboard")
    public Map<String, Object> dashboard(@Nullable @QueryValue String status, @Nullable @QueryValue String q) {
        List<Job> all = registry.all();
        List<Job> matching = JobFilter.parse(status, q, null).apply(all);
        Instant now = Instant.now();
        Map<String, Object> model = new HashMap<>();
        model.put("jobs", matching.stream().limit(RENDERED_ROWS).map(job -> JobRow.of(job, now)).toList());
        boolean filtered = status != null && !status.isBlank() || q != null && !q.isBlank();
        model.put("count", count(matching.size(), filtered)
                + (matching.size() > RENDERED_ROWS ? "; the " + RENDERED_ROWS + " most recent are shown" : ""));
        model.put("total", all.size());
        model.put("status", status == null ? "" : status.strip());
        model.put("q", q == null ? "" : q);
        model.put("statuses", Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList());
        model.put("logsDir", registry.root().toString());
        return model;
    }

    /** "3,000 jobs", or with a filter "12 matching jobs", as {@code static/dashboard.js} says it too. */
    static String count(int jobs, boolean filtered) {
        return String.format(Locale.ROOT, "%,d %s%s", jobs, filtered ? "matching " : "", jobs == 1 ? "job" : "jobs");
    }
}
