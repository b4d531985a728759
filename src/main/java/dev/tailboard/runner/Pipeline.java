package dev.tailboard.runner;

import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A pipeline the runner may start: a command (an argv list, never passed through a shell unless it names
 * one), the folder it runs in, extra environment, the names of the variables whose values are secrets,
 * and how long a run may take.
 */
public record Pipeline(String name,
                       List<String> command,
                       @Nullable Path workingDir,
                       Map<String, String> env,
                       List<String> secrets,
                       @Nullable Duration timeout) {

    public Pipeline {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        secrets = List.copyOf(secrets);
    }
}
