package course.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The course as a learner meets it: its folder, its jbang, its Jupyter, and a way to run them. */
final class Course {

    static final Path ROOT = Path.of(System.getProperty("course.root", "..")).toAbsolutePath().normalize();

    private Course() {
    }

    static String jbang() {
        return required("course.jbang");
    }

    static String python() {
        return required("course.python");
    }

    private static String required(String property) {
        String value = System.getProperty(property, "");
        if (value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("-D" + property + " is not set: run the tests with ./course test");
        }
        return value;
    }

    /** Alias name to script-ref, from jbang-catalog.json. */
    static Map<String, String> catalog() throws IOException {
        String json = Files.readString(ROOT.resolve("jbang-catalog.json"));
        var aliases = new LinkedHashMap<String, String>();
        var matcher = Pattern.compile("\"([a-z0-9-]+)\"\\s*:\\s*\\{\\s*\"script-ref\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        while (matcher.find()) aliases.put(matcher.group(1), matcher.group(2));
        return aliases;
    }

    record Run(int exit, String out, String err, Duration took) {
        /** Both streams, for assertion messages. */
        String all() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs a command in the repo root, with no stdin, killing it (and its children) after {@code limit}. */
    static Run run(Duration limit, List<String> command) throws IOException, InterruptedException {
        return run(limit, command, Map.of());
    }

    /** The same, with these environment variables changed (a null value removes one). */
    static Run run(Duration limit, List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return run(limit, command, env, ROOT);
    }

    /** The same, in {@code folder}. */
    static Run run(Duration limit, List<String> command, Map<String, String> env, Path folder) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        env.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        var process = builder.start();
        long start = System.nanoTime();
        var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        boolean ended = false;
        try {
            ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) throw new AssertionError("still running after " + limit + ": " + String.join(" ", command));
            // Read all it said before anything is destroyed: destroying closes the streams under the readers.
            return new Run(process.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            if (!ended) process.destroyForcibly();
        }
    }

    /** {@code jbang <args>}, quietly. */
    static Run jbang(Duration limit, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(jbang(), "--quiet"));
        command.addAll(List.of(args));
        return run(limit, command);
    }

    private static final Map<String, String> USAGES = new java.util.concurrent.ConcurrentHashMap<>();

    /** What {@code jbang <alias> --help} prints (asked once per alias). */
    static String usage(String alias) throws IOException, InterruptedException {
        String usage = USAGES.get(alias);
        if (usage == null) {
            usage = jbang(Duration.ofSeconds(90), alias, "--help").out();
            USAGES.put(alias, usage);
        }
        return usage;
    }

    /** What a lesson wrote with {@code --results FILE}: one map per line, numbers as doubles. */
    static List<Map<String, Object>> results(Path file) throws IOException {
        var gson = new com.google.gson.Gson();
        var lines = new ArrayList<Map<String, Object>>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = gson.fromJson(line, Map.class);
            lines.add(fields);
        }
        return lines;
    }

    /** A declared outcome from a results file, as {@link course.lesson.Check} wrote it. */
    record Outcome(String check, String variant, String expect, int runs, int showed, boolean asDeclared) {
    }

    /** Every declared outcome in a results file, in order. */
    static List<Outcome> outcomes(Path file) throws IOException {
        return results(file).stream().filter(r -> "outcome".equals(r.get("kind")))
                .map(r -> new Outcome((String) r.get("check"), (String) r.get("variant"), (String) r.get("expect"),
                        ((Number) r.get("runs")).intValue(), ((Number) r.get("showed")).intValue(), (Boolean) r.get("asDeclared")))
                .toList();
    }

    /** Gson reads every JSON number as a double: a label compares by value when either side is a number. */
    static boolean same(Object recorded, Object wanted) {
        if (recorded instanceof Number r && wanted instanceof Number w) return r.doubleValue() == w.doubleValue();
        if (recorded instanceof Number r) {
            try {
                return r.doubleValue() == Double.parseDouble(String.valueOf(wanted));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return String.valueOf(recorded).equals(String.valueOf(wanted));
    }

    /** Every value of the measurement named {@code name} whose labels include {@code labels}, in the order written. */
    static List<Double> measures(Path file, String name, Map<String, ?> labels) throws IOException {
        return results(file).stream()
                .filter(r -> "measure".equals(r.get("kind")) && name.equals(r.get("name")))
                .filter(r -> labels.entrySet().stream().allMatch(l -> same(r.get(l.getKey()), l.getValue())))
                .map(r -> ((Number) r.get("value")).doubleValue())
                .toList();
    }

    /** The value of the one measurement named {@code name} whose labels include {@code labels}. */
    static double measure(Path file, String name, Map<String, ?> labels) throws IOException {
        var found = measures(file, name, labels);
        if (found.size() != 1) throw new AssertionError(found.size() + " measurements named '" + name + "' with " + labels + " in " + file);
        return found.getFirst();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
