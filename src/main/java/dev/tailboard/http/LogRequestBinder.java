package dev.tailboard.http;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Gives every log transport its {@link LogRequest} as an argument, parsed from the request by one rule. */
@Singleton
public class LogRequestBinder implements TypedRequestArgumentBinder<LogRequest> {

    @Override
    public Argument<LogRequest> argumentType() {
        return Argument.of(LogRequest.class);
    }

    @Override
    public BindingResult<LogRequest> bind(ArgumentConversionContext<LogRequest> context, HttpRequest<?> source) {
        LogRequest request = LogRequest.of(source);
        return () -> Optional.of(request);
    }
}
