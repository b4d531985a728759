package dev.tailboard.runner;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every pipeline that can run: the configured ones and, while the demo is on, the demo's. Only these can be
 * started. Checked at start, so that a mistake in the configuration stops the server with a clear message
 * instead of failing a run later.
 */
@Context
public class Pipelines {

    static final String PREFIX = "tailboard.pipelines";
    /** The spelling Micronaut gives property names; a name spelled otherwise would be renamed silently. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);

    private final Map<String, Pipeline> byName = new TreeMap<>();

    public Pipelines(List<PipelineSettings> configured, DemoPipelines demo, Environment environment) {
        checkNames(environment.getProperties(PREFIX, StringConvention.RAW).keySet());
        for (Pipeline pipeline : demo.all()) {
            byName.put(pipeline.name(), pipeline);
        }
        for (PipelineSettings settings : configured) {
            Pipeline pipeline = check(settings.pipeline());
            if (byName.put(pipeline.name(), pipeline) != null) {
                LOG.info("The configured pipeline {} replaces the demo pipeline of that name", pipeline.name());
            }
        }
    }

    public List<Pipeline> all() {
        return new ArrayList<>(byName.values());
    }

    public Optional<Pipeline> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static void checkNames(Iterable<String> keys) {
        for (String key : keys) {
            int dot = key.indexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException("Pipeline name '" + name + "' in " + PREFIX + ": use lower-case "
                        + "letters, digits and '-' (at most 128, starting with a letter or digit)");
            }
        }
    }

    private static Pipeline check(Pipeline pipeline) {
        String where = PREFIX + "." + pipeline.name();
        if (!NAME.matcher(pipeline.name()).matches()) {
            throw new ConfigurationException("Pipeline name '" + pipeline.name() + "' in " + PREFIX
                    + ": use lower-case letters, digits and '-'");
        }
        if (pipeline.command().isEmpty() || pipeline.command().get(0).isBlank()) {
            throw new ConfigurationException(where + ".command is required: the program and its arguments, as a list");
        }
        if (pipeline.timeout() != null && (pipeline.timeout().isNegative() || pipeline.timeout().isZero())) {
            throw new ConfigurationException(where + ".timeout must be longer than zero");
        }
        if (pipeline.secrets().stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(where + ".secrets lists the names of environment variables; one is empty");
        }
        return pipeline;
    }
}
