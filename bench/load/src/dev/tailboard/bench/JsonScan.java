package dev.tailboard.bench;

/**
 * Reads the two things the benchmark needs from a transport's JSON without building objects: the strings
 * of its {@code "lines"} array and one numeric field. The benchmark's lines hold no characters JSON escapes.
 */
final class JsonScan {

    private static final byte[] LINES = "\"lines\":".getBytes();

    private JsonScan() {
    }

    /** Hands every string of the {@code "lines"} array to the viewer; the number of lines. */
    static int lines(byte[] buf, int off, int len, Viewer viewer, long now) {
        int end = off + len;
        int at = find(buf, off, end, LINES);
        if (at < 0) {
            return 0;
        }
        int i = at + LINES.length;
        while (i < end && buf[i] != '[') {
            i++;
        }
        int count = 0;
        for (i++; i < end && buf[i] != ']'; i++) {
            if (buf[i] != '"') {
                continue;
            }
            int start = ++i;
            while (i < end && buf[i] != '"') {
                i += buf[i] == '\\' ? 2 : 1;
            }
            viewer.line(buf, start, i - start, now);
            count++;
        }
        return count;
    }

    /** The non-negative integer value of {@code "name":}, or -1 when absent. */
    static long number(byte[] buf, int off, int len, String name) {
        byte[] key = ("\"" + name + "\":").getBytes();
        int end = off + len;
        int at = find(buf, off, end, key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length;
        while (i < end && buf[i] == ' ') {
            i++;
        }
        long value = -1;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            value = (value < 0 ? 0 : value * 10) + (buf[i++] - '0');
        }
        return value;
    }

    static int find(byte[] buf, int from, int end, byte[] needle) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
