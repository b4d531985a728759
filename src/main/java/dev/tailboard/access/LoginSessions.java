package dev.tailboard.access;

import io.micronaut.core.annotation.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * The values of login cookies: each login gets its own (when it was made, and 16 random bytes), signed with a key
 * derived from the token. Any node that has the token checks one without asking anyone; one that is older than
 * the session lifetime is refused, and changing the token ends every login.
 */
final class LoginSessions {

    private static final int RANDOM_BYTES = 16;
    private static final int PAYLOAD_BYTES = Long.BYTES + RANDOM_BYTES;
    /** How far a node's clock may be ahead of the one that made the cookie. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LoginSessions(byte[] token, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(token, "HmacSHA256"),
                "tailboard login".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** A new login's cookie value: {@code <payload>.<signature>}, both base64url. */
    String issue() {
        byte[] nonce = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES).putLong(clock.instant().getEpochSecond()).put(nonce).array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(key, payload));
    }

    boolean valid(@Nullable String value) {
        if (value == null) {
            return false;
        }
        int dot = value.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(value.substring(0, Math.max(dot, 0)));
            signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (dot < 0 || payload.length != PAYLOAD_BYTES || !MessageDigest.isEqual(mac(key, payload), signature)) {
            return false;
        }
        long issued = ByteBuffer.wrap(payload).getLong();
        long now = clock.instant().getEpochSecond();
        return issued <= now + CLOCK_SKEW.toSeconds() && now - issued < lifetime.toSeconds();
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
