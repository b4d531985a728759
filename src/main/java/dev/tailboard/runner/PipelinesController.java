package dev.tailboard.runner;

import dev.tailboard.http.ApiException;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** The pipelines, starting a run, and cancelling one. */
@Controller("/api")
public class PipelinesController {

    private final Pipelines pipelines;
    private final PipelineRunner runner;
    private final JobRegistry registry;
    private final OtherNodes otherNodes;

    public PipelinesController(Pipelines pipelines, PipelineRunner runner, JobRegistry registry,
                               @Nullable OtherNodes otherNodes) {
        this.pipelines = pipelines;
        this.runner = runner;
        this.registry = registry;
        this.otherNodes = otherNodes;
    }

    @Serdeable
    record PipelineView(String name, List<String> command) {
    }

    @Get("/pipelines")
    public List<PipelineView> list() {
        return pipelines.all().stream().map(pipeline -> new PipelineView(pipeline.name(), pipeline.command())).toList();
    }

    @Post("/pipelines/{name}/runs")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Job> run(@PathVariable String name) throws IOException {
        Pipeline pipeline = pipelines.find(name).orElseThrow(() -> ApiException.notFound("no pipeline '" + name + "'"));
        try {
            Job job = runner.start(pipeline);
            return HttpResponse.created(job, URI.create("/jobs/" + job.id()));
        } catch (RunQueue.Full e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        }
    }

    @Post("/jobs/{+id}/cancel")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Job> cancel(@PathVariable JobId id) {
        Job found = registry.find(id).orElseThrow(() -> ApiException.noJob(id));
        if (!runner.cancel(id) && (otherNodes == null || !otherNodes.cancel(found))) {
            throw new ApiException(HttpStatus.CONFLICT, "job '" + id + "' is not a running or queued run of this server");
        }
        return HttpResponse.<Job>status(HttpStatus.ACCEPTED).body(found);
    }
}
