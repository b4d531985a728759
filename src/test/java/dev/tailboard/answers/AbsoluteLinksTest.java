package dev.tailboard.answers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Links made absolute however the answer is cut into pieces, and nothing else touched. */
class AbsoluteLinksTest {

    static final String ANSWER = "**a/1** failed ([line 7](/jobs/a/1#L7)); see [a/1](/jobs/a/1). A ] then (/x), "
            + "and an answer that ends in ](";

    @Test
    void aWholeAnswer() {
        assertEquals(expected(), new AbsoluteLinks("https://ci.example.org").whole(ANSWER));
    }

    @Test
    void everyWayOfCuttingItInTwoAndOneCharacterAtATime() {
        for (int cut = 0; cut <= ANSWER.length(); cut++) {
            AbsoluteLinks links = new AbsoluteLinks("https://ci.example.org");
            String out = links.next(ANSWER.substring(0, cut)) + links.next(ANSWER.substring(cut)) + links.rest();
            assertEquals(expected(), out, "cut at " + cut);
        }
        AbsoluteLinks links = new AbsoluteLinks("https://ci.example.org");
        StringBuilder out = new StringBuilder();
        ANSWER.chars().forEach(c -> out.append(links.next(Character.toString(c))));
        assertEquals(expected(), out.append(links.rest()).toString());
    }

    private static String expected() {
        return "**a/1** failed ([line 7](https://ci.example.org/jobs/a/1#L7)); see [a/1](https://ci.example.org/jobs/a/1)."
                + " A ] then (/x), and an answer that ends in ](";
    }
}
