package dev.tailboard.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines written as JSON straight from their bytes read exactly as Jackson writes the decoded text. */
class JsonTextTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    private static byte[] jackson(byte[] line) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JACKSON.createGenerator(out)) {
            generator.writeString(new String(line, StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] direct(byte[] line) {
        ByteBuf out = Unpooled.buffer();
        JsonText.string(line, 0, line.length, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Test
    void escapesAsJacksonDoes() throws IOException {
        String text = "quote \" backslash \\ tab \t cr \r bs \b ff \f nul \0 esc \u001b del \u007f sep \u2028 é 😀 ∑";
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(jackson(line), StandardCharsets.UTF_8), new String(direct(line), StandardCharsets.UTF_8));
    }

    @Test
    void malformedUtf8BecomesReplacementCharactersAsWhenDecoded() throws IOException {
        byte[][] lines = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {'a', (byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0x80, 'b'}};
        for (byte[] line : lines) {
            assertArrayEquals(jackson(line), direct(line), new String(line, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void anyBytesAtAllReadAsJacksonWritesThem() throws IOException {
        Random random = new Random(16);
        for (int round = 0; round < 20_000; round++) {
            byte[] line = new byte[random.nextInt(24)];
            for (int i = 0; i < line.length; i++) {
                int kind = random.nextInt(4);
                line[i] = (byte) (kind == 0 ? random.nextInt(256) : kind == 1 ? 0x80 + random.nextInt(64)
                        : kind == 2 ? 0xC0 + random.nextInt(64) : random.nextInt(128));
            }
            assertArrayEquals(jackson(line), direct(line), () -> java.util.HexFormat.of().formatHex(line));
        }
    }
}
