package dev.tailboard.logs;

/** The start of a line in a log: its byte offset and the number that line gets (1-based). */
public record Position(long offset, long line) {

    public static final Position START = new Position(0, 1);
}
