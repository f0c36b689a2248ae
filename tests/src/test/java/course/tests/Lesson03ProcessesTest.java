package course.tests;

import course.cats.CatServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * jbang processes: every demo runs, every child is accounted for, and none outlives the script. One run with
 * {@code --results} is read as data by most tests (it costs a few dozen child JVMs); the signal tests start their own.
 */
class Lesson03ProcessesTest {

    @TempDir
    static Path folder;
    static Course.Run run;
    static Path results;
    /** Where the run puts its cats: a space and other scripts in the path, which each task line must carry whole. */
    static final String CATS = "my cats ünï 猫";

    @BeforeAll
    @Timeout(150)
    static void runTheLessonOnce() throws Exception {
        results = folder.resolve("results.jsonl");
        run = Course.jbang(Duration.ofSeconds(140), "processes", "--count", "3", "--workers", "2", "--latency", "50",
                "--out", folder.resolve(CATS).toString(), "--results", results.toString());
        assertEquals(0, run.exit(), run.all());
    }

    /** Every line of the results file of this kind, in order. */
    static List<Map<String, Object>> recorded(String kind) throws Exception {
        return Course.results(results).stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    static int integer(Map<String, Object> fields, String name) {
        return ((Number) fields.get(name)).intValue();
    }

    @Test
    void printsEverySectionAndEndsWithNothingLeftRunning() {
        for (String section : List.of("1. A child JVM per cat", "2. What a process costs", "3. The same cats", "When a worker breaks",
                "4. Isolation", "5. CPU-bound", "Nothing left running")) {
            assertTrue(run.out().contains(section), "no section '" + section + "'\n" + run.all());
        }
    }

    @Test
    void eachCatIsFetchedByAChildJvmOfItsOwnWhoseParentIsTheScript() throws Exception {
        var children = recorded("child");
        assertEquals(3, children.size(), run.all());
        var said = Pattern.compile("^\\[([0-9]+)] child of ([0-9]+): fetched [0-9]+ bytes");
        var parents = new HashSet<String>();
        var pids = new HashSet<Long>();
        for (var child : children) {
            assertEquals(0, integer(child, "exit"), child.toString());
            long pid = ((Number) child.get("pid")).longValue();
            assertTrue(pids.add(pid), "two cats, one pid: " + children);
            @SuppressWarnings("unchecked")
            var output = (List<String>) child.get("output");
            assertEquals(1, output.size(), child.toString());
            var line = said.matcher(output.getFirst());
            assertTrue(line.find(), child.toString());
            assertEquals(String.valueOf(pid), line.group(1), "each line is prefixed by its child's pid: " + child);
            parents.add(line.group(2));
        }
        assertEquals(1, parents.size(), "every child names the same parent: " + children);
        assertFalse(pids.contains(Long.parseLong(parents.iterator().next())), "the parent is not one of the children");
    }

    @Test
    void aChildJvmCostsFarMoreToStartThanAThread() throws Exception {
        double jvm = Course.measure(results, "start µs", Map.of("what", "child JVM"));
        double platform = Course.measure(results, "start µs", Map.of("what", "platform thread"));
        double virtual = Course.measure(results, "start µs", Map.of("what", "virtual thread"));
        assertTrue(platform > 0 && virtual > 0, "platform " + platform + " µs, virtual " + virtual + " µs");
        // a JVM loads itself and our class before main runs: tens of milliseconds at least, a thread well under one
        assertTrue(jvm > 10 * platform && jvm > 10 * virtual, "child JVM " + jvm + " µs, platform " + platform + ", virtual " + virtual);
        // Python's fork copies a running process instead of starting a program: the notebook says it costs far less
        var fork = Course.measures(results, "start µs", Map.of("what", "python3 os.fork()"));
        if (!fork.isEmpty()) assertTrue(jvm > 5 * fork.getFirst(), "child JVM " + jvm + " µs, python3 os.fork() " + fork + " µs");
    }

    @Test
    void everyWayOfFetchingIsTimedAndThePoolFetchesEveryCatOnAtMostItsWorkers() throws Exception {
        for (String way : List.of("sequential", "thread per cat", "process per cat", "worker pool")) {
            double ms = Course.measure(results, "wall ms", Map.of("way", way, "cats", 3));
            assertTrue(ms >= 40, way + " took " + ms + " ms, less than one download (50 ms, give or take 10)");
        }
        var pool = recorded("pool");
        assertEquals(1, pool.size(), run.all());
        @SuppressWarnings("unchecked")
        var replies = (List<String>) pool.getFirst().get("replies");
        assertEquals(3, replies.size(), replies.toString());
        var reply = Pattern.compile("^\\[([0-9]+)] cat [0-2]: ok [0-9]+ bytes");
        var workers = replies.stream().map(r -> {
            var m = reply.matcher(r);
            assertTrue(m.find(), r);
            return m.group(1);
        }).distinct().count();
        // a worker that starts late may find the queue empty: at most 2 pids, never a JVM per cat
        assertTrue(workers >= 1 && workers <= 2, replies.toString());
    }

    @Test
    void aBrokenWorkerIsAnErrorThatNamesWhatWentWrongNeverAHang() throws Exception {
        var said = recorded("worker").stream().map(w -> (String) w.get("said")).toList();
        assertEquals(4, said.size(), run.all());
        assertTrue(said.get(0).matches("primes 1000 0 1 +-> ok 168"), said.get(0));
        assertTrue(said.get(1).matches("garble +-> WorkerException: worker [0-9]+ answered 'meow\\?'.*"), said.get(1));
        assertTrue(said.get(2).matches("exit 3 +-> WorkerException: worker [0-9]+ died \\(exit code 3\\).*"), said.get(2));
        assertTrue(said.get(3).matches("sleep 60000 +-> WorkerException: worker [0-9]+ was silent for 1000 ms.*"), said.get(3));
    }

    @Test
    void aChildsCrashOrHangStaysInTheChildAndAHangIsEnded() throws Exception {
        var mischief = recorded("mischief");
        assertEquals(List.of("fine", "throw", "exit 3", "oom", "oom-thread", "-XX:+ExitOnOutOfMemoryError oom-thread", "hang", "stubborn"),
                mischief.stream().map(m -> m.get("what")).toList());
        var ended = Map.of("fine", "EXITED 0", "throw", "EXITED 1", "exit 3", "EXITED 3", "oom", "EXITED 1",
                "oom-thread", "EXITED 0", "-XX:+ExitOnOutOfMemoryError oom-thread", "EXITED 3",
                "hang", "TERMINATED 143", "stubborn", "KILLED 137");
        for (var m : mischief) {
            assertEquals(ended.get((String) m.get("what")), m.get("ending") + " " + integer(m, "exit"), m.toString());
        }
        assertTrue(((String) mischief.get(1).get("last words")).contains("IllegalStateException: the cat knocked the vase over"), mischief.get(1).toString());
        assertTrue(((String) mischief.get(3).get("last words")).contains("OutOfMemoryError"), mischief.get(3).toString());
        // a thread that fills the heap dies of it, the JVM goes on (exit 0), and main finds the shared heap full too
        assertTrue(((String) mischief.get(4).get("last words")).contains("the JVM goes on, but my 4 MB allocation failed too"), mischief.get(4).toString());
        // ... unless it is told to exit on the first OutOfMemoryError
        assertTrue(((String) mischief.get(5).get("last words")).contains("Terminating due to java.lang.OutOfMemoryError"), mischief.get(5).toString());
        // the stubborn child honoured SIGTERM (its hook ran and said so), but the hook never returns: it lived through its
        // 1 s and the 0.7 s of grace, until SIGKILL, and no longer
        assertTrue(((String) mischief.get(7).get("last words")).startsWith("got SIGTERM"), mischief.get(7).toString());
        int stubbornMs = integer(mischief.get(7), "ms");
        assertTrue(stubbornMs >= 1700 && stubbornMs < 10_000, mischief.get(7).toString());
    }

    @Test
    void threadsAndChildJvmsCountTheSamePrimesAsOneThread() throws Exception {
        var primes = recorded("primes");
        assertEquals(List.of("one thread", "threads", "processes"), primes.stream().map(p -> p.get("way")).toList());
        for (var p : primes) assertEquals(216_816, integer(p, "found"), p.toString());
        for (String way : List.of("one thread", "threads", "processes")) {
            assertTrue(Course.measure(results, "primes ms", Map.of("way", way)) > 0, way);
        }
    }

    @Test
    void everyCatIsAWholePictureAndNothingIsLeftRunning() throws Exception {
        try (var files = Files.walk(folder.resolve(CATS))) {
            List<Path> cats = files.filter(Files::isRegularFile).toList();
            assertEquals(4 * 3 + 1, cats.size(), "4 ways x 3 cats + the warm-up cat: " + cats);
            for (Path cat : cats) assertNotNull(ImageIO.read(cat.toFile()), cat + " is not a picture");
        }
        var left = recorded("left running");
        assertEquals(1, left.size(), run.all());
        assertEquals(List.of(), left.getFirst().get("found"));
    }

    @Test
    @Timeout(150)
    void sigtermMidRunEndsItsChildrenToo(@TempDir Path out) throws Exception {
        assertNoOrphansAfter("TERM", out);
    }

    @Test
    @Timeout(150)
    void ctrlCMidRunEndsItsChildrenToo(@TempDir Path out) throws Exception {
        assertNoOrphansAfter("INT", out);
    }

    /**
     * Starts the script with slow cats, waits until its child JVMs run, signals the script alone, and checks that
     * its children end with it. The cats come from a server of the test's own: with the script's embedded server
     * the children would fail and end anyway when the script dies, and the test could not tell.
     */
    private static void assertNoOrphansAfter(String signal, Path out) throws Exception {
        try (var server = CatServer.start(CatServer.Settings.DEFAULT.withLatency(Duration.ofSeconds(8), Duration.ZERO))) {
            assertNoOrphansAfter(signal, out, server.catUrl());
        }
    }

    private static void assertNoOrphansAfter(String signal, Path out, String url) throws Exception {
        var script = new ProcessBuilder(Course.jbang(), "--quiet", "processes", "--count", "3", "--url", url, "--out", out.toString())
                .directory(Course.ROOT.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException ignored) {
                // the script is gone
            }
        });
        List<ProcessHandle> children = List.of();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
            while (System.nanoTime() < deadline) {  // its children are downloading 8-second cats: catch them at it
                children = script.descendants().filter(p -> p.info().commandLine().orElse("").contains("course.procs.CatFetch")).toList();
                if (children.size() == 3) break;
                assertTrue(script.isAlive(), "the script ended early:\n" + output);
                Thread.sleep(100);
            }
            assertEquals(3, children.size(), "never saw its 3 children:\n" + output);
            var kill = new ProcessBuilder("kill", "-" + signal, "" + script.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(script.waitFor(30, TimeUnit.SECONDS), "the script did not end on SIG" + signal);
            for (ProcessHandle child : children) {
                // ended by the script's shutdown hook at once, not by finishing its 8-second cat
                assertFalse(child.onExit().completeOnTimeout(child, 2, TimeUnit.SECONDS).join().isAlive(),
                        "child " + child.pid() + " outlived the script (SIG" + signal + ")");
            }
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            children.forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            reader.join(5_000);
        }
    }
}
