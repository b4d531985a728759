package dev.tailboard.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job's id: its log's path below the logs folder without {@code .log}. Validation lives here and
 * nowhere else, so that no other id can ever be turned into a path.
 */
public record JobId(String value) implements Comparable<JobId> {

    public static final int MAX_LENGTH = 1024;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Words that follow an id in URLs; a job whose last segment is one of them could not be addressed. */
    public static final Set<String> RESERVED = Set.of("log", "raw", "stream", "events", "times", "cancel");
    static final String LOG_SUFFIX = ".log";
    static final String SIDECAR_SUFFIX = ".json";
    static final String TIMES_SUFFIX = ".times";

    public JobId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a job id: " + value);
        }
    }

    public static Optional<JobId> parse(String value) {
        return isValid(value) ? Optional.of(new JobId(value)) : Optional.empty();
    }

    /** Why {@code value} is not a job id, or empty when it is one. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("a job id is required");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("job id is longer than " + MAX_LENGTH + " characters");
        }
        String[] segments = value.split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("job id segments are 1-128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
            }
        }
        if (RESERVED.contains(segments[segments.length - 1])) {
            return Optional.of("a job id cannot end with the reserved word '" + segments[segments.length - 1] + "'");
        }
        return Optional.empty();
    }

    public static boolean isValid(String value) {
        return problem(value).isEmpty();
    }

    /** The job whose log is {@code file}, if {@code file} is a {@code .log} below {@code root} with a valid id. */
    public static Optional<JobId> ofLogFile(Path root, Path file) {
        return ofFile(root, file, LOG_SUFFIX);
    }

    /**
     * Whether folder {@code dir} below {@code root} may hold a job: each of its names is a valid segment, and a job
     * inside would not be longer than {@link #MAX_LENGTH}. Nothing below one that may not is ever looked at.
     */
    public static boolean mayHoldJobs(Path root, Path dir) {
        if (!dir.startsWith(root)) {
            return false;
        }
        String relative = root.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), "/");
        return relative.isEmpty() || relative.length() <= MAX_LENGTH - 2
                && Arrays.stream(relative.split("/", -1)).allMatch(segment -> SEGMENT.matcher(segment).matches());
    }

    /** The job whose sidecar is {@code file}. */
    public static Optional<JobId> ofSidecarFile(Path root, Path file) {
        return ofFile(root, file, SIDECAR_SUFFIX);
    }

    private static Optional<JobId> ofFile(Path root, Path file, String suffix) {
        if (!file.startsWith(root)) {
            return Optional.empty();
        }
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (!relative.endsWith(suffix)) {
            return Optional.empty();
        }
        return parse(relative.substring(0, relative.length() - suffix.length()));
    }

    public Path logFile(Path root) {
        return resolve(root, LOG_SUFFIX);
    }

    public Path sidecarFile(Path root) {
        return resolve(root, SIDECAR_SUFFIX);
    }

    /**
     * Where the log's arrival times are kept: beside the log, hidden (a name starting with {@code .} is never a
     * job, nor a sidecar).
     */
    public Path timesFile(Path root) {
        Path log = logFile(root);
        return log.resolveSibling("." + name() + TIMES_SUFFIX);
    }

    private Path resolve(Path root, String suffix) {
        Path path = root;
        List<String> segments = segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            path = path.resolve(segments.get(i));
        }
        return path.resolve(segments.get(segments.size() - 1) + suffix);
    }

    public List<String> segments() {
        return List.of(value.split("/"));
    }

    /** The last segment, e.g. {@code 42} of {@code backend/42}. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
