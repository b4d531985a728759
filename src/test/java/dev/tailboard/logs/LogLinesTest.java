package dev.tailboard.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole-log reader numbers lines exactly as the feed does: the line cutter's rules, lenient UTF-8, an unterminated end. */
class LogLinesTest {

    @TempDir
    Path folder;

    @Test
    void linesAreCutAndNumberedAsTheViewerShowsThem() throws IOException {
        byte[] log = ("first\r\n" + "x".repeat(10) + "\nbad \u00e9\n").getBytes(StandardCharsets.UTF_8);
        log[log.length - 3] = (byte) 0xff;
        Path file = Files.write(folder.resolve("a.log"), concat(log, "no newline".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("1 first", "2 xxxxxxxx", "3 xx", "4 bad \uFFFD\uFFFD", "5 no newli", "6 ne"), read(file, 8));
    }

    @Test
    void aLogLongerThanOneBlockIsReadToItsEnd() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        List<String> lines = read(Files.writeString(folder.resolve("b.log"), text), 65536);
        assertEquals(100_000, lines.size());
        assertEquals("100000 line 100000", lines.get(lines.size() - 1));
    }

    private static List<String> read(Path file, int maxLineBytes) throws IOException {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            LogLines.read(channel, maxLineBytes, (number, text) -> lines.add(number + " " + text));
        }
        return lines;
    }

    private static byte[] concat(byte[] one, byte[] two) {
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        return both;
    }
}
