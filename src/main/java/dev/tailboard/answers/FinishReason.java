package dev.tailboard.answers;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

/** Why an answer ended: it was complete, someone stopped it, or its engine failed. */
@Serdeable
public enum FinishReason {
    STOP, CANCELLED, ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
