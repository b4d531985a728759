package dev.tailboard.runner;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tailboard.pipelines.*} as written in YAML, as properties and as environment variables. */
class PipelineConfigurationTest {

    @TempDir
    Path temp;

    private ApplicationContextBuilder context(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("tailboard.logs-dir", temp.toString());
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
                "TAILBOARD_PIPELINES_NIGHTLY_COMMAND", "make,-j4,${TARGET:all}",
                "TAILBOARD_PIPELINES_NIGHTLY_WORKING_DIR", "/srv/src",
                "TAILBOARD_PIPELINES_NIGHTLY_SECRETS", "DEPLOY_TOKEN,SIGNING_KEY",
                "TAILBOARD_PIPELINES_NIGHTLY_TIMEOUT", "90s"), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = context(Map.of()).propertySources(variables).start()) {
            Pipeline nightly = context.getBean(Pipelines.class).find("nightly").orElseThrow();
            assertEquals(List.of("make", "-j4", "${TARGET:all}"), nightly.command());
            assertEquals(Path.of("/srv/src"), nightly.workingDir());
            assertEquals(List.of("DEPLOY_TOKEN", "SIGNING_KEY"), nightly.secrets());
            assertEquals(Duration.ofSeconds(90), nightly.timeout());
        }
    }

    @Test
    void anEnvironmentVariableOverridesYamlAsForEveryOtherSetting() {
        PropertySource variables = PropertySource.of("env", Map.of("TAILBOARD_PIPELINES_WEB_WORKING_DIR", "/srv/web"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = context(Map.of()).environments("pipelines-yaml").propertySources(variables)
                .start()) {
            assertEquals(Path.of("/srv/web"), context.getBean(Pipelines.class).find("web").orElseThrow().workingDir());
        }
    }

    /**
     * The text of a pipeline reaches the process as written, {@code ${…}} included, in a real server started
     * from a YAML file; pipelines with a mistake are refused, each named in the server's log, and the others run.
     */
    @Test
    void theTextAsWrittenReachesTheProcessAndABadPipelineStopsOnlyItself() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("${folder}"));
        String yaml = """
                tailboard:
                  pipelines:
                    shell:
                      command: [sh, -c, 'echo "${MY_VAR-unset} $GREETING $PWD"']
                      working-dir: '%s'
                      env:
                        GREETING: '${HOME:nowhere}'
                    Front_End:
                      command: [npm, test]
                    no-command:
                      timeout: 1m
                    late:
                      command: [sh, -c, 'echo late']
                      timeout: soon
                """.formatted(folder);
        PropertySource file = PropertySource.of("pipelines.yml", new YamlPropertySourceLoader()
                .read("pipelines.yml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Pipelines.class);
        log.start();
        logger.addAppender(log);
        try (RunnerServer server = RunnerServer.start(Files.createDirectories(temp.resolve("logs")), Map.of(), file)) {
            assertEquals("[{\"name\":\"shell\",\"command\":[\"sh\",\"-c\",\"echo \\\"${MY_VAR-unset} $GREETING $PWD\\\"\"]}]",
                    server.get("/api/pipelines").body());
            Job run = server.run("shell");
            server.awaitStatus(run.id(), JobStatus.SUCCESS);
            assertEquals("unset ${HOME:nowhere} " + folder + "\n", server.log(run.id()));
            assertEquals(404, server.post("/api/pipelines/front-end/runs").status());
        } finally {
            logger.detachAppender(log);
        }
        List<String> refusals = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(3, refusals.size(), refusals.toString());
        assertTrue(refusals.contains("Pipeline 'Front_End' is refused: in tailboard.pipelines use lower-case letters, "
                + "digits and '-' (at most 128, starting with a letter or digit)"), refusals.toString());
        assertTrue(refusals.contains("Pipeline 'no-command' is refused: tailboard.pipelines.no-command.command is "
                + "required: the program and its arguments, as a list"), refusals.toString());
        assertTrue(refusals.contains("Pipeline 'late' is refused: tailboard.pipelines.late.timeout must be a duration "
                + "such as 90s, 10m or 2h, not 'soon'"), refusals.toString());
    }
}
