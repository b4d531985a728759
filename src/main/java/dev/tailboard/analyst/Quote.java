package dev.tailboard.analyst;

/** A line of a log, numbered as the log viewer numbers it, as a reader sees it (colour codes and CI timestamp gone). */
public record Quote(long line, String text) {
}
