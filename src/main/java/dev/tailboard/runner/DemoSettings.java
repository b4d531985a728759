package dev.tailboard.runner;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code tailboard.demo.*}: the built-in demo pipelines. */
@ConfigurationProperties("tailboard.demo")
public class DemoSettings {

    private boolean enabled = true;
    private double pace = 1.0;

    /** Offer the demo pipelines, and run them at start when the logs folder holds no job. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How the demo's pauses are scaled: 1 is about a minute for the build, 0 runs it without pauses. */
    public double getPace() {
        return pace;
    }

    public void setPace(double pace) {
        if (pace < 0 || Double.isNaN(pace) || Double.isInfinite(pace)) {
            throw new IllegalArgumentException("tailboard.demo.pace must be 0 or more");
        }
        this.pace = pace;
    }
}
