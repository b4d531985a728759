package dev.tailboard.analyst;

/**
 * What tailboard knows that bears on a question: the built-in answer (Markdown) and, for a model, the same
 * with the relevant log lines.
 */
public record Briefing(String report, String context) {
}
