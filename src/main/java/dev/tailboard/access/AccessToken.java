package dev.tailboard.access;

import dev.tailboard.TailboardSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * The configured token, and the two ways a request shows it: {@code Authorization: Bearer <token>}, or the
 * login cookie. The cookie holds a value of its own for each login ({@link LoginSessions}) rather than the token,
 * so that it cannot be used as a bearer token, it ends after the session lifetime, and changing the token ends
 * every login. Created at start, so that a token file is there (or a mistake stops the start) before anyone asks.
 */
@Context
public class AccessToken {

    static final String COOKIE = "tailboard_session";
    private static final String BEARER = "Bearer ";
    /** Shorter tokens get a warning: the API's bearer checks have no brake, only the login form has. */
    private static final int SHORT = 16;

    @Nullable
    private final byte[] token;
    @Nullable
    private final LoginSessions sessions;

    public AccessToken(AuthSettings auth, TailboardSettings settings) {
        String configured = configured(auth, settings.getBaseDir());
        this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
        if (token != null && token.length < SHORT) {
            LoggerFactory.getLogger(AccessToken.class).warn("tailboard.auth.token is only {} bytes long: a script can guess "
                    + "a short token through the API; use a long random one (openssl rand -hex 24)", token.length);
        }
        this.sessions = token == null ? null : new LoginSessions(token, auth.getSessionLifetime(), Clock.systemUTC());
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
        return loggedIn(request);
    }

    /** True when the request carries a login cookie that is still good. */
    public boolean loggedIn(HttpRequest<?> request) {
        return sessions != null && sessions.valid(request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null));
    }

    /** Compares in constant time, so that the time of a refusal tells nothing about the token. */
    public boolean matches(@Nullable String candidate) {
        return token != null && candidate != null
                && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** A new login's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it). */
    public Cookie loginCookie(boolean secure) {
        return Cookie.of(COOKIE, sessions.issue())
                .httpOnly(true).sameSite(SameSite.Strict).secure(secure).path("/").maxAge(sessions.lifetime());
    }

    public Cookie logoutCookie(boolean secure) {
        return Cookie.of(COOKIE, "").httpOnly(true).sameSite(SameSite.Strict).secure(secure).path("/").maxAge(0);
    }
}
