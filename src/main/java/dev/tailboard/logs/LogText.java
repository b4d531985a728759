package dev.tailboard.logs;

/**
 * What a raw log line shows on a terminal: escape sequences removed, a {@code \r} or backspace moving the
 * cursor so that later text overwrites earlier text (a progress bar shows its last state), and
 * erase-in-line honoured. {@code static/ansi.js} follows the same rules in the browser, so that the
 * server's search and the page agree on what a line says.
 */
public final class LogText {

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;

    private LogText() {
    }

    public static String visible(String raw) {
        if (isPlain(raw)) {
            return raw;
        }
        StringBuilder text = new StringBuilder(raw.length());
        int column = 0;
        int i = 0;
        int length = raw.length();
        while (i < length) {
            char c = raw.charAt(i);
            if (c == ESC) {
                if (i + 1 < length && raw.charAt(i + 1) == '[') {
                    int end = csiEnd(raw, i + 2);
                    if (end < 0) {
                        break;
                    }
                    column = control(text, column, raw.charAt(end), raw.substring(i + 2, end));
                    i = end + 1;
                } else {
                    i = skipEscape(raw, i);
                }
                continue;
            }
            if (c == '\r') {
                column = 0;
            } else if (c == '\b') {
                column = Math.max(0, column - 1);
            } else if (c == '\t' || c >= ' ' && c != 0x7f) {
                while (text.length() < column) {
                    text.append(' ');
                }
                if (column < text.length()) {
                    text.setCharAt(column, c);
                } else {
                    text.append(c);
                }
                column++;
            }
            i++;
        }
        return text.toString();
    }

    /**
     * The line with its escape sequences and control characters removed but nothing overwritten: every
     * {@code \r}-separated part stays, for markers a terminal hides (GitLab's section markers).
     */
    public static String unstyled(String raw) {
        if (isPlain(raw)) {
            return raw;
        }
        StringBuilder text = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == ESC) {
                int end = i + 1 < raw.length() && raw.charAt(i + 1) == '[' ? csiEnd(raw, i + 2) : skipEscape(raw, i) - 1;
                if (end < 0) {
                    break;
                }
                i = end + 1;
                continue;
            }
            if (c == '\r' || c == '\t' || c >= ' ' && c != 0x7f) {
                text.append(c);
            }
            i++;
        }
        return text.toString();
    }

    /** True when nothing in the line needs interpreting (the usual case). */
    private static boolean isPlain(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The index of a CSI sequence's final byte, or -1 when the line ends inside it. */
    private static int csiEnd(String raw, int from) {
        for (int i = from; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 0x40 && c <= 0x7e) {
                return i;
            }
        }
        return -1;
    }

    /** Applies the cursor and erase controls of a CSI sequence; returns the new column. */
    private static int control(StringBuilder text, int column, char command, String parameters) {
        int n = firstNumber(parameters);
        switch (command) {
            case 'K' -> {
                if (n == 0 || n == -1) {
                    if (column < text.length()) {
                        text.setLength(column);
                    }
                } else if (n == 1) {
                    for (int i = 0; i <= column && i < text.length(); i++) {
                        text.setCharAt(i, ' ');
                    }
                } else if (n == 2) {
                    text.setLength(0);
                }
                return column;
            }
            case 'G' -> {
                return Math.max(0, (n <= 0 ? 1 : n) - 1);
            }
            case 'C' -> {
                return column + Math.max(1, n);
            }
            case 'D' -> {
                return Math.max(0, column - Math.max(1, n));
            }
            default -> {
                return column;
            }
        }
    }

    /** The first parameter of a CSI sequence, -1 when it has none. */
    private static int firstNumber(String parameters) {
        int value = -1;
        for (int i = 0; i < parameters.length(); i++) {
            char c = parameters.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = Math.min(100_000, Math.max(0, value) * 10 + (c - '0'));
        }
        return value;
    }

    /** Skips an escape sequence other than CSI: OSC up to BEL or ST, a charset designation, or ESC + one. */
    private static int skipEscape(String raw, int at) {
        if (at + 1 >= raw.length()) {
            return raw.length();
        }
        char kind = raw.charAt(at + 1);
        if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
            for (int i = at + 2; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == BEL) {
                    return i + 1;
                }
                if (c == ESC && i + 1 < raw.length() && raw.charAt(i + 1) == '\\') {
                    return i + 2;
                }
            }
            return raw.length();
        }
        if ("()*+#%".indexOf(kind) >= 0) {
            return Math.min(raw.length(), at + 3);
        }
        return at + 2;
    }
}
