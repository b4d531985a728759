package dev.tailboard.access;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Hands {@code tailboard.cors.allowed-origins} to Micronaut's own CORS filter. Without origins CORS stays off:
 * no page of another site may read an answer, and Micronaut refuses foreign pages' requests to a localhost server.
 */
@Singleton
public class CorsOrigins implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    private final CorsSettings settings;

    public CorsOrigins(CorsSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        if (!settings.getAllowedOrigins().isEmpty()) {
            CorsOriginConfiguration origins = new CorsOriginConfiguration();
            origins.setAllowedOrigins(settings.getAllowedOrigins());
            origins.setAllowedMethods(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD));
            origins.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID", "Range"));
            origins.setExposedHeaders(List.of("Location", "Content-Range"));
            origins.setAllowCredentials(false);
            cors.setEnabled(true);
            cors.setConfigurations(Map.of("tailboard", origins));
        }
        return cors;
    }
}
