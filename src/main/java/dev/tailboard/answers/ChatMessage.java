package dev.tailboard.answers;

import io.micronaut.serde.annotation.Serdeable;

/** One turn of a conversation: {@code role} is {@code system}, {@code user} or {@code assistant}. */
@Serdeable
public record ChatMessage(String role, String content) {

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public boolean fromUser() {
        return "user".equals(role);
    }
}
