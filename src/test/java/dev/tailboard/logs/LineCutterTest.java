package dev.tailboard.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineCutterTest {

    record Line(long start, long end, String text) {
    }

    /** Cuts {@code bytes} fed in the pieces {@code cuts} gives, then flushes when {@code flush}. */
    static List<Line> cut(byte[] bytes, int max, int[] cuts, boolean flush) {
        List<Line> lines = new ArrayList<>();
        LineCutter.Sink sink = (buffer, offset, length, start, end) ->
                lines.add(new Line(start, end, new String(buffer, offset, length, StandardCharsets.UTF_8)));
        LineCutter cutter = new LineCutter(max, 0);
        int from = 0;
        for (int at : cuts) {
            cutter.feed(bytes, from, at - from, sink);
            from = at;
        }
        cutter.feed(bytes, from, bytes.length - from, sink);
        if (flush) {
            cutter.flush(sink);
        }
        return lines;
    }

    static List<Line> cut(String text, int max) {
        return cut(text.getBytes(StandardCharsets.UTF_8), max, new int[0], false);
    }

    /** Whatever the pieces the bytes arrive in, the lines are the same as when they arrive at once. */
    static List<Line> cutEveryWay(byte[] bytes, int max, boolean flush) {
        List<Line> whole = cut(bytes, max, new int[0], flush);
        for (int at = 0; at <= bytes.length; at++) {
            assertEquals(whole, cut(bytes, max, new int[] {at}, flush), "split at " + at);
        }
        int[] everyByte = new int[bytes.length];
        Arrays.setAll(everyByte, i -> i);
        assertEquals(whole, cut(bytes, max, everyByte, flush), "byte by byte");
        return whole;
    }

    static List<Line> cutEveryWay(String text, int max) {
        return cutEveryWay(text.getBytes(StandardCharsets.UTF_8), max, false);
    }

    @Test
    void cutsAfterEveryNewline() {
        assertEquals(List.of(new Line(0, 2, "a"), new Line(2, 3, ""), new Line(3, 7, "bcd")), cutEveryWay("a\n\nbcd\n", 64));
    }

    @Test
    void dropsTheCarriageReturnOfCrlfEvenWhenSplitBetweenThem() {
        assertEquals(List.of(new Line(0, 3, "a"), new Line(3, 7, "bc")), cutEveryWay("a\r\nbc\r\n", 64));
    }

    @Test
    void keepsALoneCarriageReturn() {
        assertEquals(List.of(new Line(0, 10, " 50%\r100%")), cutEveryWay(" 50%\r100%\n", 64));
        assertEquals(List.of(new Line(0, 5, "a\r\r")), cutEveryWay("a\r\r\r\n", 64));
    }

    @Test
    void keepsAMultiByteCharacterSplitAcrossReadsWhole() {
        List<Line> lines = cutEveryWay("h€llo 😀\n", 64);
        assertEquals("h€llo 😀", lines.get(0).text());
        assertEquals(13, lines.get(0).end());
    }

    @Test
    void turnsEveryMalformedSequenceIntoAReplacementCharacter() {
        byte[] bytes = {'a', (byte) 0xff, 'b', (byte) 0xe2, (byte) 0x82, '\n', (byte) 0xc3, '\n'};
        List<Line> lines = cutEveryWay(bytes, 64, false);
        assertEquals(List.of(new Line(0, 6, "a\uFFFDb\uFFFD"), new Line(6, 8, "\uFFFD")), lines);
    }

    @Test
    void holdsAnUnterminatedLineUntilFlushed() {
        byte[] bytes = "done\npartial".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new Line(0, 5, "done")), cutEveryWay(bytes, 64, false));
        assertEquals(List.of(new Line(0, 5, "done"), new Line(5, 12, "partial")), cutEveryWay(bytes, 64, true));
    }

    @Test
    void anEmptyInputHasNoLines() {
        assertEquals(List.of(), cutEveryWay(new byte[0], 64, true));
    }

    @ParameterizedTest
    @CsvSource({
        // content of exactly max bytes before the ending is one line, whatever the ending
        "'12345678\n', '12345678'",
        "'12345678\r\n', '12345678'",
        // one byte more is cut at max
        "'123456789\n', '12345678|9'",
        "'123456789\r\n', '12345678|9'",
        // a carriage return at the limit that is not an ending stays in the text of the next piece
        "'12345678\rx\n', '12345678|\rx'",
        "'1234567812345678abc\n', '12345678|12345678|abc'",
    })
    void cutsLinesThatReachTheLimit(String input, String expected) {
        List<String> texts = cutEveryWay(input, 8).stream().map(Line::text).toList();
        assertEquals(List.of(expected.split("\\|")), texts);
    }

    @Test
    void movesALimitCutBackToACharacterBoundary() {
        List<Line> lines = cutEveryWay("1234567€9\n", 8);
        assertEquals(List.of(new Line(0, 7, "1234567"), new Line(7, 12, "€9")), lines);
    }

    @Test
    void cutsAHugeLineIntoPiecesOfTheLimitThatJoinToTheOriginal() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 300 * 1024; i++) {
            text.append("word").append(i).append(i % 7 == 0 ? "é " : " ");
        }
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        List<Line> lines = cut(bytes, 65536, new int[] {1, 4096, 70000, 200001}, false);
        assertTrue(lines.size() >= 5, "lines: " + lines.size());
        StringBuilder joined = new StringBuilder();
        long position = 0;
        for (Line line : lines) {
            assertEquals(position, line.start());
            assertTrue(line.end() - line.start() <= 65537);
            joined.append(line.text());
            position = line.end();
        }
        assertEquals(text.toString(), joined.toString());
        assertEquals(bytes.length, position);
    }

    @ParameterizedTest
    @CsvSource({
        "curl-progress.log, 1",
        "github-actions-groups.log, 16",
        "gitlab-sections.log, 16",
        "maven-compile-failure.log, 37",
        "maven-success.log, 44",
        "maven-test-failure.log, 115",
        "npm-install-404.log, 8",
        "python-unittest-failure.log, 33",
    })
    void cutsRealBuildLogs(String fixture, int expectedLines) throws IOException {
        byte[] bytes = fixture(fixture);
        List<Line> lines = cutEveryWay(bytes, 65536, true);
        assertEquals(expectedLines, lines.size());
        String[] reference = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(reference[i].endsWith("\r") ? reference[i].substring(0, reference[i].length() - 1) : reference[i],
                    lines.get(i).text(), fixture + " line " + (i + 1));
        }
        assertEquals(bytes.length, lines.get(lines.size() - 1).end());
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = LineCutterTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }
}
