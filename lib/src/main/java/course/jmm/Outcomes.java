package course.jmm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each outcome of a two-actor test came out, e.g. {@code "0, 0" -> 4211}: the results of both actors,
 * written as {@code "r1, r2"}. Immutable; outcomes are kept in their natural (string) order.
 */
public record Outcomes(Map<String, Long> counts) {

    public Outcomes {
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }

    public static Outcomes none() {
        return new Outcomes(Map.of());
    }

    /** How many trials gave {@code outcome} (0 if none did). */
    public long count(String outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    public long trials() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Both counts added up, outcome by outcome. */
    public Outcomes plus(Outcomes other) {
        var sum = new LinkedHashMap<>(counts);
        other.counts.forEach((outcome, n) -> sum.merge(outcome, n, Long::sum));
        return new Outcomes(sum);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
