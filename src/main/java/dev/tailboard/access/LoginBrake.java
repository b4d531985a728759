package dev.tailboard.access;

import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brake on guessing the token at {@code /login}: a client address that sent {@value #ATTEMPTS} wrong tokens
 * within a minute is refused until a minute has passed since the first of them — its attempts are not even
 * checked meanwhile. A good login clears its count; other addresses never notice. An IPv6 address counts by its
 * /64 network, which one host usually has whole.
 */
@Singleton
public class LoginBrake {

    static final int ATTEMPTS = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The most addresses remembered; beyond, the ones whose failures are all older than a minute are forgotten. */
    private static final int ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginBrake() {
        this(Clock.systemUTC());
    }

    LoginBrake(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must wait before its next attempt is checked; empty when it need not wait. */
    public Optional<Duration> wait(InetAddress client) {
        Deque<Instant> times = failures.get(key(client));
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            Instant now = clock.instant();
            forgetOld(times, now);
            if (times.size() < ATTEMPTS) {
                return Optional.empty();
            }
            Duration left = Duration.between(now, times.peekFirst().plus(WINDOW));
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        }
    }

    public void failed(InetAddress client) {
        if (failures.size() >= ADDRESSES) {
            Instant now = clock.instant();
            failures.values().removeIf(times -> {
                synchronized (times) {
                    forgetOld(times, now);
                    return times.isEmpty();
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(key(client), address -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            forgetOld(times, now);
            times.addLast(now);
            while (times.size() > ATTEMPTS) {
                times.removeFirst();
            }
        }
    }

    public void succeeded(InetAddress client) {
        failures.remove(key(client));
    }

    private static void forgetOld(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static String key(InetAddress client) {
        byte[] address = client.getAddress();
        if (client instanceof Inet6Address) {
            byte[] network = new byte[8];
            System.arraycopy(address, 0, network, 0, 8);
            address = network;
        }
        StringBuilder key = new StringBuilder();
        for (byte b : address) {
            key.append(b & 0xff).append('.');
        }
        return key.toString();
    }
}
