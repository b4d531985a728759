package dev.tailboard.analyst;

import java.util.List;

/** A line of a log, numbered as the log viewer numbers it, as a reader sees it (colour codes and CI timestamp gone). */
public record Quote(long line, String text) {

    /** Quoted lines are cut here: a model gets the gist, the log viewer shows the whole line. */
    public static final int MAX_TEXT = 400;

    /**
     * Lines in log order as {@code N: text}, {@code …} where lines were left out, each cut at {@link #MAX_TEXT}
     * characters; no more lines once the text is past {@code maxChars}.
     */
    public static String numbered(List<Quote> lines, int maxChars) {
        StringBuilder out = new StringBuilder();
        long previous = 0;
        for (Quote quote : lines) {
            if (out.length() > maxChars) {
                break;
            }
            if (quote.line() > previous + 1) {
                out.append("…\n");
            }
            String text = quote.text().length() > MAX_TEXT ? quote.text().substring(0, MAX_TEXT) + "…" : quote.text();
            out.append(quote.line()).append(": ").append(text).append('\n');
            previous = quote.line();
        }
        return out.toString();
    }
}
