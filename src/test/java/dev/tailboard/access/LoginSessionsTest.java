package dev.tailboard.access;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginSessionsTest {

    static final byte[] TOKEN = "correct horse".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    static LoginSessions at(Instant now, byte[] token) {
        return new LoginSessions(token, Duration.ofHours(8), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSessionIsGoodForItsLifetimeOnAnyNodeWithTheToken() {
        String session = at(NOW, TOKEN).issue();
        assertTrue(at(NOW, TOKEN).valid(session));
        assertTrue(at(NOW.plus(Duration.ofHours(8)).minusSeconds(1), TOKEN).valid(session));
        assertFalse(at(NOW.plus(Duration.ofHours(8)), TOKEN).valid(session), "too old");
        assertFalse(at(NOW.minus(Duration.ofMinutes(5)), TOKEN).valid(session), "made in the future");
        assertFalse(at(NOW, "another token".getBytes(StandardCharsets.UTF_8)).valid(session), "the token changed");
    }

    @Test
    void aForgedOrDamagedSessionIsRefused() {
        LoginSessions sessions = at(NOW, TOKEN);
        String session = sessions.issue();
        String[] parts = session.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
        payload[Long.BYTES] ^= 1;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[1];
        for (String forged : new String[] {altered, parts[0], parts[0] + ".", "." + parts[1], session + "x", "", "a.b.c", "%%.%%"}) {
            assertFalse(sessions.valid(forged), forged);
        }
        assertFalse(sessions.valid(null));
    }
}
