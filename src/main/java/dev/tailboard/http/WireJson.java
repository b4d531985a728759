package dev.tailboard.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes the JSON payloads of the log transports. */
@Singleton
public class WireJson {

    private final JsonMapper mapper;

    public WireJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code {"status": …, "exitCode": …}}, the data of {@code status} and {@code end}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusData(JobStatus status, @Nullable Integer exitCode) {
    }

    /**
     * {@code value} as JSON for a page's {@code <script type="application/json">} block: such a block is not
     * run as script, and '<' is escaped so that no {@code </script>} in the data can end it early.
     */
    public String dataBlock(Object value) {
        return write(value).replace("<", "\\u003c");
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
