package dev.tailboard.logs;

/** Where a viewer asks to start: a byte offset (a cursor it was given) or the K-th last line. */
public sealed interface StartAt {

    StartAt BEGINNING = new Offset(0);

    record Offset(long offset) implements StartAt {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("a cursor is a non-negative byte offset");
            }
        }
    }

    record Tail(long lines) implements StartAt {
        public Tail {
            if (lines < 0) {
                throw new IllegalArgumentException("tail is a non-negative number of lines");
            }
        }
    }
}
