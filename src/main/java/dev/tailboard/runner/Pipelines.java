package dev.tailboard.runner;

import dev.tailboard.jobs.JobId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.value.PropertyCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every pipeline that can run: the configured ones and, while the demo is on, the demo's. Only these can be
 * started. Checked at start: a pipeline with a mistake is refused, with a message that names it and says what
 * is wrong, and the others run.
 */
@Context
public class Pipelines {

    static final String PREFIX = "tailboard.pipelines";
    /** The spelling Micronaut gives property names; a name spelled otherwise would be renamed silently. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
    private static final Pattern RUN_NUMBER = Pattern.compile("[1-9][0-9]*");
    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);

    private final Map<String, Pipeline> byName = new TreeMap<>();

    public Pipelines(DemoPipelines demo, Environment environment) {
        for (Pipeline pipeline : demo.all()) {
            byName.put(pipeline.name(), pipeline);
        }
        // Nothing to close: it never resolves a placeholder, so it never loads an expression resolver.
        WrittenProperties written = new WrittenProperties(environment);
        Set<String> refused = refuseRenamed(written.getPropertyEntries(PREFIX, PropertyCatalog.RAW));
        PipelineReader reader = new PipelineReader(written, environment);
        for (String name : written.getPropertyEntries(PREFIX)) {
            if (!refused.contains(name)) {
                add(name, reader);
            }
        }
    }

    public List<Pipeline> all() {
        return new ArrayList<>(byName.values());
    }

    public Optional<Pipeline> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The pipeline that {@code job} is a run of, judged by its id ({@code <name>/<n>}), while it can run. */
    public Optional<Pipeline> ofRun(JobId job) {
        List<String> segments = job.segments();
        return segments.size() == 2 && RUN_NUMBER.matcher(segments.get(1)).matches()
                ? find(segments.get(0)) : Optional.empty();
    }

    private void add(String name, PipelineReader reader) {
        try {
            Pipeline pipeline = reader.read(name);
            if (byName.put(name, pipeline) != null) {
                LOG.info("The configured pipeline {} replaces the demo pipeline of that name", name);
            }
        } catch (ConfigurationException e) {
            LOG.error("Pipeline '{}' is refused: {}", name, e.getMessage());
        }
    }

    /** Names as written that Micronaut would rename; answers the names it would give them, which must not run. */
    private static Set<String> refuseRenamed(Iterable<String> written) {
        Set<String> renamed = new HashSet<>();
        for (String name : written) {
            if (!NAME.matcher(name).matches()) {
                LOG.error("Pipeline '{}' is refused: in {} use lower-case letters, digits and '-' (at most 128, "
                        + "starting with a letter or digit)", name, PREFIX);
                renamed.add(NameUtils.hyphenate(name, true));
            }
        }
        return renamed;
    }
}
