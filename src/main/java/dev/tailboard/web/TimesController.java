package dev.tailboard.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.http.ApiException;
import dev.tailboard.http.LogRequest;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.logs.ArrivalTimes;
import dev.tailboard.logs.Arrivals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /api/jobs/{id}/times?from=N}: when the bytes of a log arrived. */
@Controller("/api/jobs")
public class TimesController {

    private final JobRegistry registry;
    private final ArrivalTimes arrivals;

    public TimesController(JobRegistry registry, ArrivalTimes arrivals) {
        this.registry = registry;
        this.arrivals = arrivals;
    }

    /**
     * {@code points}: {@code [end, epochMillis]}, ascending in both, covering the bytes from {@code from} on.
     * {@code timedFrom}: bytes before it were in the file when tailboard first saw it and have no time.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Times(String job, long timedFrom, List<long[]> points) {
    }

    @Get("/{+id}/times")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Times times(@PathVariable JobId id, @Nullable @QueryValue String from) {
        long start = from == null ? 0 : LogRequest.cursor("from", from);
        Job job = registry.find(id).orElseThrow(() -> ApiException.noJob(id));
        Arrivals times = arrivals.of(id, job.size());
        return new Times(id.value(), times.timedFrom(), times.pointsAfter(start));
    }
}
