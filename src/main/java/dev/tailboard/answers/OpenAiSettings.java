package dev.tailboard.answers;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/** The {@code tailboard.answers.openai.*} settings: the OpenAI-compatible server the {@code openai} engine uses. */
@ConfigurationProperties("tailboard.answers.openai")
public class OpenAiSettings {

    private String baseUrl;
    private String model;
    private String apiKey;
    private Duration timeout = Duration.ofSeconds(60);

    /** Ends in {@code /v1}, as OpenAI SDKs expect: {@code http://localhost:11434/v1} for Ollama. */
    @Nullable
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Nullable
    public String getModel() {
        return model;
    }

    public void setModel(@Nullable String model) {
        this.model = model;
    }

    /** Sent as {@code Authorization: Bearer …} when set; local servers need none. */
    @Nullable
    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    /** How long the upstream may stay silent (before its first byte, or between two lines) before the answer fails. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
