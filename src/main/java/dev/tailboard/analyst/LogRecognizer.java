package dev.tailboard.analyst;

import java.util.List;

/** Knows how one tool writes its log, and records in the facts what it recognises there. */
interface LogRecognizer {

    void read(List<LogLine> lines, LogFacts facts);
}
