package dev.tailboard.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import jakarta.inject.Singleton;

/**
 * Micronaut's compression, but for streamed responses: a log stream's frames are encoded once for all its viewers
 * and written to each connection as they are (see {@link Viewer}), and each piece of a stream must leave at once.
 * Text with a known length is compressed as before, from the server's compression threshold and level.
 */
@Singleton
@Replaces(HttpCompressionStrategy.class)
public class StreamsUncompressed implements HttpCompressionStrategy {

    private final int threshold;
    private final int level;
    private final int maxZstdEncodeSize;

    public StreamsUncompressed(NettyHttpServerConfiguration configuration) {
        this.threshold = configuration.getCompressionThreshold();
        this.level = configuration.getCompressionLevel();
        this.maxZstdEncodeSize = configuration.getMaxZstdEncodeSize();
    }

    @Override
    public boolean isEnabled() {
        return threshold >= 0;
    }

    @Override
    public boolean shouldCompress(HttpResponse response) {
        HttpHeaders headers = response.headers();
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        Integer length = headers.getInt(HttpHeaderNames.CONTENT_LENGTH);
        return isEnabled() && type != null && MediaType.isTextBased(type) && !HttpUtil.isTransferEncodingChunked(response)
                && (length == null || length >= threshold);
    }

    @Override
    public int getCompressionLevel() {
        return level;
    }

    @Override
    public int getMaxZstdEncodeSize() {
        return maxZstdEncodeSize;
    }
}
