package dev.tailboard.access;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginBrakeTest {

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Hands clock = new Hands();
    final LoginBrake brake = new LoginBrake(clock);

    @Test
    void tenWrongTokensInAMinuteBrakeUntilAMinuteAfterTheFirst() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < LoginBrake.ATTEMPTS; i++) {
            assertEquals(Optional.empty(), brake.wait(guesser), "attempt " + i);
            brake.failed(guesser);
            clock.now = clock.now.plusSeconds(3);
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), brake.wait(guesser));
        assertEquals(Optional.empty(), brake.wait(InetAddress.getByName("192.0.2.8")), "another address is not braked");
        clock.now = clock.now.plusSeconds(30);
        assertEquals(Optional.empty(), brake.wait(guesser), "a minute after the first, one more try");
        brake.failed(guesser);
        assertTrue(brake.wait(guesser).isPresent(), "and braked again at once: nine are still within the minute");
    }

    @Test
    void aGoodLoginClearsTheCount() throws Exception {
        InetAddress typist = InetAddress.getByName("192.0.2.9");
        for (int i = 0; i < LoginBrake.ATTEMPTS - 1; i++) {
            brake.failed(typist);
        }
        brake.succeeded(typist);
        brake.failed(typist);
        assertEquals(Optional.empty(), brake.wait(typist));
    }

    @Test
    void anIpv6HostCountsByItsNetwork() throws Exception {
        for (int i = 0; i < LoginBrake.ATTEMPTS; i++) {
            brake.failed(InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertTrue(brake.wait(InetAddress.getByName("2001:db8:1:2:ffff::1")).isPresent());
        assertEquals(Optional.empty(), brake.wait(InetAddress.getByName("2001:db8:1:3::1")));
    }
}
