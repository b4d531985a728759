package dev.tailboard.answers;

import dev.tailboard.jobs.JobId;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** What is asked: a conversation ending with the user's prompt, and the job it is about when one was picked. */
public record Question(List<ChatMessage> messages, @Nullable JobId job) {

    public Question {
        messages = List.copyOf(messages);
    }

    public static Question of(String prompt, @Nullable JobId job) {
        return new Question(List.of(ChatMessage.user(prompt)), job);
    }

    /** The last thing the user said. */
    public String prompt() {
        List<String> said = said();
        return said.isEmpty() ? "" : said.get(said.size() - 1);
    }

    /** What the user said, in order. */
    public List<String> said() {
        return messages.stream().filter(ChatMessage::fromUser).map(ChatMessage::content).toList();
    }
}
