package dev.tailboard.analyst;


/**
 * A log line as the error finder reads it: what a terminal shows (colour codes gone, a {@code \r}-rewritten
 * line in its last state), without the timestamp a CI runner puts before every line, without trailing blanks.
 */
final class LineText {

    private LineText() {
    }

    static String of(String raw) {
        String visible = raw;
        if (hasControls(raw)) {
            String uncoloured = withoutColours(raw);
            visible = uncoloured != null ? uncoloured : LogLine.of(0, raw).text();
        }
        return withoutTimestamp(withoutJobAndStep(visible)).stripTrailing();
    }

    /**
     * The line without its CSI sequences ({@code ESC [ … m}, the colours nearly every coloured line holds
     * and nothing else), or null when it holds other controls, which {@link LogLine} interprets.
     */
    private static String withoutColours(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == 0x1b && i + 1 < raw.length() && raw.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < raw.length() && (raw.charAt(end) < 0x40 || raw.charAt(end) > 0x7e)) {
                    end++;
                }
                i = end + 1;
            } else if (c < ' ' && c != '\t' || c == 0x7f) {
                return null;
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }

    /** {@code job<TAB>step<TAB>2022-…Z text}, as {@code gh run view --log} writes GitHub Actions logs: the timestamped text. */
    private static String withoutJobAndStep(String text) {
        int first = text.indexOf('\t');
        int second = first < 0 ? -1 : text.indexOf('\t', first + 1);
        return second > 0 && second + 20 < text.length() && Character.isDigit(text.charAt(second + 1))
                && text.charAt(second + 5) == '-' && text.charAt(second + 11) == 'T' ? text.substring(second + 1) : text;
    }

    /** {@code 2022-05-30T09:11:02.8566187Z text} (GitHub Actions, Cloudflare): the text. */
    private static String withoutTimestamp(String text) {
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || !Character.isDigit(text.charAt(0))) {
            return text;
        }
        int end = 19;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.' || text.charAt(end) == ',')) {
            end++;
        }
        if (end < text.length() && text.charAt(end) == 'Z') {
            end++;
        }
        return end < text.length() && text.charAt(end) == ' ' ? text.substring(end + 1) : text.substring(end);
    }

    private static boolean hasControls(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < ' ' && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Leading blanks, a tab counting as four: how deep a line is indented. */
    static int indent(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                depth++;
            } else if (c == '\t') {
                depth += 4;
            } else {
                break;
            }
        }
        return depth;
    }
}
