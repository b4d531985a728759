package dev.tailboard.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The load side of the benchmark: one process that appends to the log and holds every viewer connection,
 * so append and receive times come from one clock.
 *
 * <pre>
 * Load gen --file F --mb 200
 * Load latency|fanout|many|resume|catchup|idle --transport NAME --port P --pid SERVER_PID --file F [--job ID] --out R.json ...
 *   latency, fanout and many: [--steady-seconds S]  S seconds of the same stream, unmeasured, before the measured lines
 * </pre>
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Load gen|latency|fanout|many|resume|catchup|idle --name value ...");
        }
        String command = args[0];
        Options options = new Options(args, 1);
        if (command.equals("gen")) {
            generate(Path.of(options.text("file")), options.integer("mb", 200));
            return;
        }
        try (Session session = new Session(options)) {
            session.result.put("scenario", command);
            switch (command) {
                case "latency" -> Scenarios.live(session, 1, options.integer("lines", 2_000),
                        options.decimal("rate", 200), warmUpLines(options, 200), 30_000);
                case "fanout" -> Scenarios.live(session, options.integer("viewers", 10),
                        (int) (options.decimal("rate", 100) * options.integer("seconds", 20)),
                        options.decimal("rate", 100), warmUpLines(options, 100),
                        options.integer("connect-timeout-ms", 120_000));
                case "many" -> Scenarios.many(session, options.integer("jobs", 500), options.decimal("rate", 20),
                        options.integer("seconds", 20), options.integer("viewers", 2),
                        options.decimal("steady-seconds", 0), options.integer("connect-timeout-ms", 120_000));
                case "resume" -> Scenarios.resume(session);
                case "catchup" -> Scenarios.catchUp(session, options.integer("rounds", 3));
                case "idle" -> Scenarios.idle(session, options.integer("viewers", 10_000),
                        options.integer("connect-timeout-ms", 120_000), options.integer("settle-ms", 5_000));
                default -> throw new IllegalArgumentException("unknown scenario " + command);
            }
            Files.writeString(Path.of(options.text("out")), Json.write(session.result));
        }
    }

    /** {@code --steady-seconds} of the scenario's stream before it is measured (none by default). */
    private static int warmUpLines(Options options, double defaultRate) {
        return (int) (options.decimal("rate", defaultRate) * options.decimal("steady-seconds", 0));
    }

    /** A finished build log of about {@code mb} MB in benchmark lines. */
    private static void generate(Path file, int mb) throws IOException {
        long limit = mb * 1_000_000L;
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long seq = 0; written < limit; seq++) {
                byte[] line = LineFormat.line(seq, 0);
                out.write(line);
                written += line.length;
            }
        }
    }
}
