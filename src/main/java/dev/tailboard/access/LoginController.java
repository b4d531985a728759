package dev.tailboard.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.views.ModelAndView;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login}: a form for the access token that sets the login cookie, then returns to the page asked for
 * ({@link LoginBrake} keeps a client from trying many tokens); {@code POST /logout} ends the login in this browser.
 */
@Controller
public class LoginController {

    static final String PATH = "/login";
    static final String LOGOUT = "/logout";
    /** Characters a URI may hold as they are (RFC 3986, with '%' for escapes already made). */
    private static final String URI_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "-._~:/?#[]@!$&'()*+,;=%";

    private final AccessToken token;
    private final LoginBrake brake;

    public LoginController(AccessToken token, LoginBrake brake) {
        this.token = token;
        this.brake = brake;
    }

    @Get(uri = PATH, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> form(@Nullable @QueryValue String next) {
        if (!token.required()) {
            return HttpResponse.seeOther(URI.create(local(next)));
        }
        return HttpResponse.ok(page(next, Map.of()));
    }

    @Post(uri = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> login(@Nullable String token, @Nullable String next, HttpRequest<?> request) {
        InetAddress client = request.getRemoteAddress().getAddress();
        Optional<Duration> wait = brake.wait(client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                    .body(page(next, Map.of("wait", seconds)));
        }
        if (!this.token.matches(token)) {
            brake.failed(client);
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(page(next, Map.of("refused", this.token.required())));
        }
        brake.succeeded(client);
        return HttpResponse.seeOther(URI.create(local(next))).cookie(this.token.loginCookie(isSecure(request)));
    }

    @Post(uri = LOGOUT, consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public HttpResponse<?> logout(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create(token.required() ? PATH : "/")).cookie(token.logoutCookie(isSecure(request)));
    }

    /** The form, with {@code refused} (a wrong token) or {@code wait} (seconds, after too many) to say so. */
    private static ModelAndView<Map<String, Object>> page(@Nullable String next, Map<String, Object> outcome) {
        Map<String, Object> model = new HashMap<>(outcome);
        model.put("next", local(next));
        return new ModelAndView<>("login", model);
    }

    /**
     * Only a path on this server, so that the login page cannot be used to send people elsewhere; characters a URI
     * cannot hold as they are (a space, {@code é}) are escaped as UTF-8.
     */
    static String local(@Nullable String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        StringBuilder escaped = new StringBuilder();
        for (byte b : next.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0 && URI_CHARACTERS.indexOf(b) >= 0) {
                escaped.append((char) b);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        try {
            URI uri = new URI(escaped.toString());
            return uri.getScheme() == null && uri.getRawAuthority() == null ? escaped.toString() : "/";
        } catch (URISyntaxException e) {
            return "/";
        }
    }

    private static boolean isSecure(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
