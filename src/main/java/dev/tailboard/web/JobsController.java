package dev.tailboard.web;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.PlainText;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.apache.commons.io.input.BoundedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The job list, one job, and a job's raw log (with {@code Range}). */
@Controller("/api/jobs")
public class JobsController {

    private final JobRegistry registry;

    public JobsController(JobRegistry registry) {
        this.registry = registry;
    }

    /** Most recently updated first; filtered by {@code status}, {@code q} and {@code limit} (see {@link JobFilter}). */
    @Get
    public List<Job> list(@Nullable @QueryValue String status, @Nullable @QueryValue String q,
                          @Nullable @QueryValue String limit) {
        return JobFilter.parse(status, q, limit).apply(registry.all());
    }

    /** Not an id ending in {@code /cancel}: that path is the cancel route, so another method on it is a 405. */
    @Get("/{+id:.+(?<!/cancel)}")
    public Job job(@PathVariable JobId id) {
        return find(id);
    }

    @Get("/{+id}/raw")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> raw(@PathVariable JobId id, @Nullable @Header("Range") String range) throws IOException {
        find(id);
        // the real path, checked to be inside the logs folder: a link swapped in since the last scan is not followed
        Path file = registry.realLogFile(id).orElseThrow(() -> ApiException.noJob(id));
        if (range == null) {
            return whole(id, file);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        long size = channel.size();
        ByteRange bytes = ByteRange.parse(range, size);
        if (bytes == null) {
            channel.close();
            return whole(id, file);
        }
        if (bytes.unsatisfiable()) {
            channel.close();
            return HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", "bytes */" + size);
        }
        InputStream in = BoundedInputStream.builder()
                .setInputStream(Channels.newInputStream(channel.position(bytes.start())))
                .setMaxCount(bytes.length())
                .get();
        long modified = Files.getLastModifiedTime(file).toMillis();
        return file(id, HttpResponse.status(HttpStatus.PARTIAL_CONTENT)
                .body(new StreamedFile(in, PlainText.UTF8, modified, bytes.length()))
                .contentType(PlainText.UTF8)
                .header("Accept-Ranges", "bytes")
                .header("Content-Range", "bytes " + bytes.start() + "-" + (bytes.start() + bytes.length() - 1) + "/" + size));
    }

    /** The whole file, sent zero-copy (Micronaut's file writer says {@code Accept-Ranges} itself). */
    private static HttpResponse<?> whole(JobId id, Path file) {
        return file(id, HttpResponse.ok(new SystemFile(file.toFile(), PlainText.UTF8)));
    }

    /**
     * What the whole log and a part of it both say: never cached, since a log grows; and, saved, named after its
     * job ({@code demo-build-1.log}), since every pipeline's first run is a {@code 1.log}.
     */
    private static HttpResponse<?> file(JobId id, MutableHttpResponse<?> response) {
        return response.header("Cache-Control", "no-cache")
                .header("Content-Disposition", "inline; filename=\"" + id.value().replace('/', '-') + ".log\"");
    }

    private Job find(JobId id) {
        return registry.find(id).orElseThrow(() -> ApiException.noJob(id));
    }
}
