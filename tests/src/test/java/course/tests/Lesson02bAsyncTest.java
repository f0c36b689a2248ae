package course.tests;

import org.junit.jupiter.api.Assumptions;
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
 * Lesson 02b through its script, read from its {@code --results} file: the async ways save every cat whole, the
 * callbacks on a few threads with every request in flight at once; a structured scope cancels the rest when one
 * download fails (20 of 20 runs against 0 of 20 without cancellation); and, where the Python the suite runs has
 * requests and aiohttp, the note's four ways run beside the Java ones on the same server.
 */
class Lesson02bAsyncTest {

    static final List<String> JAVA_WAYS = List.of("sequential", "thread per cat", "pool of 4", "virtual threads", "callbacks");
    static final List<String> PYTHON_WAYS = List.of("sequential", "threads", "processes", "asyncio");

    @TempDir
    static Path dir;
    static Path results;
    static Course.Run run;

    @BeforeAll
    @Timeout(240)
    static void runTheLessonWithTheSuitesPython() throws Exception {
        results = dir.resolve("results.jsonl");
        run = Course.run(Duration.ofSeconds(200), List.of(Course.jbang(), "--quiet", "async", "--repeat", "20",
                "--out", dir.resolve("cats").toString(), "--results", results.toString()), Map.of("COURSE_PYTHON", Course.python()));
        assertEquals(0, run.exit(), run.all());
    }

    static Map<String, Object> downloads(Path file, String language, String way) throws IOException {
        var found = Course.results(file).stream().filter(r -> "downloads".equals(r.get("kind"))
                && language.equals(r.get("language")) && way.equals(r.get("way"))).toList();
        assertEquals(1, found.size(), language + " " + way + ": " + found);
        return found.getFirst();
    }

    static int number(Map<String, Object> line, String field) {
        return ((Number) line.get(field)).intValue();
    }

    static boolean pythonHasRequestsAndAiohttp() throws Exception {
        var check = Course.run(Duration.ofSeconds(30), List.of(Course.python(), "-c", "import requests, aiohttp"));
        return check.exit() == 0;
    }

    @Test
    void everyJavaWaySavesEveryCatAsAWholePicture() throws Exception {
        for (String way : JAVA_WAYS) {
            var line = downloads(results, "Java", way);
            assertEquals(10, number(line, "ok"), line.toString());
            assertEquals(0, number(line, "failed"), line.toString());
        }
        try (var files = Files.list(dir.resolve("cats").resolve("java-callbacks"))) {
            List<Path> saved = files.toList();
            assertEquals(10, saved.size(), "ten cats and nothing else (no partial file): " + saved);
            for (Path cat : saved) assertNotNull(ImageIO.read(cat.toFile()), cat + " does not decode");
        }
    }

    @Test
    void theCallbacksRunEveryDownloadAtOnceOnAFewThreads() throws Exception {
        var callbacks = downloads(results, "Java", "callbacks");
        assertTrue(number(callbacks, "workers") <= 2 + 1, "at most the 2 callback threads and the selector: " + callbacks);
        var labels = Map.of("language", "Java", "way", "callbacks");
        assertEquals(10, Course.measure(results, "peak in flight", labels), "all 10 requests were in flight at once");
        double sequentialMs = Course.measure(results, "wall ms", Map.of("language", "Java", "way", "sequential"));
        double callbacksMs = Course.measure(results, "wall ms", labels);
        assertTrue(sequentialMs / callbacksMs >= 3, "10 cats at 150 ms: ideally 10x, 3x leaves room for a loaded machine: "
                + callbacksMs + " ms against " + sequentialMs + " ms");
    }

    @Test
    void theScopeCancelsTheOtherDownloadsWhenOneFailsEveryRun() throws Exception {
        var outcomes = Course.outcomes(results);
        assertEquals(2, outcomes.size(), outcomes.toString());
        var withoutCancellation = outcomes.get(0);
        assertTrue(withoutCancellation.variant().startsWith("Joiner.awaitAll()"), withoutCancellation.toString());
        assertEquals("HAZARD", withoutCancellation.expect());
        assertEquals(20, withoutCancellation.showed(), "without cancellation the others go on downloading: " + withoutCancellation);
        var scope = outcomes.get(1);
        assertTrue(scope.variant().startsWith("open()"), scope.toString());
        assertEquals("NO_HAZARD", scope.expect());
        assertEquals(0, scope.showed(), "no request reaches the server after the failure: " + scope);
        assertTrue(outcomes.stream().allMatch(Course.Outcome::asDeclared), outcomes.toString());
        assertTrue(run.out().contains("join() threw: litter 0 failed on purpose"), run.all());
    }

    @Test
    void theNotesFourWaysRunInPythonBesideTheJavaOnesOnTheSameServer() throws Exception {
        Assumptions.assumeTrue(pythonHasRequestsAndAiohttp(), Course.python() + " lacks requests or aiohttp "
                + "(apt-get install python3-requests python3-aiohttp): the Python comparison cannot run here");
        for (String way : PYTHON_WAYS) {
            var line = downloads(results, "Python", way);
            assertEquals(10, number(line, "ok"), line.toString());
            assertEquals(0, number(line, "failed"), line.toString());
        }
        assertEquals(1, number(downloads(results, "Python", "asyncio"), "workers"), "asyncio: one thread, one event loop");
        assertEquals(10, number(downloads(results, "Python", "processes"), "workers"), "a process per cat");
        assertEquals(10, Course.measure(results, "peak in flight", Map.of("language", "Python", "way", "asyncio")),
                "the server saw asyncio's 10 downloads at once");
        assertEquals(1, Course.measure(results, "peak in flight", Map.of("language", "Python", "way", "sequential")));
        assertTrue(run.out().contains("Python: " + Course.python() + " runs python/cats.py"), run.all());
    }

    @Test
    @Timeout(150)
    void withoutPythonTheLessonSaysHowToGetItAndSkipsThePythonWays(@TempDir Path empty) throws Exception {
        Path noPython = empty.resolve("no-python3-here");
        var without = Course.run(Duration.ofSeconds(120), List.of(Course.jbang(), "--quiet", "async", "--part", "compare",
                        "--out", empty.resolve("cats").toString(), "--results", empty.resolve("r.jsonl").toString()),
                Map.of("COURSE_PYTHON", noPython.toString()));
        assertEquals(0, without.exit(), without.all());
        assertTrue(without.out().contains("Python's ways skipped: needs Python 3 with requests and aiohttp: apt-get install "
                + "python3-requests python3-aiohttp"), without.all());
        assertTrue(Course.results(empty.resolve("r.jsonl")).stream().noneMatch(r -> "Python".equals(r.get("language"))));
        assertEquals(10, number(downloads(empty.resolve("r.jsonl"), "Java", "callbacks"), "ok"));
    }
}
