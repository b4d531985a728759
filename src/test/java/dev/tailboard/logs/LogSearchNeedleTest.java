package dev.tailboard.logs;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search's linear-time matching finds exactly what {@code contains} finds, ignoring case. */
class LogSearchNeedleTest {

    @Test
    void findsWhatContainsFindsOnTextsMadeToFoolANaiveSearch() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            String text = random(random, random.nextInt(40));
            String query = random(random, 1 + random.nextInt(6));
            boolean expected = text.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT));
            assertEquals(expected, new LogSearch.Needle(query).isIn(text), () -> "'" + query + "' in '" + text + "'");
        }
    }

    @Test
    void aLongQueryOverALongLine() {
        String line = "a".repeat(65_536);
        assertFalse(new LogSearch.Needle("a".repeat(999) + "b").isIn(line));
        assertTrue(new LogSearch.Needle("A".repeat(999) + "B").isIn(line + "b"));
        assertTrue(new LogSearch.Needle("Ünïcode").isIn("some ÜNÏCODE text"));
    }

    /** Few letters, both cases: many partial matches, as in the slow searches. */
    private static String random(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append("aAbB".charAt(random.nextInt(4)));
        }
        return text.toString();
    }
}
