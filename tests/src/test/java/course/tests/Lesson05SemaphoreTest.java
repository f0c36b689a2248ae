package course.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 05 through its script, read from what it writes with {@code --results}: with 200 downloaders started at
 * once the cat server's own peak-in-flight counter never passes the permits, and over 20 runs the over-release
 * bug shows above the limit on every run while its fix never does. Then its notebook's exercise check, given the
 * answer a learner gets by copying section 2's fix into the exercise.
 */
class Lesson05SemaphoreTest {

    static final String OVER_RELEASE = "more than K in flight";
    static final String BROKEN = "release even when refused (wrong)", FIXED = "release only what you got";
    static final List<String> WAYS = List.of("platform threads + semaphore", "fixed pool of K", "virtual threads + semaphore");

    static Path out;
    static Course.Run wide;       // 200 downloaders at once, K = 8, 50 ms: one run of each demo
    static Path wideResults;
    static Course.Run repeated;   // the lesson's defaults (24 downloaders, K = 4), the over-release check 20 times
    static Path repeatedResults;

    @BeforeAll
    @Timeout(300)
    static void runTheLesson(@TempDir Path dir) throws Exception {
        out = dir;
        wideResults = dir.resolve("200.jsonl");
        wide = Course.jbang(Duration.ofSeconds(140), "semaphore", "--count", "200", "--permits", "8", "--latency", "50",
                "--repeat", "1", "--out", dir.resolve("200").toString(), "--results", wideResults.toString());
        assertEquals(0, wide.exit(), wide.all());
        repeatedResults = dir.resolve("24.jsonl");
        repeated = Course.jbang(Duration.ofSeconds(140), "semaphore", "--repeat", "20", "--out", dir.resolve("24").toString(),
                "--results", repeatedResults.toString());
        assertEquals(0, repeated.exit(), repeated.all());
    }

    static Course.Outcome outcome(Path results, String variant) throws IOException {
        return Course.outcomes(results).stream().filter(o -> o.check().equals(OVER_RELEASE) && o.variant().equals(variant))
                .findFirst().orElseThrow(() -> new AssertionError("no outcome for '" + variant + "' in " + results));
    }

    @Test
    void theServerNeverSeesMoreDownloadsAtOnceThanThePermits() throws Exception {
        for (int permits : new int[] {4, 8, 16, 200}) {   // half of K, K, twice K, N
            double peak = Course.measure(wideResults, "peak in flight", Map.of("variant", "semaphore", "permits", permits));
            assertTrue(peak <= permits, "K = " + permits + " but the server saw " + peak + " at once\n" + wide.all());
            assertTrue(peak >= Math.min(permits, 2), "K = " + permits + ": the downloads did not overlap at all\n" + wide.all());
        }
        for (String way : WAYS) {
            double peak = Course.measure(wideResults, "peak in flight", Map.of("variant", way, "permits", 8));
            assertTrue(peak <= 8, way + ": K = 8 but the server saw " + peak + " at once\n" + wide.all());
        }
    }

    @Test
    void doublingThePermitsAboutHalvesTheTime() throws Exception {
        // the notebook says: doubling K about halves the time (the lesson's defaults: 24 cats, K = 2, 4, 8)
        double[] ms = new double[3];
        int[] permits = {2, 4, 8};
        for (int i = 0; i < 3; i++) ms[i] = Course.measure(repeatedResults, "wall ms", Map.of("way", "semaphore", "cats", 24, "permits", permits[i]));
        for (int i = 0; i < 2; i++) {
            double ratio = ms[i] / ms[i + 1];
            assertTrue(ratio > 1.5 && ratio < 2.5, "K = " + permits[i] + ": " + ms[i] + " ms, K = " + permits[i + 1] + ": " + ms[i + 1] + " ms");
        }
    }

    @Test
    void overReleasingRaisesTheLimitOnEveryRunAndTheFixNever() throws Exception {
        var broken = outcome(repeatedResults, BROKEN);
        assertEquals("HAZARD", broken.expect());
        assertEquals(20, broken.runs());
        assertEquals(20, broken.showed(), "runs above K\n" + repeated.all());
        assertTrue(broken.asDeclared(), repeated.all());
        var fixed = outcome(repeatedResults, FIXED);
        assertEquals("NO_HAZARD", fixed.expect());
        assertEquals(20, fixed.runs());
        assertEquals(0, fixed.showed(), "runs above K\n" + repeated.all());
        assertTrue(fixed.asDeclared(), repeated.all());
    }

    @Test
    void overReleasingLeavesMorePermitsThanItFoundAndTheFixLeavesK() throws Exception {
        var brokenLeft = Course.measures(repeatedResults, "permits after", Map.of("variant", BROKEN, "permits", 4));
        assertEquals(20, brokenLeft.size(), "one per run\n" + repeated.all());
        assertTrue(brokenLeft.stream().allMatch(p -> p > 4), "every run of the bug must leave more than K permits: " + brokenLeft);
        var fixedLeft = Course.measures(repeatedResults, "permits after", Map.of("variant", FIXED, "permits", 4));
        assertEquals(20, fixedLeft.size(), "one per run\n" + repeated.all());
        assertTrue(fixedLeft.stream().allMatch(p -> p == 4), "every run of the fix must give back exactly K permits: " + fixedLeft);
    }

