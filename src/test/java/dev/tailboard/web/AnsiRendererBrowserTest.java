package dev.tailboard.web;

import dev.tailboard.logs.LogText;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit tests of static/ansi.js, run in the browser that runs it for real. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("dev.tailboard.web.Browser#available")
class AnsiRendererBrowserTest {

    @TempDir
    static Path dir;
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
        browser = new Browser();
        // a page of ours without scripts of its own, to import the module into
        browser.open(server.uri("/no-such-page").toString());
    }

    @AfterAll
    void stop() {
        browser.close();
        server.close();
    }

    /** parseLine(raw) as "text|start-end:style,…" where style is the JSON of the style or "-". */
    private String parse(String raw) {
        return (String) browser.asyncJs("const done = arguments[arguments.length - 1];"
                + "import('/static/ansi.js').then(m => { const p = m.parseLine(arguments[0]);"
                + "done(p.text + '|' + p.runs.map(r => r.start + '-' + r.end + ':' + (r.style ? JSON.stringify(r.style) : '-')).join(',')); })"
                + ".catch(e => done('error: ' + e));", raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
            plain text                              ~ plain text|0-10:-
            \\e[31mred\\e[0m plain                  ~ red plain|0-3:{"fg":1},3-9:-
            \\e[91mbright\\e[39m                    ~ bright|0-6:{"fg":9}
            \\e[44;97mbg\\e[49mfg                   ~ bgfg|0-2:{"fg":15,"bg":4},2-4:{"fg":15}
            \\e[103mx                               ~ x|0-1:{"bg":11}
            \\e[38;5;208mo\\e[48;5;21mb             ~ ob|0-1:{"fg":208},1-2:{"fg":208,"bg":21}
            \\e[38;2;255;100;0mt                    ~ t|0-1:{"fg":"#ff6400"}
            \\e[48;2;0;0;0;1mk                      ~ k|0-1:{"bg":"#000000","bold":true}
            \\e[38:2::1:2:3mc\\e[38:5:99md          ~ cd|0-1:{"fg":"#010203"},1-2:{"fg":99}
            \\e[38;5mbad\\e[38;2;1;2mworse          ~ badworse|0-8:-
            \\e[1;31mX\\e[22mY\\e[mZ                ~ XYZ|0-1:{"fg":1,"bold":true},1-2:{"fg":1},2-3:-
            \\e[2;3;4;9;7mall\\e[0;m                ~ all|0-3:{"dim":true,"italic":true,"underline":true,"strike":true,"inverse":true}
            \\e[4:0mnot underlined                  ~ not underlined|0-14:-
            50%\\r100%                              ~ 100%|0-4:-
            abcdef\\rXY                             ~ XYcdef|0-6:-
            \\e[32mabcdef\\rXY\\e[K                 ~ XY|0-2:{"fg":2}
            abc\\e[2Kxy                             ~ "   xy|0-5:-"
            ab\\e[1K!                               ~ "  !|0-3:-"
            \\e[0Ksection_start:1:prep\\r\\e[0K\\e[36;1mPreparing\\e[0;m ~ Preparing|0-9:{"fg":6,"bold":true}
            \\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\ ~ link|0-4:-
            \\e]0;title\\x07text                    ~ text|0-4:-
            abc\\e[31                               ~ abc|0-3:-
            ab\\bc                                  ~ ac|0-2:-
            a\\x07b\\x00c                           ~ abc|0-3:-
            \\e(Bdone\\e=                           ~ done|0-4:-
            x\\e[5Gy\\e[2Dz\\e[Cw                  ~ "x  zyw|0-6:-"
            """)
    void parsesLikeATerminal(String raw, String expected) {
        assertEquals(expected, parse(unescape(raw.strip())));
    }

    @Test
    void rendersStylesAsClassesAndComputedColours() {
        String html = (String) browser.asyncJs("const done = arguments[arguments.length - 1];"
                + "import('/static/ansi.js').then(m => { const out = document.createElement('div');"
                + "const p = m.parseLine(arguments[0]); m.appendStyled(out, p.text, p.runs, [{start: 1, end: 4}]);"
                + "done(out.innerHTML); });", unescape("a\\e[7mb\\e[27;31;1mc\\e[38;5;196md\\e[38;2;1;2;3me<i>\\e[0m"));
        assertEquals("a<mark data-index=\"0\"><span class=\"fi gi\">b</span><span class=\"f1 b\">c</span>"
                + "<span class=\"b\" style=\"color: rgb(255, 0, 0);\">d</span></mark>"
                + "<span class=\"b\" style=\"color: rgb(1, 2, 3);\">e&lt;i&gt;</span>", html);
    }

    /** The page and the server's search must agree on what every line says. */
    @Test
    void showsTheSameTextAsTheServer() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String fixture : List.of("maven-test-failure.log", "maven-compile-failure.log", "maven-success.log",
                "npm-install-404.log", "python-unittest-failure.log", "curl-progress.log",
                "github-actions-groups.log", "gitlab-sections.log")) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                lines.addAll(List.of(text.split("\r?\n")));
            }
        }
        lines.addAll(List.of(unescape("abc\\e[2Kxy"), unescape("x\\e[5Gy\\e[2Dz\\e[Cw"), unescape("ab\\e[1K!"),
                unescape("a\\e]8;;u\\e\\\\b\\e]0;t\\x07c"), "tab\there", "ünïcødé 🚀\rüñ"));
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.asyncJs("const done = arguments[arguments.length - 1];"
                + "import('/static/ansi.js').then(m => done(arguments[0].map(m.visibleText)));", lines);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(LogText.visible(lines.get(i)), shown.get(i), "line " + lines.get(i));
        }
    }

    /** Test input as written above: \e, \r, \b, \xNN and \\ stand for themselves. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'e' -> out.append('\u001b');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
