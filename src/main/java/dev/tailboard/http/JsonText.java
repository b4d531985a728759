package dev.tailboard.http;

import dev.tailboard.logs.LogChunk;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes a log's lines as JSON strings straight from their UTF-8 bytes: the same bytes Jackson writes for the
 * decoded text (control characters escaped, {@code \b \t \n \f \r} short, others as a six-character escape;
 * characters beyond U+FFFF as their two surrogates, escaped; everything else as UTF-8), without a {@code String} per line. A line that is not well-formed UTF-8 is decoded first, as the
 * API asks (each malformed sequence becomes U+FFFD).
 */
public final class JsonText {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private JsonText() {
    }

    /**
     * {@code before}, the chunk's lines as {@code ["…","…"]}, {@code ,"time":} and the time its last line arrived
     * ({@code null} when unknown), then {@code after} (both ASCII): a log event's fields from {@code lines} on.
     */
    public static void linesAndTime(String before, LogChunk chunk, String after, ByteBuf out) {
        out.writeCharSequence(before, StandardCharsets.US_ASCII);
        lines(chunk, out);
        out.writeCharSequence(",\"time\":" + chunk.time() + after, StandardCharsets.US_ASCII);
    }

    /** {@code ["…","…"]}: the chunk's lines. */
    public static void lines(LogChunk chunk, ByteBuf out) {
        out.writeByte('[');
        chunk.forEachLine((bytes, offset, length) -> {
            // every line but the first follows a string's closing quote
            if (out.getByte(out.writerIndex() - 1) != '[') {
                out.writeByte(',');
            }
            string(bytes, offset, length, out);
        });
        out.writeByte(']');
    }

    /** One JSON string of the text that {@code length} bytes of UTF-8 at {@code offset} decode to. */
    public static void string(byte[] bytes, int offset, int length, ByteBuf out) {
        if (!wellFormed(bytes, offset, length)) {
            byte[] decoded = new String(bytes, offset, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            string(decoded, 0, decoded.length, out);
            return;
        }
        out.ensureWritable(length + 2);
        out.writeByte('"');
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            int b = bytes[i];
            if ((b >= 0x20 && b != '"' && b != '\\') || (b < 0 && (b & 0xF8) != 0xF0)) {
                continue;
            }
            out.writeBytes(bytes, run, i - run);
            if (b < 0) {
                i = surrogates(bytes, i, out);
            } else {
                escape(b, out);
            }
            run = i + 1;
        }
        out.writeBytes(bytes, run, end - run);
        out.writeByte('"');
    }

    /** A character beyond U+FFFF (four bytes at {@code at}) as its two escaped surrogates; the index of its last byte. */
    private static int surrogates(byte[] bytes, int at, ByteBuf out) {
        int codePoint = (bytes[at] & 0x07) << 18 | (bytes[at + 1] & 0x3F) << 12 | (bytes[at + 2] & 0x3F) << 6
                | bytes[at + 3] & 0x3F;
        hexEscape(Character.highSurrogate(codePoint), out);
        hexEscape(Character.lowSurrogate(codePoint), out);
        return at + 3;
    }

    private static void hexEscape(int c, ByteBuf out) {
        out.writeByte('\\').writeByte('u').writeByte(HEX[c >> 12]).writeByte(HEX[c >> 8 & 0xF]).writeByte(HEX[c >> 4 & 0xF])
                .writeByte(HEX[c & 0xF]);
    }

    private static void escape(int b, ByteBuf out) {
        char shortForm = switch (b) {
            case '"', '\\' -> (char) b;
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm == 0) {
            hexEscape(b, out);
        } else {
            out.writeByte('\\').writeByte(shortForm);
        }
    }

    /** Whether the bytes are UTF-8 exactly as Java's decoder accepts it (no overlong forms, surrogates, or beyond U+10FFFF). */
    static boolean wellFormed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int count;
            int min = 0x80;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                count = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                count = 2;
                min = lead == 0xE0 ? 0xA0 : 0x80;
                max = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                count = 3;
                min = lead == 0xF0 ? 0x90 : 0x80;
                max = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + count >= end) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= count; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += count + 1;
        }
        return true;
    }
}
