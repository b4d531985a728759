package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of the language runtimes a log names ({@code Python 2.7.14}, {@code openjdk version "11.0.15"},
 * {@code go version go1.18}), the first line of each: a failure of code in a file of that language is often
 * a failure on that version.
 */
final class Runtimes {

    private record Language(Pattern files, Pattern version) {
    }

    private static final Map<String, Language> LANGUAGES = Map.of(
            "Python", language("py", "\\bPython \\d+\\.\\d+(?:\\.\\d+)?\\b"),
            "Java", language("java|kt|scala|groovy", "\\b(?:openjdk|java) version \"[^\"]+\""),
            "Go", language("go", "\\bgo version go\\d\\S*"),
            "Node.js", language("js|jsx|mjs|cjs|ts|tsx", "\\b(?:Node\\.js|node) v\\d+\\.\\d+\\.\\d+"),
            "Ruby", language("rb", "^ruby \\d+\\.\\d+\\.\\d+\\S*"),
            "Rust", language("rs", "^rustc \\d+\\.\\d+\\.\\d+"),
            ".NET", language("cs|fs|vb", "\\.NET (?:Core |SDK )?\\d+\\.\\d+\\.\\d+"));
    /** Words without which a line names no version: a cheap first look. */
    private static final List<String> HINTS = List.of("ython ", " version ", "ode", "ruby ", "rustc ", ".NET ");
    private static final Pattern FILE = Pattern.compile("[\\w-]+\\.(\\w+)\\b");

    private final Map<String, Quote> named = new LinkedHashMap<>();

    private static Language language(String extensions, String version) {
        return new Language(Pattern.compile("^(?:" + extensions + ")$"), Pattern.compile(version));
    }

    /** Takes a line of the log; the first line naming each runtime is kept. */
    void line(Quote quote) {
        String text = quote.text();
        if (named.size() == LANGUAGES.size() || HINTS.stream().noneMatch(text::contains)) {
            return;
        }
        LANGUAGES.forEach((name, language) -> {
            Matcher version = language.version().matcher(text);
            if (!named.containsKey(name) && version.find()) {
                named.put(name, new Quote(quote.line(), version.group()));
            }
        });
    }

    /** The version the log names of the language of the first source file among {@code lines}, if it names one. */
    @Nullable
    Quote of(List<Quote> lines) {
        for (Quote line : lines) {
            Matcher file = FILE.matcher(line.text());
            while (file.find()) {
                for (Map.Entry<String, Language> language : LANGUAGES.entrySet()) {
                    if (language.getValue().files().matcher(file.group(1)).matches()) {
                        return named.get(language.getKey());
                    }
                }
            }
        }
        return null;
    }
}
