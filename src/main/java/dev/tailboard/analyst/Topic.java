package dev.tailboard.analyst;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;

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
 * over the one picked with the question, which wins over one named earlier in the conversation; with none,
 * "why did it fail?" is about the latest failed job ({@code guessed}), anything else about the dashboard.
 */
record Topic(Optional<Job> job, List<String> unknownIds, boolean guessed) {

    /** Words that may be job ids: the id alphabet, with {@code /} between segments. */
    private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    /** "Why did it fail?", "why is the build red?" — one failure; "why are jobs failing?" asks about several. */
    private static final Pattern WHY_IT_FAILED = Pattern.compile(
            "\\bwhy\\b.*\\b(fail\\w*|break\\w*|broke\\w*|red|errors?|wrong)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEVERAL = Pattern.compile("\\b(jobs|builds|runs|pipelines)\\b", Pattern.CASE_INSENSITIVE);

    /** {@code said}: what the user said, in order, the prompt last; {@code picked}: the job chosen with it. */
    static Topic of(List<String> said, @Nullable JobId picked, JobRegistry registry) {
        Map<String, Job> known = registry.all().stream().collect(Collectors.toMap(Job::id, Function.identity()));
        String prompt = said.isEmpty() ? "" : said.get(said.size() - 1);
        Optional<Job> named = mentioned(prompt, known);
        if (named.isPresent()) {
            return new Topic(named, List.of(), false);
        }
        Optional<Job> chosen = Optional.ofNullable(picked).flatMap(registry::find);
        if (chosen.isPresent()) {
            return new Topic(chosen, List.of(), false);
        }
        for (int i = said.size() - 1; i >= 0; i--) {
            Optional<Job> earlier = mentioned(said.get(i), known);
            if (earlier.isPresent()) {
                return new Topic(earlier, List.of(), false);
            }
        }
        List<String> unknown = unknown(prompt, known);
        if (unknown.isEmpty() && WHY_IT_FAILED.matcher(prompt).find() && !SEVERAL.matcher(prompt).find()) {
            Optional<Job> latestFailed = registry.all().stream().filter(job -> job.status() == JobStatus.FAILED).findFirst();
            if (latestFailed.isPresent()) {
                return new Topic(latestFailed, List.of(), true);
            }
        }
        return new Topic(Optional.empty(), unknown, false);
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
