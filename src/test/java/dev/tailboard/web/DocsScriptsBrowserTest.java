package dev.tailboard.web;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.DocExamples;
import dev.tailboard.testing.DocExamples.Example;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Runs the JavaScript examples of the README and its docs in a real browser, on a page of a real tailboard that
 * holds {@code backend/42} as the README's "Try it" leaves it, and compares what they log with the output the
 * docs show.
 */
class DocsScriptsBrowserTest extends BrowserTest {

    @Override
    protected Map<String, Object> settings() {
        logs.append("backend/42", "compiling…\nTests run: 12, Failures: 1, Errors: 0\n"
                + "[ERROR] ParserTest.emptyInput: expected 0 but was 1\n");
        logs.sidecar("backend/42", "{\"status\":\"failed\",\"exitCode\":1}");
        return Map.of();
    }

    @Test
    void everyScriptLogsWhatTheDocsShow() {
        List<Example> scripts = DocExamples.read(Path.of("")).stream()
                .filter(example -> example.language().equals("js") && !example.notRun()).toList();
        assertFalse(scripts.isEmpty(), "the JavaScript examples are found");
        for (Example script : scripts) {
            assertNotNull(script.expected(), script.place() + ": a script with no output after it, so nothing tells it worked");
            browser.open(server.uri("/health").toString());
            browser.js("window.printed = [];"
                    + "console.log = (...values) => window.printed.push(values.join(' '));"
                    + "console.clear = () => window.printed.length = 0;");
            browser.js(script.code());
            Await.until(script.place() + " logging " + script.expected() + " (it logged " + printed() + ")",
                    () -> script.printed(printed()));
        }
    }

    private String printed() {
        return String.join("\n", asStrings(browser.js("return window.printed")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> asStrings(Object values) {
        return (List<String>) values;
    }
}
