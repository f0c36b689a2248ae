package course.tests;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 07 through its script, read from its {@code --results} file: the stop flag stalls in every child JVM and
 * its fixes never do; store buffering's (0, 0) shows in every run with plain fields and release/acquire, never with
 * volatile; unsafe publication is reported as seen. And its exercise: the check fails the starter, fails the
 * store-buffering cell's release/acquire copied into the exercise, and passes the solution.
 */
class Lesson07MemoryModelTest {

    static final List<String> BROKEN_FLAGS = List.of("plain boolean (wrong)", "lock on the writer only (wrong)");
    static final List<String> FIXED_FLAGS = List.of("volatile", "AtomicBoolean", "lock on both sides");
    static final List<String> REORDERING = List.of("plain fields (wrong)", "setRelease / getAcquire (wrong here)");
    static final String VOLATILE_PAIR = "volatile";
    static final int RUNS = 20, TRIALS = 100_000;

    @TempDir
    static Path folder;
    static Course.Run defaults;
    static Path results;

    @BeforeAll
    @Timeout(500)
    static void runTheLessonWithItsDefaults() throws Exception {
        results = folder.resolve("defaults.jsonl");
        defaults = Course.jbang(Duration.ofSeconds(450), "memory-model", "--results", results.toString());
        assertEquals(0, defaults.exit(), defaults.all());
    }

