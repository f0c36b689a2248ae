package course.benchmarks;

import com.google.gson.Gson;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a lesson script, as a learner runs it ({@code jbang <alias> ...}, a fresh JVM), with
 * {@code --results FILE}: what it measured, read back as data. The benchmarks measure the lessons' own code
 * this way, never a copy of it.
 */
final class LessonRun {

    private static final Gson GSON = new Gson();

    private final List<Map<String, Object>> records;

    private LessonRun(List<Map<String, Object>> records) {
        this.records = records;
    }

    /** Runs {@code jbang <alias> args... --results <file>}; fails with the lesson's own last lines if it fails. */
    static LessonRun of(String jbang, long limitSeconds, String alias, String... args) throws IOException, InterruptedException {
        Path results = Files.createTempFile("bench-" + alias + "-", ".jsonl");
        Path log = Files.createTempFile("bench-" + alias + "-", ".log");
        try {
            var command = new ArrayList<>(List.of(jbang, "--quiet", alias));
            command.addAll(List.of(args));
            command.addAll(List.of("--results", results.toString()));
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(String.join(" ", command) + " ran past " + limitSeconds + " s");
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            if (process.exitValue() != 0) {
                List<String> said = Files.readAllLines(log);
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + String.join(" | ", said.subList(Math.max(0, said.size() - 3), said.size())));
            }
            return parse(Files.readAllLines(results));
        } finally {
            Files.deleteIfExists(results);
            Files.deleteIfExists(log);
        }
    }

    /** The records of a results file's lines. */
    @SuppressWarnings("unchecked")
    static LessonRun parse(List<String> lines) {
        var records = new ArrayList<Map<String, Object>>();
        for (String line : lines) if (!line.isBlank()) records.add(GSON.fromJson(line, Map.class));
        return new LessonRun(records);
    }

    /** Every measurement named {@code name}, with its labels. */
    List<Map<String, Object>> measures(String name) {
        return records.stream().filter(r -> "measure".equals(r.get("kind")) && name.equals(r.get("name"))).toList();
    }

    /** The value of the one measurement named {@code name} whose labels include {@code labels}. */
    double measure(String name, Map<String, ?> labels) {
        var found = records.stream()
                .filter(r -> "measure".equals(r.get("kind")) && name.equals(r.get("name")))
                .filter(r -> labels.entrySet().stream().allMatch(l -> same(r.get(l.getKey()), l.getValue())))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " measurements '" + name + "' with " + labels + " (the lesson must record exactly one)");
        }
        return ((Number) found.getFirst().get("value")).doubleValue();
    }

    /** Gson reads every JSON number as a double: 4 and 4.0 are the same label. */
    private static boolean same(Object recorded, Object wanted) {
        if (recorded instanceof Number r && wanted instanceof Number w) return r.doubleValue() == w.doubleValue();
        return String.valueOf(recorded).equals(String.valueOf(wanted));
    }
}
