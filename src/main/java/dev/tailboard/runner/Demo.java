package dev.tailboard.runner;

import dev.tailboard.jobs.JobRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** On the first start, in a logs folder without jobs, runs the demo pipelines so the dashboard shows live builds. */
@Singleton
public record Demo(DemoPipelines demo, PipelineRunner runner, JobRegistry registry) implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    @Override
    public void onApplicationEvent(StartupEvent event) {
        // Looks at the folder itself rather than count on the watcher's first scan having run.
        registry.rescan();
        if (demo.all().isEmpty() || registry.size() > 0) {
            return;
        }
        LOG.info("The logs folder {} holds no job: running the demo pipelines (tailboard.demo.enabled=false turns "
                + "this off)", registry.root());
        for (Pipeline pipeline : demo.all()) {
            try {
                runner.start(pipeline);
            } catch (IOException | RunQueue.Full e) {
                LOG.warn("The demo pipeline {} could not start: {}", pipeline.name(), e.toString());
            }
        }
    }
}
