package dev.tailboard.runner;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tailboard.pipelines.*} as written in YAML, as properties and as environment variables. */
class PipelineSettingsTest {

    @TempDir
    Path logs;

    private ApplicationContextBuilder context(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("tailboard.logs-dir", logs.toString());
        all.put("tailboard.demo.enabled", false);
        return ApplicationContext.builder().properties(all);
    }

    @Test
    void yamlKeepsEnvironmentNamesExactlyAsWritten() {
        try (ApplicationContext context = context(Map.of()).environments("pipelines-yaml").start()) {
            Pipeline web = context.getBean(Pipelines.class).find("web").orElseThrow();
            assertEquals(List.of("npm", "run", "build"), web.command());
            assertEquals(Path.of("frontend"), web.workingDir());
            assertEquals(Map.of("NODE_ENV", "production", "npm_config_cache", ".npm", "camelCase", "kept",
                    "dotted.name", "kept too"), web.env());
            assertEquals(List.of("NPM_TOKEN"), web.secrets());
            assertEquals(Duration.ofMinutes(10), web.timeout());
        }
    }

    @Test
    void propertiesKeepEnvironmentNamesExactlyAsWritten() {
        try (ApplicationContext context = context(Map.of(
                "tailboard.pipelines.api.command", List.of("mvn", "-B", "verify"),
                "tailboard.pipelines.api.env.MAVEN_OPTS", "-Xmx1g",
                "tailboard.pipelines.api.env.javaHome", "/opt/jdk")).start()) {
            Pipeline api = context.getBean(Pipelines.class).find("api").orElseThrow();
            assertEquals(Map.of("MAVEN_OPTS", "-Xmx1g", "javaHome", "/opt/jdk"), api.env());
        }
    }

    @Test
    void environmentVariablesSetEverythingButTheEnvironment() {
        PropertySource variables = PropertySource.of("env", Map.of(
                "TAILBOARD_PIPELINES_NIGHTLY_COMMAND", "make,-j4,all",
                "TAILBOARD_PIPELINES_NIGHTLY_WORKING_DIR", "/srv/src",
                "TAILBOARD_PIPELINES_NIGHTLY_SECRETS", "DEPLOY_TOKEN,SIGNING_KEY",
                "TAILBOARD_PIPELINES_NIGHTLY_TIMEOUT", "90s"), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = context(Map.of()).propertySources(variables).start()) {
            Pipeline nightly = context.getBean(Pipelines.class).find("nightly").orElseThrow();
            assertEquals(List.of("make", "-j4", "all"), nightly.command());
            assertEquals(Path.of("/srv/src"), nightly.workingDir());
            assertEquals(List.of("DEPLOY_TOKEN", "SIGNING_KEY"), nightly.secrets());
            assertEquals(Duration.ofSeconds(90), nightly.timeout());
        }
    }

    @Test
    void aNameMicronautWouldRenameStopsTheStart() {
        String problem = startFailure(Map.of("tailboard.pipelines.Front_End.command", List.of("npm", "test")));
        assertTrue(problem.contains("'Front_End'"), problem);
    }

    @Test
    void aPipelineWithoutACommandStopsTheStart() {
        String problem = startFailure(Map.of("tailboard.pipelines.empty.timeout", "1m"));
        assertEquals("tailboard.pipelines.empty.command is required: the program and its arguments, as a list", problem);
    }

    private String startFailure(Map<String, Object> properties) {
        Throwable failure = assertThrows(RuntimeException.class, () -> context(properties).start().close());
        while (failure != null && !(failure instanceof ConfigurationException)) {
            failure = failure.getCause();
        }
        assertTrue(failure != null, "the start fails on the configuration");
        return failure.getMessage();
    }
}
