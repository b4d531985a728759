package dev.tailboard.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;

/** {@code /login}: a form for the access token that sets the login cookie, then returns to the page asked for. */
@Controller
public class LoginController {

    static final String PATH = "/login";

    private final AccessToken token;

    public LoginController(AccessToken token) {
        this.token = token;
    }

    @Get(uri = PATH, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> form(@Nullable @QueryValue String next) {
        if (!token.required()) {
            return HttpResponse.seeOther(URI.create(local(next)));
        }
        return HttpResponse.ok(page(next, false));
    }

    @Post(uri = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> login(@Nullable String token, @Nullable String next, HttpRequest<?> request) {
        if (!this.token.matches(token)) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(page(next, this.token.required()));
        }
        return HttpResponse.seeOther(URI.create(local(next))).cookie(this.token.loginCookie(isSecure(request)));
    }

    private static ModelAndView<Map<String, Object>> page(@Nullable String next, boolean refused) {
        return new ModelAndView<>("login", Map.of("next", local(next), "refused", refused));
    }

    /** Only a path on this server, so that the login page cannot be used to send people elsewhere. */
    static String local(@Nullable String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    private static boolean isSecure(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
