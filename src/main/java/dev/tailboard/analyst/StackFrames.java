package dev.tailboard.analyst;

import java.util.regex.Pattern;

/**
 * Stack frames in the shapes of Java, Python, Go, JavaScript, .NET, Rust and Ruby, and which of them are the
 * project's own code rather than the language's runtime, the test framework or a dependency.
 */
final class StackFrames {

    private static final Pattern FRAME = Pattern.compile(String.join("|",
            "^\\s*at [\\w$.<>/@-]+\\([^()]*:\\d+\\)$",
            "^\\s*File \"[^\"]+\", line \\d+",
            "^\\s+\\S+\\.go:\\d+(?: \\+0x[0-9a-f]+)?$",
            "^\\s*at (?:.+ \\()?\\S+:\\d+:\\d+\\)?$",
            "^\\s*at .+ in .+:line \\d+$",
            "^\\s*\\S+\\.(?:cs|fs|vb)\\(\\d+,\\d+\\): at ",
            "^\\s+at \\S+\\.rs:\\d+:\\d+$",
            "^\\s*(?:# )?\\S+\\.rb:\\d+:in "));
    /** Runtimes, test frameworks, build tools and installed packages. */
    private static final Pattern FOREIGN = Pattern.compile(String.join("|",
            "\\bat (?:java|javax|jdk|sun|com\\.sun|kotlin|scala|groovy|org\\.junit|junit|org\\.opentest4j|org\\.testng"
                    + "|org\\.apache\\.maven|org\\.gradle|worker\\.org\\.gradle|org\\.codehaus|org\\.mockito|net\\.bytebuddy"
                    + "|org\\.spockframework|System|Microsoft|Xunit|NUnit)[./]",
            "site-packages|dist-packages|/lib/python\\d|<frozen|/_pytest/|/unittest/|/nose/|/pluggy/",
            "/src/runtime/|/src/testing/|/pkg/mod/|/usr/local/go/|/hostedtoolcache/go/|/usr/lib/go",
            "node_modules|\\(node:|\\(internal/|\\(<anonymous>\\)",
            "/rustc/|\\.cargo/registry|/gems/"));

    private StackFrames() {
    }

    static boolean isFrame(String text) {
        return FRAME.matcher(text).find();
    }

    /** A frame in the project's own code: where to look first. */
    static boolean isOwn(String text) {
        return isFrame(text) && !FOREIGN.matcher(text).find();
    }
}
