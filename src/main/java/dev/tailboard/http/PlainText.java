package dev.tailboard.http;

import io.micronaut.http.MediaType;

/** The media type of a log's raw bytes. */
public final class PlainText {

    public static final MediaType UTF8 = MediaType.of("text/plain; charset=utf-8");

    private PlainText() {
    }
}
