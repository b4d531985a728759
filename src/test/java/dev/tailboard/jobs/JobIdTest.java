package dev.tailboard.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"nightly", "backend/42", "a", "A.b_c-d", "x/y/z/1", "9lives", "release-1.2.3/build.7"})
    void acceptsIdsOfTheContract(String id) {
        assertTrue(JobId.isValid(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../etc/passwd", "a/../b", "/abs", "a//b", "a/", "/", ".hidden", "-x", "_x",
        "a b", "a\\b", "a%2fb", "a\u0000b", "ａｂｃ", "caf\u00e9", "a/log", "x/events", "raw", "stream", "a/cancel"})
    void refusesEverythingElse(String id) {
        assertFalse(JobId.isValid(id), id);
        assertTrue(JobId.problem(id).isPresent());
    }

    @Test
    void refusesOverlongSegmentsAndIds() {
        assertTrue(JobId.isValid("a".repeat(128)));
        assertFalse(JobId.isValid("a".repeat(129)));
        assertFalse(JobId.isValid("a/".repeat(600) + "a"));
        assertFalse(JobId.isValid("x".repeat(10_000)));
    }

    @Test
    void mapsToFilesBelowTheRootAndBack() {
        Path root = Path.of("/srv/logs");
        JobId id = new JobId("backend/42");
        assertEquals(Path.of("/srv/logs/backend/42.log"), id.logFile(root));
        assertEquals(Path.of("/srv/logs/backend/42.json"), id.sidecarFile(root));
        assertEquals(Optional.of(id), JobId.ofLogFile(root, Path.of("/srv/logs/backend/42.log")));
        assertEquals(Optional.of(id), JobId.ofSidecarFile(root, Path.of("/srv/logs/backend/42.json")));
        assertEquals(Optional.empty(), JobId.ofLogFile(root, Path.of("/srv/logs/backend/42.txt")));
        assertEquals(Optional.empty(), JobId.ofLogFile(root, Path.of("/srv/other/42.log")));
        assertEquals(Optional.empty(), JobId.ofLogFile(root, Path.of("/srv/logs/backend/.42.json.tmp")));
        assertEquals(Optional.empty(), JobId.ofLogFile(root, Path.of("/srv/logs/x/events.log")));
    }
}
