package dev.tailboard.answers;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a question is about: one job, or the dashboard as a whole. A job named in the latest prompt wins
 * over the one picked with the question, which wins over one named earlier in the conversation.
 */
record Topic(Optional<Job> job, List<String> unknownIds) {

    /** Words that may be job ids: the id alphabet, with {@code /} between segments. */
    private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    static Topic of(Question question, JobRegistry registry) {
        Map<String, Job> known = registry.all().stream().collect(Collectors.toMap(Job::id, Function.identity()));
        String prompt = question.prompt();
        Optional<Job> named = mentioned(prompt, known);
        if (named.isPresent()) {
            return new Topic(named, List.of());
        }
        Optional<Job> picked = Optional.ofNullable(question.job()).flatMap(registry::find);
        if (picked.isPresent()) {
            return new Topic(picked, List.of());
        }
        List<ChatMessage> messages = question.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).fromUser()) {
                Optional<Job> earlier = mentioned(messages.get(i).content(), known);
                if (earlier.isPresent()) {
                    return new Topic(earlier, List.of());
                }
            }
        }
        return new Topic(Optional.empty(), unknown(prompt, known));
    }

    private static Optional<Job> mentioned(String text, Map<String, Job> known) {
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            Job job = known.get(trimmed(matcher.group()));
            if (job != null) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** Ids in a folder that has jobs, but that are no job themselves ({@code backend/999}): worth saying so. */
    private static List<String> unknown(String text, Map<String, Job> known) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            String word = trimmed(matcher.group());
            int slash = word.lastIndexOf('/');
            if (slash > 0 && JobId.isValid(word) && !unknown.contains(word)) {
                String folder = word.substring(0, slash + 1);
                if (known.keySet().stream().anyMatch(id -> id.startsWith(folder))) {
                    unknown.add(word);
                }
            }
        }
        return unknown;
    }

    /** A sentence may end right after an id: "why did backend/42 fail." */
    private static String trimmed(String word) {
        int end = word.length();
        while (end > 0 && (word.charAt(end - 1) == '.' || word.charAt(end - 1) == '/' || word.charAt(end - 1) == '-')) {
            end--;
        }
        return word.substring(0, end);
    }
}
