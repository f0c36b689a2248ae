package course.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 02 through its script, read from its {@code --results} file: every way saves every cat, the threads
 * beat one-after-another by far, and injected faults are counted, reported and never leave a partial picture.
 */
class Lesson02ThreadsTest {

    /** The {@code --way} words, each with how many downloads each runs at once (20 cats, a pool of 4). */
    static final Map<String, Integer> CONCURRENCY = Map.of("sequential", 1, "thread", 20, "subclass", 20, "pool", 4, "virtual", 20);

    @TempDir
    static Path defaultsDir;
    static Path cats;
    static Path results;
    static Course.Run defaults;

    @BeforeAll
    @Timeout(150)
    static void runTheLessonWithItsDefaults() throws Exception {
        cats = defaultsDir.resolve("cats");
        results = defaultsDir.resolve("results.jsonl");
        defaults = Course.jbang(Duration.ofSeconds(120), "threads", "--out", cats.toString(), "--results", results.toString());
        assertEquals(0, defaults.exit(), defaults.all());
    }

    /** The one line of {@code kind} whose {@code way} is {@code way}. */
    static Map<String, Object> recorded(Path file, String kind, String way) throws IOException {
        var found = Course.results(file).stream().filter(r -> kind.equals(r.get("kind")) && way.equals(r.get("way"))).toList();
        assertEquals(1, found.size(), kind + " of " + way + " in " + found);
        return found.getFirst();
    }

    static int number(Map<String, Object> line, String field) {
        assertTrue(line.get(field) instanceof Number, field + " in " + line);
        return ((Number) line.get(field)).intValue();
    }