    static Course.Outcome outcome(String check, String variant) throws IOException {
        return Course.outcomes(results).stream().filter(o -> o.check().equals(check) && o.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for '" + variant + "' of '" + check + "' in " + results));
    }

    static void assertShowedInEveryRun(String check, String variant) throws IOException {
        var o = outcome(check, variant);
        assertEquals("HAZARD", o.expect(), o.toString());
        assertEquals(RUNS, o.runs(), o.toString());
        assertEquals(RUNS, o.showed(), o.toString());
        assertTrue(o.asDeclared(), o.toString());
    }

    static void assertNeverShowed(String check, String variant) throws IOException {
        var o = outcome(check, variant);
        assertEquals("NO_HAZARD", o.expect(), o.toString());
        assertEquals(RUNS, o.runs(), o.toString());
        assertEquals(0, o.showed(), o.toString());
        assertTrue(o.asDeclared(), o.toString());
    }

    static final String STALL = "the reader never sees the flag", SB = "both reads came before both writes: (0, 0)";

    @Test
    void aPlainFlagAndAWriterOnlyLockStallTheReaderInEachOfTwentyChildJvms() throws Exception {
        for (String flag : BROKEN_FLAGS) assertShowedInEveryRun(STALL, flag);
    }

    @Test
    void volatileAtomicBooleanAndALockOnBothSidesStopTheReaderInEachOfTwentyChildJvms() throws Exception {
        for (String flag : FIXED_FLAGS) assertNeverShowed(STALL, flag);
    }

    @Test
    void withC1AloneEveryFixStillStopsAndThePlainFlagIsOnlyObserved() throws Exception {
        for (String flag : FIXED_FLAGS) assertEquals(0.0, Course.measure(results, "stalled ms with C1 only", Map.of("flag", flag)), flag);
        for (String flag : BROKEN_FLAGS) {
            double stalled = Course.measure(results, "stalled ms with C1 only", Map.of("flag", flag));
            assertTrue(stalled >= 0, flag + ": " + stalled);
        }
    }

    @Test
    void storeBufferingShowsZeroZeroInEveryRunWithPlainFieldsAndReleaseAcquire() throws Exception {
        for (String way : REORDERING) assertShowedInEveryRun(SB, way);
    }

    @Test
    void volatileNeverShowsZeroZeroInTwentyRuns() throws Exception {
        assertNeverShowed(SB, VOLATILE_PAIR);
    }

    @Test
    void theChartsCountsAddUpToEveryTrialAndVolatileHasNoZeroZero() throws Exception {
        for (String way : List.of(REORDERING.get(0), REORDERING.get(1), VOLATILE_PAIR)) {
            double trials = Course.measures(results, "store buffering outcomes", Map.of("way", way)).stream().mapToDouble(Double::doubleValue).sum();
            assertEquals((double) RUNS * TRIALS, trials, way);
        }
        assertEquals(List.of(), Course.measures(results, "store buffering outcomes", Map.of("way", VOLATILE_PAIR, "outcome", "0, 0")));
        for (String way : REORDERING) {
            assertTrue(Course.measure(results, "store buffering outcomes", Map.of("way", way, "outcome", "0, 0")) >= RUNS, way);
        }
    }

    @Test
    void unsafePublicationIsCountedAndAFinalFieldIsNeverSeenUnset() throws Exception {
        double plain = Course.measure(results, "box seen without its value", Map.of("box", "Box (plain field)", "trials", RUNS * TRIALS));
        assertTrue(plain >= 0, "Box: " + plain);
        assertEquals(0.0, Course.measure(results, "box seen without its value", Map.of("box", "FinalBox (final field)", "trials", RUNS * TRIALS)));
    }

    @Test
    void theHumanOutputTellsEachPartAndLeavesNothingRunning() {
        String out = defaults.out();
        for (String part : List.of("1. A stop flag", "stalled, at Lesson07MemoryModel$PlainFlag.spin(", "2. Store buffering", "(0, 0) !",
                "Unsafe publication", "Observed, not declared", "3. Happens-before", "final-field rule", "Nothing left running")) {
            assertTrue(out.contains(part), "no '" + part + "'\n" + defaults.all());
        }
        assertFalse(out.contains("NOT AS DECLARED"), defaults.all());
        assertEquals("", defaults.err(), defaults.all());
    }

    // The exercise, on a notebook of its own cells: the lib, the setup, the exercise cell (as given, a solution, or a
    // copy of what an earlier cell does), the check, the leftovers check.

    static final String NEAR_MISS = """
            class Doors {
                private final java.util.concurrent.atomic.AtomicBoolean aWants = new java.util.concurrent.atomic.AtomicBoolean(),
                        bWants = new java.util.concurrent.atomic.AtomicBoolean();

                // what the store-buffering cell's ReleaseAcquirePair does, copied
                boolean aGoesIn() {
                    aWants.setRelease(true);
                    return !bWants.getAcquire();
                }

                boolean bGoesIn() {
                    bWants.setRelease(true);
                    return !aWants.getAcquire();
                }
            }
            """;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cells() throws IOException {
        var notebook = new Gson().fromJson(Files.readString(Course.ROOT.resolve("notebooks/07_memory_model.ipynb")), Map.class);
        return (List<Map<String, Object>>) notebook.get("cells");
    }

    static String source(Map<String, Object> cell) {
        return cell.get("source") instanceof List<?> lines ? String.join("", lines.stream().map(String::valueOf).toList()) : String.valueOf(cell.get("source"));
    }

    @SuppressWarnings("unchecked")
    static boolean tagged(Map<String, Object> cell, String tag) {
        var tags = (List<String>) ((Map<String, Object>) cell.getOrDefault("metadata", Map.of())).getOrDefault("tags", List.of());
        return tags.contains(tag);
    }

    static Map<String, Object> cellWith(String tag) throws IOException {
        return cells().stream().filter(c -> tagged(c, tag)).findFirst().orElseThrow(() -> new AssertionError("no cell tagged " + tag));
    }

    /** The solution's java block, from the markdown cell tagged 'solution'. */
    static String solution() throws IOException {
        String md = source(cellWith("solution"));
        int start = md.indexOf("```java\n") + "```java\n".length();
        return md.substring(start, md.indexOf("```", start));
    }

    static Course.Run runExercise(Path dir, String name, String exercise) throws Exception {
        String setup = cells().stream().map(Lesson07MemoryModelTest::source).filter(s -> s.contains("Leftovers.baseline()")).findFirst().orElseThrow();
        String check = source(cellWith("check"));
        var sources = List.of("%jars " + Course.ROOT.resolve("lib/target/course-lib.jar"), setup, exercise, check, "leftovers.check();");
        var cells = new ArrayList<Map<String, Object>>();
        for (String s : sources) {
            var cell = new LinkedHashMap<String, Object>();
            cell.put("cell_type", "code");
            cell.put("execution_count", null);
            cell.put("metadata", s.equals(exercise) ? Map.of("tags", List.of("exercise"))
                    : s.equals(check) ? Map.of("tags", List.of("check")) : Map.of());
            cell.put("outputs", List.of());
            cell.put("source", s);
            cells.add(cell);
        }
        var notebook = Map.of("cells", cells, "metadata", Map.of("kernelspec", Map.of("name", "java", "display_name", "Java", "language", "java")),
                "nbformat", 4, "nbformat_minor", 5);
        Path file = dir.resolve(name + ".ipynb");
        Files.writeString(file, new GsonBuilder().serializeNulls().create().toJson(notebook));
        return Course.run(Duration.ofMinutes(3), List.of(Course.python(), "tools/run_notebooks.py", "--cell-timeout", "90", file.toString()));
    }

    @Test
    @Timeout(600)
    void theExerciseCheckFailsTheStarterAndACopiedReleaseAcquireAndPassesTheSolution(@TempDir Path dir) throws Exception {
        String starter = source(cellWith("exercise"));
        assertTrue(starter.contains("private boolean aWants, bWants;"), starter);
        var asGiven = runExercise(dir, "starter", starter);
        assertEquals(0, asGiven.exit(), asGiven.all());
        assertTrue(asGiven.out().contains(": ❌ not yet: round 1: both went in"), "the check passes the starter\n" + asGiven.all());

        var copied = runExercise(dir, "near-miss", NEAR_MISS);
        assertEquals(0, copied.exit(), copied.all());
        assertTrue(copied.out().contains(": ❌ not yet: round 1: both went in"), "the check passes release/acquire\n" + copied.all());

        var solved = runExercise(dir, "solution", solution());
        assertEquals(0, solved.exit(), solved.all());
        assertTrue(solved.out().contains(": ✅ well done"), "the check fails the solution\n" + solved.all());
        assertFalse(solved.out().contains("❌"), solved.all());
    }
}
