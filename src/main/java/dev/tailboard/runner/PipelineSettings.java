package dev.tailboard.runner;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One {@code tailboard.pipelines.<name>} block of the configuration. */
@EachProperty("tailboard.pipelines")
public class PipelineSettings {

    private final String name;
    private List<String> command = List.of();
    private Path workingDir;
    private Map<String, String> env = Map.of();
    private List<String> secrets = List.of();
    private Duration timeout;

    public PipelineSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    @Nullable
    public Path getWorkingDir() {
        return workingDir;
    }

    public void setWorkingDir(@Nullable Path workingDir) {
        this.workingDir = workingDir;
    }

    public Map<String, String> getEnv() {
        return env;
    }

    /** Raw and flat, so that a variable's name reaches the process as written: Micronaut would hyphenate it. */
    public void setEnv(@MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
                       Map<String, String> env) {
        this.env = env;
    }

    public List<String> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<String> secrets) {
        this.secrets = secrets;
    }

    @Nullable
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
        this.timeout = timeout;
    }

    Pipeline pipeline() {
        return new Pipeline(name, command, workingDir, env, secrets, timeout);
    }
}
