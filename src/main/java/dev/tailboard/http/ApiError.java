package dev.tailboard.http;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every error under {@code /api/} and {@code /v1/}. */
@Serdeable
public record ApiError(String error) {
}
