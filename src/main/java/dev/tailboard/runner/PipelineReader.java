package dev.tailboard.runner;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code tailboard.pipelines.<name>} block exactly as written: a command, a folder or a variable is
 * the user's text and reaches the process unchanged, {@code ${…}} included. A value that does not fit throws
 * a {@link ConfigurationException} that names it.
 */
final class PipelineReader {

    private final WrittenProperties written;
    private final ConversionService conversion;

    PipelineReader(WrittenProperties written, ConversionService conversion) {
        this.written = written;
        this.conversion = conversion;
    }

    Pipeline read(String name) {
        String where = Pipelines.PREFIX + "." + name;
        List<String> command = list(where + ".command");
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new ConfigurationException(where + ".command is required: the program and its arguments, as a list");
        }
        Path workingDir = written.value(where + ".working-dir").map(value -> path(where + ".working-dir", value))
                .orElse(null);
        List<String> secrets = list(where + ".secrets");
        if (secrets.stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(where + ".secrets lists the names of environment variables; one is empty");
        }
        Duration timeout = written.value(where + ".timeout").map(value -> duration(where + ".timeout", value))
                .orElse(null);
        return new Pipeline(name, command, workingDir, env(where + ".env"), secrets, timeout);
    }

    /** A YAML list, or a comma-separated value as environment variables and {@code -D} options give lists. */
    private List<String> list(String key) {
        return written.value(key)
                .map(value -> conversion.convert(value, Argument.listOf(String.class))
                        .orElseThrow(() -> new ConfigurationException(key + " must be a list")))
                .orElse(List.of());
    }

    private Map<String, String> env(String key) {
        Map<String, String> env = new LinkedHashMap<>();
        // An empty YAML value is null: the variable is set, to nothing.
        written.below(key).forEach((variable, value) -> env.put(variable, value == null ? "" : value.toString()));
        return env;
    }

    private static Path path(String key, Object value) {
        try {
            return Path.of(value.toString());
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key + " is not a path: " + e.getMessage());
        }
    }

    private Duration duration(String key, Object value) {
        Duration duration = conversion.convert(value, Duration.class)
                .orElseThrow(() -> new ConfigurationException(key + " must be a duration such as 90s, 10m or 2h, not '"
                        + value + "'"));
        if (duration.isNegative() || duration.isZero()) {
            throw new ConfigurationException(key + " must be longer than zero");
        }
        return duration;
    }
}
