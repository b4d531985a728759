package dev.tailboard.http;

import dev.tailboard.jobs.JobId;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Turns a path variable, query value or body field into a {@link JobId}, so that an endpoint takes a
 * {@code JobId} and a bad one is a {@code 400} saying why, here and nowhere else.
 */
@Singleton
public class JobIdConverter implements TypeConverter<CharSequence, JobId> {

    @Override
    public Optional<JobId> convert(CharSequence value, Class<JobId> type, ConversionContext context) {
        try {
            return Optional.of(parse(value.toString()));
        } catch (ApiException refused) {
            context.reject(value, refused);
            return Optional.empty();
        }
    }

    /** The job id {@code value} names, or a {@code 400} that says what is wrong with it. */
    public static JobId parse(String value) {
        Optional<String> problem = JobId.problem(value);
        if (problem.isPresent()) {
            throw ApiException.badRequest(problem.get());
        }
        return new JobId(value);
    }
}
