package dev.tailboard.answers;

import dev.tailboard.http.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;

/** A request body (or socket message) that must be a JSON object: anything else is a 400 that says so. */
final class JsonBody {

    private JsonBody() {
    }

    static JsonNode object(JsonMapper json, @Nullable String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** The string at {@code name}, null when absent or null; a 400 when it is something else. */
    @Nullable
    static String string(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest("'" + name + "' must be a string");
        }
        return value.getStringValue();
    }
}
