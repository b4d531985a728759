package dev.tailboard.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

@Serdeable
public enum JobStatus {
    /** Waiting for a free runner (tailboard.runner.max-runs): not final, its log exists and is still empty. */
    QUEUED, RUNNING, SUCCESS, FAILED, CANCELLED, UNKNOWN;

    /** A final status: the log will not grow any more, streams end once it is delivered. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a sidecar names; anything unrecognised is {@link #UNKNOWN}. */
    public static JobStatus of(String wire) {
        if (wire != null) {
            for (JobStatus status : values()) {
                if (status.wire().equals(wire)) {
                    return status;
                }
            }
        }
        return UNKNOWN;
    }
}
