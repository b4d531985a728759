package dev.tailboard.runner;

import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run numbers and who owns a run. Starting a run creates {@code <logs-dir>/<pipeline>/.<n>.run}, naming this
 * server; creating it is what claims number {@code n}, and it is removed once the run's final status is
 * written. A lease whose server no longer runs marks a run that a stopped server left behind.
 */
@Singleton
public class RunLeases {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);
    /** A run's log, its sidecar or its lease: {@code 7.log}, {@code 7.json}, {@code .7.run}. */
    private static final Pattern RUN_FILE = Pattern.compile("(\\d{1,18})\\.(?:log|json)|\\.(\\d{1,18})\\.run");

    private final JobRegistry registry;
    private final Path root;
    private final JsonMapper json;
    private final byte[] thisServer;

    public RunLeases(JobRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.root = registry.root();
        this.json = json;
        try {
            this.thisServer = json.writeValueAsBytes(RunLease.ofThisServer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Claims the pipeline's next run: one higher than any run of it in the folder, whoever wrote that, and never
     * a number that another node of a cluster holds.
     */
    public synchronized JobId claim(String pipeline) throws IOException {
        Path folder = root.resolve(pipeline);
        Files.createDirectories(folder);
        long number = highestRun(folder) + 1;
        while (true) {
            JobId run = new JobId(pipeline + "/" + number);
            try {
                if (!registry.isMirrored(run)) {
                    Files.write(leaseFile(folder, number), thisServer, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    return run;
                }
            } catch (FileAlreadyExistsException e) {
                // claimed already: try the next number
            }
            number++;
        }
    }

    public void release(JobId run) {
        try {
            Files.deleteIfExists(leaseFile(run));
        } catch (IOException e) {
            LOG.warn("Cannot remove the lease of run {}: {}", run, e.toString());
        }
    }

    /** The runs whose server has stopped without finishing them. */
    public List<JobId> abandoned() {
        List<JobId> abandoned = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                abandonedIn(folder, abandoned);
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for runs left by a stopped server in {}: {}", root, e.toString());
        }
        return abandoned;
    }

    private void abandonedIn(Path folder, List<JobId> abandoned) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.run")) {
            for (Path file : files) {
                Matcher matcher = RUN_FILE.matcher(file.getFileName().toString());
                if (matcher.matches() && matcher.group(2) != null && !read(file).serverAlive()) {
                    JobId.parse(folder.getFileName() + "/" + matcher.group(2)).ifPresent(abandoned::add);
                }
            }
        }
    }

    private RunLease read(Path lease) {
        try {
            return json.readValue(Files.readAllBytes(lease), RunLease.class);
        } catch (IOException | RuntimeException e) {
            // A lease that cannot be read was cut short by the stop of the server that wrote it.
            return new RunLease(-1, null);
        }
    }

    private static long highestRun(Path folder) throws IOException {
        long highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Matcher matcher = RUN_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    String number = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    highest = Math.max(highest, Long.parseLong(number));
                }
            }
        }
        return highest;
    }

    private Path leaseFile(JobId run) {
        return leaseFile(run.logFile(root).getParent(), Long.parseLong(run.name()));
    }

    private static Path leaseFile(Path folder, long number) {
        return folder.resolve("." + number + ".run");
    }
}
