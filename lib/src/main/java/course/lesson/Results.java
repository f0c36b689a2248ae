package course.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lesson run showed, as data: every {@link Check} outcome and every named measurement, one JSON object
 * per line in the file given by {@code --results FILE}. Tests and benchmarks read this file instead of the
 * printed tables. With no file (a notebook, a plain run) only the outcomes are kept in memory, so that
 * {@link Lesson} can fail a run whose variants did not show what they declared.
 *
 * <p>Thread-safe: every method is {@code synchronized} on the class.
 */
public final class Results {

    private static Writer out;                                         // guarded by Results.class
    private static final List<Check.Outcome> outcomes = new ArrayList<>();  // guarded by Results.class

    private Results() {
    }

    /** Records one measurement, e.g. {@code measure("wall ms", 812.4, Map.of("way", "pool"))}. */
    public static void measure(String name, double value, Map<String, ?> labels) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", name);
        fields.put("value", value);
        fields.putAll(labels);
        write("measure", fields);
    }

    /** Records anything else a test or a benchmark should read, under a kind of its own. */
    public static void record(String kind, Map<String, ?> fields) {
        write(kind, fields);
    }

    static synchronized void outcome(Check.Outcome outcome) {
        outcomes.add(outcome);
        write("outcome", Check.fields(outcome));
    }

    /** The outcomes recorded since {@link #to} (or since the JVM started) that were not as declared. */
    public static synchronized List<Check.Outcome> notAsDeclared() {
        return outcomes.stream().filter(o -> !o.asDeclared()).toList();
    }

    /** From now on, writes to {@code file} (created or emptied); {@code null} writes nowhere. */
    static synchronized void to(Path file) {
        close();
        outcomes.clear();
        if (file == null) return;
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + file + ": " + e.getMessage(), e);
        }
    }

    static synchronized void close() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out = null;
        }
    }

    private static synchronized void write(String kind, Map<String, ?> fields) {
        if (out == null) return;
        var line = new LinkedHashMap<String, Object>();
        line.put("kind", kind);
        line.putAll(fields);
        try {
            out.write(Json.of(line));
            out.write('\n');
            out.flush();   // a run that is killed still leaves every line it finished
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
