package dev.tailboard.answers;

/**
 * Makes an answer's links to this server's pages ({@code [line 7](/jobs/x#L7)}) absolute, for chat clients that
 * show them elsewhere. Fed an answer piece by piece, it holds back the end of a piece that may begin such a link.
 */
final class AbsoluteLinks {

    private static final String RELATIVE = "](/";

    private final String absolute;
    private String held = "";

    /** {@code base}: the server's address, without a trailing {@code /}. */
    AbsoluteLinks(String base) {
        this.absolute = "](" + base + "/";
    }

    /** The next piece of the answer, rewritten, as far as it can be yet. */
    String next(String piece) {
        String text = held + piece;
        int keep = startOfLink(text);
        held = text.substring(text.length() - keep);
        return text.substring(0, text.length() - keep).replace(RELATIVE, absolute);
    }

    /** What was held back at the end of the answer: the start of a link that never came. */
    String rest() {
        String rest = held;
        held = "";
        return rest;
    }

    String whole(String text) {
        return text.replace(RELATIVE, absolute);
    }

    /** The length of the longest end of {@code text} that begins {@code ](/}, but not all of it. */
    private static int startOfLink(String text) {
        for (int length = RELATIVE.length() - 1; length > 0; length--) {
            if (text.endsWith(RELATIVE.substring(0, length))) {
                return length;
            }
        }
        return 0;
    }
}
