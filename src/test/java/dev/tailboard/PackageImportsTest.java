package dev.tailboard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout of DESIGN.md, read from the sources: imports between the packages of {@code src/main} run one
 * way (no cycle), nothing imports {@code web}, the core ({@code logs}, {@code jobs}) and the analyst know
 * nothing of HTTP or Netty, and only {@code cluster} knows Redis.
 */
class PackageImportsTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/tailboard");
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.tailboard(?:\\.(\\w+))?;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    /** A class named by its full name in code, without an import. */
    private static final Pattern FULL_NAME = Pattern.compile("\\bdev\\.tailboard\\.(\\w+)\\.[A-Z]");
    private static final String ROOT = "(root)";

    /** Each package of src/main, with every package it uses and the file that uses it, for the messages. */
    private static final Map<String, Map<String, String>> USES = new TreeMap<>();
    /** Each package, with every foreign import (not dev.tailboard) and the file that has it. */
    private static final Map<String, Map<String, String>> IMPORTS = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the project folder: no " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Files.readString(file));
                Matcher declared = PACKAGE.matcher(source);
                assertTrue(declared.find(), "no package line in " + file);
                String from = declared.group(1) == null ? ROOT : declared.group(1);
                Map<String, String> uses = USES.computeIfAbsent(from, name -> new TreeMap<>());
                Map<String, String> imports = IMPORTS.computeIfAbsent(from, name -> new TreeMap<>());
                Matcher imported = IMPORT.matcher(source);
                while (imported.find()) {
                    String name = imported.group(1);
                    if (name.startsWith("dev.tailboard.")) {
                        String rest = name.substring("dev.tailboard.".length());
                        String to = Character.isUpperCase(rest.charAt(0)) ? ROOT : rest.substring(0, rest.indexOf('.'));
                        uses.putIfAbsent(to, file.getFileName().toString());
                    } else {
                        imports.putIfAbsent(name, file.getFileName().toString());
                    }
                }
                Matcher named = FULL_NAME.matcher(source.substring(declared.end()));
                while (named.find()) {
                    uses.putIfAbsent(named.group(1), file.getFileName().toString());
                }
                uses.remove(from);
            }
        }
    }

    @Test
    void noCycleBetweenPackages() {
        List<String> cycles = new ArrayList<>();
        for (String start : USES.keySet()) {
            findCycle(start, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertEquals(List.of(), cycles, "imports between packages must run one way; uses: " + USES);
    }

    @Test
    void nothingImportsTheWebPackage() {
        USES.forEach((from, uses) -> assertTrue(!uses.containsKey("web"),
                from + " uses web (" + uses.get("web") + "): what two packages share belongs in http/"));
    }

    @Test
    void theCoreKnowsNothingOfHttp() {
        for (String core : List.of("logs", "jobs", "analyst")) {
            IMPORTS.getOrDefault(core, Map.of()).forEach((name, file) -> assertTrue(
                    !name.startsWith("io.micronaut.http") && !name.startsWith("io.netty")
                            && !name.startsWith("io.micronaut.websocket"),
                    core + "/" + file + " imports " + name));
        }
    }

    @Test
    void onlyTheClusterKnowsRedis() {
        IMPORTS.forEach((from, imports) -> imports.forEach((name, file) -> assertTrue(
                from.equals("cluster") || !name.startsWith("io.lettuce") && !name.startsWith("io.micronaut.configuration.lettuce"),
                from + "/" + file + " imports " + name + ": Redis belongs in cluster/")));
    }

    @Test
    void theAnalystReadsOnlyLogsAndJobs() {
        Set<String> allowed = Set.of("logs", "jobs", ROOT);
        USES.getOrDefault("analyst", Map.of()).forEach((to, file) -> assertTrue(allowed.contains(to),
                "analyst/" + file + " uses " + to));
    }

    /** Walks the uses from the last package of {@code path}; a path back to its first package is a cycle. */
    private static void findCycle(String start, List<String> path, Set<String> seen, List<String> cycles) {
        String last = path.get(path.size() - 1);
        for (String next : USES.getOrDefault(last, Map.of()).keySet()) {
            if (next.equals(start)) {
                if (start.equals(path.stream().min(String::compareTo).orElseThrow())) {
                    cycles.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
