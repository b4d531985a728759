package dev.tailboard.web;

import dev.tailboard.jobs.JobRegistry;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.View;

import java.time.Instant;
import java.util.Map;

/** {@code /}: every job with its status, size, times; {@code static/dashboard.js} keeps it live. */
@Controller
public class DashboardPageController {

    private final JobRegistry registry;

    public DashboardPageController(JobRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @View("dashboard")
    public Map<String, Object> dashboard() {
        Instant now = Instant.now();
        return Map.of("jobs", registry.all().stream().map(job -> JobRow.of(job, now)).toList(),
                "logsDir", registry.root().toString());
    }
}
