package dev.tailboard.access;

import dev.tailboard.TailboardSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The configured token, and the two ways a request shows it: {@code Authorization: Bearer <token>}, or the
 * login cookie. The cookie holds a value derived from the token rather than the token itself, so that it
 * cannot be used as a bearer token, and changing the token ends every login. Created at start, so that a token
 * file is there (or a mistake stops the start) before anyone asks.
 */
@Context
public class AccessToken {

    static final String COOKIE = "tailboard_session";
    private static final Duration COOKIE_AGE = Duration.ofDays(30);
    private static final String BEARER = "Bearer ";

    @Nullable
    private final byte[] token;
    @Nullable
    private final byte[] session;

    public AccessToken(AuthSettings auth, TailboardSettings settings) {
        String configured = configured(auth, settings.getBaseDir());
        this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
        this.session = token == null ? null : sessionOf(token);
    }

    @Nullable
    private static String configured(AuthSettings auth, Path baseDir) {
        if (auth.getTokenFile() == null) {
            return auth.getToken();
        }
        if (auth.getToken() != null) {
            throw new ConfigurationException("Set tailboard.auth.token or tailboard.auth.token-file, not both");
        }
        return TokenFile.read(baseDir.resolve(auth.getTokenFile()));
    }

    public boolean required() {
        return token != null;
    }

    /** True when no token is configured, or the request carries it. */
    public boolean admits(HttpRequest<?> request) {
        if (token == null) {
            return true;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && matches(authorization.substring(BEARER.length()).trim())) {
            return true;
        }
        Optional<Cookie> cookie = request.getCookies().findCookie(COOKIE);
        return cookie.isPresent() && MessageDigest.isEqual(session,
                cookie.get().getValue().getBytes(StandardCharsets.US_ASCII));
    }

    /** Compares in constant time, so that the time of a refusal tells nothing about the token. */
    public boolean matches(@Nullable String candidate) {
        return token != null && candidate != null
                && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The login cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it). */
    public Cookie loginCookie(boolean secure) {
        return Cookie.of(COOKIE, new String(session, StandardCharsets.US_ASCII))
                .httpOnly(true).sameSite(SameSite.Strict).secure(secure).path("/").maxAge(COOKIE_AGE);
    }

    public Cookie logoutCookie(boolean secure) {
        return Cookie.of(COOKIE, "").httpOnly(true).sameSite(SameSite.Strict).secure(secure).path("/").maxAge(0);
    }

    private static byte[] sessionOf(byte[] token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            byte[] digest = mac.doFinal("tailboard login".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encode(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
