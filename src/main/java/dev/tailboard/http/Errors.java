package dev.tailboard.http;

import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.views.ModelAndView;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every error the server answers: JSON {@code {"error": …}} under {@code /api/} and {@code /v1/}, an HTML
 * page elsewhere, and never a stack trace.
 */
@Controller
public class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    @Error(global = true)
    public HttpResponse<?> refused(HttpRequest<?> request, ApiException e) {
        return respond(request, e.status(), e.getMessage());
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        return respond(request, HttpStatus.NOT_FOUND, "not found: " + request.getPath());
    }

    /** The router's own: a route takes this path with other methods, named in {@code Allow}. */
    @Error(global = true)
    public HttpResponse<?> methodNotAllowed(HttpRequest<?> request, NotAllowedException e) {
        return respond(request, HttpStatus.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed on " + request.getPath())
                .header(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(e.getAllowedMethods())));
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    public HttpResponse<?> unsupportedMediaType(HttpRequest<?> request) {
        return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type");
    }

    /** A value no converter could read; {@link JobIdConverter} says why in an {@link ApiException}. */
    @Error(global = true)
    public HttpResponse<?> badInput(HttpRequest<?> request, ConversionErrorException e) {
        if (e.getConversionError().getCause() instanceof ApiException refused) {
            return refused(request, refused);
        }
        return respond(request, HttpStatus.BAD_REQUEST, "bad value for '" + e.getArgument().getName() + "'");
    }

    @Error(global = true)
    public HttpResponse<?> missingInput(HttpRequest<?> request, UnsatisfiedRouteException e) {
        return respond(request, HttpStatus.BAD_REQUEST, "missing '" + e.getArgument().getName() + "'");
    }

    @Error(global = true)
    public HttpResponse<?> status(HttpRequest<?> request, HttpStatusException e) {
        return respond(request, e.getStatus(), e.getMessage());
    }

    @Error(global = true)
    public HttpResponse<?> tooLarge(HttpRequest<?> request, ContentLengthExceededException e) {
        return respond(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is too large");
    }

    /** A body that cannot be read as its content type says (broken JSON, say). */
    @Error(global = true)
    public HttpResponse<?> unreadable(HttpRequest<?> request, CodecException e) {
        return respond(request, HttpStatus.BAD_REQUEST, "the request body cannot be read: it is not valid for its content type");
    }

    /** A JSON body that does not parse (cut short, not UTF-8, not JSON at all). */
    @Error(global = true)
    public HttpResponse<?> badJson(HttpRequest<?> request, JsonSyntaxException e) {
        return respond(request, HttpStatus.BAD_REQUEST, "the request body is not valid JSON");
    }

    /** A form body that is not one ({@code next=/a%zz}): bad input, not a failure of the server. */
    @Error(global = true)
    public HttpResponse<?> unreadableForm(HttpRequest<?> request, HttpPostRequestDecoder.ErrorDataDecoderException e) {
        return respond(request, HttpStatus.BAD_REQUEST, "the form cannot be read: " + e.getMessage());
    }

    /** A request line that is not a URL (a raw backslash, say): Micronaut has no path for it, the exception has. */
    @Error(global = true)
    public HttpResponse<?> badUrl(URISyntaxException e) {
        return respond(isApi(e.getInput()), HttpStatus.BAD_REQUEST, "not a valid URL");
    }

    /**
     * A connection that ended (closed or reset) in the middle of its request, an aborted upload say: one line, not a
     * stack trace, as any client can do it at will.
     */
    @Error(global = true)
    public HttpResponse<?> brokenOff(HttpRequest<?> request, IOException e) {
        if (!(e instanceof EOFException || e instanceof SocketException)) {
            return failure(request, e);
        }
        LOG.info("Request {} {} broke off: {}", request.getMethod(), request.getPath(), e.getMessage());
        return respond(request, HttpStatus.BAD_REQUEST, "the request broke off");
    }

    @Error(global = true)
    public HttpResponse<?> failure(HttpRequest<?> request, Throwable e) {
        LOG.error("Request {} {} failed", request.getMethod(), request.getPath(), e);
        return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    /** API paths; a refused WebSocket handshake ({@code /ws/}) is answered like an API call too. */
    static boolean isApi(HttpRequest<?> request) {
        return isApi(request.getPath());
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/v1/") || path.equals("/v1")
                || path.startsWith("/ws/");
    }

    private static MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, String message) {
        return respond(isApi(request), status, message);
    }

    private static MutableHttpResponse<?> respond(boolean api, HttpStatus status, String message) {
        if (api) {
            return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(new ApiError(message));
        }
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE)
                .body(new ModelAndView<>("error", Map.of("status", status.getCode(), "reason", status.getReason(),
                        "message", message)));
    }
}
