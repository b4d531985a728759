package dev.tailboard.runner;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertyEntry;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.core.value.PropertyCatalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration exactly as written, {@code ${…}} included. Micronaut resolves placeholders whenever a
 * value is read, so this reads its catalog instead: the environment's property sources, processed in the
 * environment's order by Micronaut's own resolver, so that names are normalised and sources override each
 * other exactly as for any other setting.
 */
final class WrittenProperties extends PropertySourcePropertyResolver {

    WrittenProperties(Environment environment) {
        super(environment, false);
        List<PropertySource> sources = new ArrayList<>(environment.getPropertySources());
        OrderUtil.sortOrdered(sources);
        sources.forEach(this::addPropertySource);
    }

    /** The value of {@code name} (in Micronaut's spelling, such as {@code a.b.working-dir}) as written. */
    Optional<Object> value(String name) {
        Map<String, ? extends PropertyEntry> entries = resolveEntriesForKey(name, false, PropertyCatalog.GENERATED);
        return Optional.ofNullable(entries == null ? null : entries.get(name)).map(PropertyEntry::value);
    }

    /** Every value below {@code prefix}, keyed by the rest of its name as written (case and dots kept). */
    Map<String, Object> below(String prefix) {
        Map<String, Object> found = new LinkedHashMap<>();
        Map<String, ? extends PropertyEntry> entries = resolveEntriesForKey(prefix, false, PropertyCatalog.RAW);
        if (entries != null) {
            String start = prefix + ".";
            entries.forEach((key, entry) -> {
                if (key.startsWith(start)) {
                    found.put(key.substring(start.length()), entry.value());
                }
            });
        }
        return found;
    }
}
