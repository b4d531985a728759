package dev.tailboard.analyst;

/** What one line of a log says about errors, from the strongest sign of a real failure down. */
enum ErrorKind {
    /** The first line of a concrete failure: a failed test, a compiler diagnostic, a crash, a refused install. */
    FAILURE,
    /** An error line of a kind that is also printed by builds that go on (an exception, {@code Error: …}). */
    ERROR,
    /** A tool's verdict after the fact: {@code BUILD FAILURE}, {@code make: *** Error 1}, {@code 1 failed}. */
    SUMMARY,
    /** A line that explains an error near it: an assertion, a missing symbol, conflicting versions. */
    DETAIL,
    NONE;

    /** Lines the log viewer marks as errors. */
    boolean marked() {
        return this == FAILURE || this == ERROR || this == SUMMARY;
    }

    boolean candidate() {
        return this == FAILURE || this == ERROR;
    }
}
