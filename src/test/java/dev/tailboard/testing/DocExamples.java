package dev.tailboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced examples of the README and the docs it links, in reading order. A block is an example to run
 * unless its language is data ({@code json}, {@code yaml}, {@code nginx}) or {@code text}, which is the output
 * of the example before it; an HTML comment {@code <!-- example: … -->} on the line before a fence says how
 * it is run, or that it is not ({@code not run, because …}).
 */
public final class DocExamples {

    /** The Markdown files a reader meets, the README first, then the docs it links in its order. */
    public static final List<String> FILES = List.of("README.md", "docs/pages.md", "docs/api.md",
            "docs/pipelines.md", "docs/answers.md", "docs/settings.md", "docs/cluster.md", "docs/guarantees.md",
            "docs/operations.md");

    private static final Set<String> DATA = Set.of("json", "yaml", "nginx");
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- example: (.+) -->$");
    private static final Pattern BACKGROUND = Pattern.compile(
            "keeps running while the next block runs, which starts once this one printed \"(.+)\"");

    /** One example: where it is, its language and code, how it is run, and the output the docs show for it. */
    public record Example(String place, String language, String code, String marker, String expected) {

        /** The same example with {@code rewrite} applied to its code and output (another server's address, say). */
        public Example rewritten(UnaryOperator<String> rewrite) {
            return new Example(place, language, rewrite.apply(code), marker,
                    expected == null ? null : rewrite.apply(expected));
        }

        public boolean notRun() {
            return marker != null && marker.startsWith("not run, because ");
        }

        /** For an example that runs beside the next one: what it prints before the next may start, else null. */
        public String startsNextOnce() {
            Matcher background = marker == null ? null : BACKGROUND.matcher(marker);
            return background != null && background.matches() ? background.group(1) : null;
        }

        /** True when {@code actual} is what the docs show: {@code …} stands for any text, a line of it for any lines. */
        public boolean printed(String actual) {
            return expected == null || pattern(expected).matcher(trimmed(actual) + "\n").matches();
        }

        private static Pattern pattern(String expected) {
            StringBuilder regex = new StringBuilder();
            for (String line : trimmed(expected).split("\n", -1)) {
                if (line.equals("…")) {
                    regex.append("(?:.*\n)*?");
                } else {
                    String[] parts = line.split("…", -1);
                    for (int i = 0; i < parts.length; i++) {
                        regex.append(i > 0 ? ".*?" : "").append(Pattern.quote(parts[i]));
                    }
                    regex.append("\n");
                }
            }
            return Pattern.compile(regex.toString());
        }

        private static String trimmed(String text) {
            return text.replace("\r", "").replaceAll("\n+$", "");
        }
    }

    private DocExamples() {
    }

    /** Every example of {@link #FILES} under {@code project}; a {@code text} block with no example before it is an error. */
    public static List<Example> read(Path project) {
        List<Example> examples = new ArrayList<>();
        for (String file : FILES) {
            examples.addAll(read(project, file));
        }
        return examples;
    }

    private static List<Example> read(Path project, String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(project.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            String language = fence.group(1);
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
            String place = file + ":" + (i + 1);
            StringBuilder code = new StringBuilder();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                code.append(lines.get(end)).append('\n');
                end++;
            }
            if (language.equals("text")) {
                if (examples.isEmpty() || examples.get(examples.size() - 1).expected() != null) {
                    throw new AssertionError(place + ": an output block with no example before it");
                }
                Example before = examples.remove(examples.size() - 1);
                examples.add(new Example(before.place(), before.language(), before.code(), before.marker(),
                        code.toString()));
            } else if (!DATA.contains(language)) {
                examples.add(new Example(place, language, code.toString(),
                        marker != null && marker.matches() ? marker.group(1) : null, null));
            }
            i = end;
        }
        return examples;
    }
}
