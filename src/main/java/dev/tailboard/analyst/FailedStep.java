package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

/** The step a failure happened in: its name (a command or a section), its first line, and the line that ended it. */
public record FailedStep(String name, Quote start, @Nullable Quote end) {
}