    @Test
    void aPermitHasNoOwner() throws Exception {
        assertEquals(2, Course.measure(wideResults, "permits after one release too many", Map.of("permits", 1)),
                "a Semaphore(1) released by a thread that never acquired, twice, must count 2 permits");
    }

    @Test
    void threeWaysOfCappingAllTakeTheCappedTime() throws Exception {
        long ideal = 50 * ((200 + 8 - 1) / 8);   // latency x ceil(N / K)
        for (String way : WAYS) {
            double ms = Course.measure(wideResults, "wall ms", Map.of("way", way, "cats", 200));
            assertTrue(ms >= ideal * 0.9, way + " took " + ms + " ms, under the ideal " + ideal + " ms: not capped?\n" + wide.all());
        }
    }

    @Test
    void theTerminalTellsTheStoryInThreeSections() {
        for (var run : List.of(wide, repeated)) {
            for (String section : List.of("1. A Semaphore(K) lets K downloads through at a time",
                    "2. A lock is a semaphore of 1, but a permit has no owner", "3. The same cap (K = ")) {
                assertTrue(run.out().contains(section), "missing: " + section + "\n" + run.all());
            }
            assertTrue(run.out().contains("permits = "), "the in-flight chart is missing\n" + run.all());
            assertFalse(run.out().contains("NOT AS DECLARED"), run.all());
        }
    }

    @Test
    @Timeout(120)
    void withNoMoreDownloadersThanPermitsThereIsNothingToOverRelease(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.jsonl");
        var run = Course.jbang(Duration.ofSeconds(100), "semaphore", "--count", "3", "--permits", "4", "--latency", "20",
                "--out", dir.resolve("cats").toString(), "--results", results.toString());
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("nobody is ever refused"), run.all());
        assertEquals(List.of(), Course.outcomes(results), "no check can show an over-release here");
    }

    @Test
    void everyCatArrivedWhole() throws Exception {
        try (var files = Files.walk(out)) {
            assertTrue(files.filter(Files::isRegularFile).noneMatch(p -> p.getFileName().toString().startsWith(".")), "partial files left");
        }
    }

    /**
     * Section 2's fix ("release only what you got") copied into the exercise: tryTake hands out a permit only when
     * tryAcquire said yes, but closing a permit releases every time.
     */
    static final String COPIED_FIX = """
            class Permits {
                private final Semaphore semaphore;

                Permits(int permits) {
                    semaphore = new Semaphore(permits);
                }

                Permit tryTake(long waitMs) throws InterruptedException {
                    if (!semaphore.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) return null;
                    return new Permit();
                }

                int available() {
                    return semaphore.availablePermits();
                }

                final class Permit implements AutoCloseable {
                    private Permit() {
                    }

                    @Override
                    public void close() {
                        semaphore.release();
                    }
                }
            }
            """;

    @Test
    @Timeout(300)
    void theExerciseCheckFailsACopyOfSectionTwosFix(@TempDir Path dir) throws Exception {
        Path attempt = dir.resolve("copied-fix.java");
        Files.writeString(attempt, COPIED_FIX);
        var run = Course.run(java.time.Duration.ofMinutes(5), List.of(Course.python(), "tools/run_notebooks.py", "--cell-timeout", "90",
                "--exercise", attempt.toString(), "notebooks/05_semaphore.ipynb"));
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains(": ❌ not yet: one permit closed twice left 4 free, not 3"),
                "the check passes a permit that can be given back twice\n" + run.all());
        assertFalse(run.out().contains("downloads at once"), "the copied fix keeps the cap: only the double close is wrong\n" + run.all());
    }

    @Test
    void theModelCheckerFindsTheOverReleaseByItselfAndPassesTheFix() throws IOException {
        var outcomes = Course.outcomes(repeatedResults).stream().filter(o -> o.check().equals("a failing order found")).toList();
        assertEquals(List.of(BROKEN + "/HAZARD/1", FIXED + "/NO_HAZARD/0"),
                outcomes.stream().map(o -> o.variant() + "/" + o.expect() + "/" + o.showed()).toList(), repeated.all());
        var checked = Course.results(repeatedResults).stream().filter(r -> "model check".equals(r.get("kind"))).toList();
        assertEquals(List.of("FAILED", "PASSED"), checked.stream().map(r -> r.get("outcome")).toList());
        assertTrue(String.valueOf(checked.getFirst().get("failure")).matches("thread[12] threw AssertionError: 2 inside at once, with 1 permit"),
                checked.toString());
    }
}
