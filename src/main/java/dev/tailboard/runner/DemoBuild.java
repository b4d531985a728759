package dev.tailboard.runner;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process behind the demo pipelines: plays a build script from tailboard's resources, with its pauses,
 * so that the demo needs nothing but the JDK. Uses the JDK alone, as it runs outside the server.
 *
 * <p>A script has one step a line: {@code out <text>} and {@code err <text>} print a line to stdout or
 * stderr ({@code \e} is ESC, {@code \t} a tab), {@code wait <ms>} pauses, {@code bar <ms> <label>} draws a
 * progress bar rewritten with {@code \r}, {@code exit <code>} ends; {@code #} starts a comment.
 */
public final class DemoBuild {

    private static final int BAR_STEPS = 20;

    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    private final double pace;

    private DemoBuild(double pace) {
        this.pace = pace;
    }

    /** {@code DemoBuild <script> [pace]}: plays {@code <script>.script}; pace scales the pauses (default 1). */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: DemoBuild <script> [pace]");
            System.exit(2);
        }
        double pace = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        System.exit(new DemoBuild(pace).play(args[0]));
    }

    private int play(String script) throws IOException, InterruptedException {
        InputStream resource = DemoBuild.class.getResourceAsStream(script + ".script");
        if (resource == null) {
            err.println("no demo script " + script);
            return 2;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                String step = space < 0 ? line : line.substring(0, space);
                String rest = space < 0 ? "" : line.substring(space + 1);
                switch (step) {
                    case "out" -> out.println(text(rest));
                    case "err" -> err.println(text(rest));
                    case "wait" -> pause(Long.parseLong(rest.trim()));
                    case "bar" -> bar(rest);
                    case "exit" -> {
                        return Integer.parseInt(rest.trim());
                    }
                    default -> throw new IllegalArgumentException("unknown step in " + script + ": " + line);
                }
            }
        }
        return 0;
    }

    private void bar(String rest) throws InterruptedException {
        int space = rest.indexOf(' ');
        long millis = Long.parseLong(rest.substring(0, space));
        String label = text(rest.substring(space + 1));
        for (int step = 0; step <= BAR_STEPS; step++) {
            String done = "#".repeat(step) + " ".repeat(BAR_STEPS - step);
            out.print((step == 0 ? "" : "\r") + label + " [" + done + "] " + (step * 100 / BAR_STEPS) + "%");
            out.flush();
            pause(millis / BAR_STEPS);
        }
        out.println();
    }

    private void pause(long millis) throws InterruptedException {
        Thread.sleep(Math.round(millis * pace));
    }

    private static String text(String escaped) {
        return escaped.replace("\\e", "\u001b").replace("\\t", "\t");
    }
}