    /** Every file under {@code folder} is a whole picture: none is a partial file (they start with '.'), each decodes. */
    static List<Path> wholePictures(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            List<Path> saved = files.filter(Files::isRegularFile).toList();
            for (Path cat : saved) {
                assertFalse(cat.getFileName().toString().startsWith("."), "partial file left: " + cat);
                assertNotNull(ImageIO.read(cat.toFile()), cat + " does not decode as a picture");
            }
            return saved;
        }
    }

    @Test
    void everyWaySavesEveryCatAsAWholePicture() throws Exception {
        for (String way : CONCURRENCY.keySet()) {
            var downloads = recorded(results, "downloads", way);
            assertEquals(20, number(downloads, "ok"), way + ": " + downloads);
            assertEquals(0, number(downloads, "failed"), way + ": " + downloads);
        }
        assertEquals(5 * 20, wholePictures(cats).size(), "5 ways x 20 cats, and nothing else (the warm-up cat is deleted)");
    }

    @Test
    void everyWayRecordsItsWallAndCpuTimeWithItsConcurrency() throws Exception {
        for (var way : CONCURRENCY.entrySet()) {
            for (String name : List.of("wall ms", "cpu ms")) {
                var line = Course.results(results).stream()
                        .filter(r -> "measure".equals(r.get("kind")) && name.equals(r.get("name")) && way.getKey().equals(r.get("way")))
                        .toList();
                assertEquals(1, line.size(), name + " of " + way.getKey() + ": " + line);
                assertEquals(20, number(line.getFirst(), "cats"), line.toString());
                assertEquals(way.getValue(), number(line.getFirst(), "concurrency"), line.toString());
                assertTrue(((Number) line.getFirst().get("value")).doubleValue() >= 0, line.toString());
            }
            assertTrue(Course.measure(results, "wall ms", Map.of("way", way.getKey())) > 0, way.getKey());
        }
    }

    @Test
    void threadsAreAtLeastFiveTimesFasterThanSequentialForTwentyCats() throws Exception {
        double sequentialMs = Course.measure(results, "wall ms", Map.of("way", "sequential"));
        // 20 cats at 150 ms: one latency instead of twenty, ideally 20x; 5x leaves room for a loaded machine.
        for (String way : List.of("thread", "subclass", "virtual")) {
            double ms = Course.measure(results, "wall ms", Map.of("way", way));
            assertTrue(sequentialMs / ms >= 5, way + ": " + ms + " ms against sequential " + sequentialMs + " ms\n" + defaults.all());
        }
    }

    @Test
    void theLearnerSeesEachWayTheTableTheTimelineAndTheServersCount() {
        String out = defaults.out();
        for (String line : List.of("sequential: 20 cats in", "thread per cat: 20 cats in", "Thread subclass: 20 cats in",
                "pool of 4: 20 cats in", "virtual threads: 20 cats in", "wall ms  cpu ms  speed-up  ideal ms  wall / ideal",
                "Who downloaded what, when (pool of 4):", "The server answered ")) {
            assertTrue(out.contains(line), "'" + line + "' missing\n" + defaults.all());
        }
        assertTrue(defaults.err().isBlank(), defaults.all());
    }

    @Test
    void manyThreadsAddingToOneArrayListLoseResultsEveryRunAndItsFixesNever() throws Exception {
        var outcomes = Course.outcomes(results).stream().filter(o -> o.check().equals("results lost or corrupted")).toList();
        assertEquals(List.of("one ArrayList (wrong)", "Collections.synchronizedList", "a list per thread, merged after join"),
                outcomes.stream().map(Course.Outcome::variant).toList());
        assertEquals("HAZARD", outcomes.get(0).expect());
        assertEquals(20, outcomes.get(0).showed(), "lost results in every one of 20 runs: " + outcomes.get(0));
        for (var fix : outcomes.subList(1, 3)) {
            assertEquals("NO_HAZARD", fix.expect());
            assertEquals(0, fix.showed(), fix.toString());
            assertEquals(20, fix.runs(), fix.toString());
        }
    }

    @Test
    void aFailedPoolTaskIsUnheardOnlyWhenItsFutureIsNeverRead() throws Exception {
        var outcomes = Course.outcomes(results).stream().filter(o -> o.check().equals("a failed task nobody heard of")).toList();
        assertEquals(4, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.get(0).variant().startsWith("submit(), futures never read"), outcomes.toString());
        assertEquals("HAZARD", outcomes.get(0).expect());
        assertEquals(20, outcomes.get(0).showed(), outcomes.get(0).toString());
        for (var fix : outcomes.subList(1, 4)) {
            assertEquals("NO_HAZARD", fix.expect());
            assertEquals(0, fix.showed(), fix.toString());
        }
        assertTrue(outcomes.stream().allMatch(Course.Outcome::asDeclared), outcomes.toString());
    }

    static final String[] FAULTY = {"threads", "--way", "virtual", "--count", "500", "--latency", "20", "--error-rate", "0.1",
            "--cut-rate", "0.1", "--stall-rate", "0.02", "--timeout", "500"};

    static String[] faulty(Path dir, String... more) {
        var args = new java.util.ArrayList<>(List.of(FAULTY));
        args.addAll(List.of("--out", dir.resolve("cats").toString(), "--results", dir.resolve("results.jsonl").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(180)
    void faultsAreCountedAndReportedAndNeverLeaveAPartialPicture(@TempDir Path dir) throws Exception {
        var run = Course.jbang(Duration.ofSeconds(150), faulty(dir));
        assertEquals(1, run.exit(), "any failed download makes the exit non-zero\n" + run.all());
        Path file = dir.resolve("results.jsonl");

        var server = Course.results(file).stream().filter(r -> "server".equals(r.get("kind"))).findFirst().orElseThrow();
        assertEquals(500, number(server, "requests"), "no warm-up with faults on purpose, no retry of a fault: " + server);
        int faults = number(server, "errors") + number(server, "cutOff") + number(server, "stalled");
        assertTrue(faults > 50, "about a fifth of 500 should fail: " + server);

        var downloads = recorded(file, "downloads", "virtual");
        int arrived = number(downloads, "ok"), failed = number(downloads, "failed");
        assertEquals(500, arrived + failed, "every cat either arrived or was counted as failed: " + downloads);
        assertTrue(failed >= faults, "every injected fault is a failure the learner sees: " + downloads + ", " + server);
        assertTrue(run.err().strip().equals("threads: " + failed + " downloads failed"), "one line that counts them\n" + run.all());
        assertTrue(run.out().contains("failed: cat "), "the learner sees why\n" + run.all());

        assertEquals(arrived, wholePictures(dir.resolve("cats")).size(), "one file per cat that arrived, nothing else");
    }

    @Test
    @Timeout(180)
    void keepGoingCountsTheSameFaultsAndExitsZero(@TempDir Path dir) throws Exception {
        var run = Course.jbang(Duration.ofSeconds(150), faulty(dir, "--keep-going"));
        assertEquals(0, run.exit(), "--keep-going tolerates failures\n" + run.all());
        var downloads = recorded(dir.resolve("results.jsonl"), "downloads", "virtual");
        assertTrue(number(downloads, "failed") > 50, "the failures are still counted: " + downloads);
        assertEquals(500, number(downloads, "ok") + number(downloads, "failed"), downloads.toString());
        assertTrue(run.err().contains("threads: " + number(downloads, "failed") + " downloads failed (tolerated: --keep-going)"), run.all());
        assertEquals(number(downloads, "ok"), wholePictures(dir.resolve("cats")).size());
    }

    /** The exercise asks for 4 threads of one's own: calling the lesson's pool (a copy of an earlier cell) is refused. */
    @Test
    @Timeout(300)
    void theExerciseCheckRefusesTheLessonsOwnPool(@TempDir Path dir) throws Exception {
        Path attempt = dir.resolve("pool.java");
        Files.writeString(attempt, "void atMostFour(int n, CatBatch batch) throws InterruptedException { pool(n, 4, batch); }\n");
        var run = Course.run(Duration.ofMinutes(4), List.of(Course.python(), "tools/run_notebooks.py", "--cell-timeout", "90",
                "--exercise", attempt.toString(), "notebooks/02_threads.ipynb"));
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains(": ❌ not yet") && run.out().contains("a pool's threads"),
                "the check passes the lesson's own pool of 4\n" + run.all());
    }
}
