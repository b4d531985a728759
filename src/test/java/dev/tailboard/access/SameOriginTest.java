package dev.tailboard.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameOriginTest {

    @Test
    void anOriginMatchesTheHostItWasSentTo() {
        assertTrue(SameOrigin.matches("http://ci.example.org", "ci.example.org"));
        assertTrue(SameOrigin.matches("http://ci.example.org:80", "ci.example.org"));
        assertTrue(SameOrigin.matches("https://ci.example.org", "ci.example.org"));
        assertTrue(SameOrigin.matches("https://CI.Example.org:8443", "ci.example.org:8443"));
        assertTrue(SameOrigin.matches("http://[::1]:8080", "[::1]:8080"));
        assertTrue(SameOrigin.matches("http://localhost:8080", "localhost:8080"));
    }

    @Test
    void anyOtherOriginDoesNot() {
        assertFalse(SameOrigin.matches("http://evil.example", "ci.example.org"));
        assertFalse(SameOrigin.matches("http://ci.example.org.evil.example", "ci.example.org"));
        assertFalse(SameOrigin.matches("http://ci.example.org:8080", "ci.example.org"));
        assertFalse(SameOrigin.matches("http://localhost:3000", "localhost:8080"));
        assertFalse(SameOrigin.matches("null", "ci.example.org"));
        assertFalse(SameOrigin.matches("http://ci.example.org", null));
        assertFalse(SameOrigin.matches("http://ci.example.org", " "));
        assertFalse(SameOrigin.matches("not a url", "ci.example.org"));
    }
}
