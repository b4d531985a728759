package dev.tailboard.runner;

import jakarta.inject.Singleton;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo's pipelines: {@link DemoBuild} run by the JDK that runs tailboard, from tailboard's own classes, so
 * they need nothing else on the machine and are real processes writing real logs like any pipeline.
 */
@Singleton
public class DemoPipelines {

    static final String BUILD = "demo-build";
    static final String FAILING = "demo-failing";

    private final DemoSettings settings;

    public DemoPipelines(DemoSettings settings) {
        this.settings = settings;
    }

    /** Empty while the demo is turned off. */
    public List<Pipeline> all() {
        if (!settings.isEnabled()) {
            return List.of();
        }
        return List.of(pipeline(BUILD), pipeline(FAILING));
    }

    private Pipeline pipeline(String name) {
        List<String> command = List.of(java().toString(), "-Xmx32m", "-XX:+UseSerialGC", "-cp", classes().toString(),
                DemoBuild.class.getName(), name, Double.toString(settings.getPace()));
        return new Pipeline(name, command, null, Map.of(), List.of(), null);
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The folder or jar that holds tailboard's classes, and so {@link DemoBuild} and its scripts. */
    private static Path classes() {
        try {
            return Path.of(DemoBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate tailboard's classes", e);
        }
    }
}
