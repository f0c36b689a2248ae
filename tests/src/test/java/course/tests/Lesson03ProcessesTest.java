package course.tests;

import course.cats.CatServer;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** jbang processes: every demo runs, every child is accounted for, and none outlives the script. */
class Lesson03ProcessesTest {

    @Test
    @Timeout(150)
    void runsEveryDemoAndLeavesNoChildBehind(@TempDir Path out) throws Exception {
        var run = Course.jbang(Duration.ofSeconds(140), "processes", "--count", "3", "--workers", "2", "--latency", "50",
                "--out", out.toString());
        assertEquals(0, run.exit(), run.all());
        String o = run.out();
        var perCat = Pattern.compile("(?m)^  \\[([0-9]+)\\] child of ([0-9]+): fetched [0-9]+ bytes").matcher(o);
        int children = 0;
        while (perCat.find()) children++;
        assertEquals(3, children, "one pid-prefixed line per child\n" + run.all());
        assertTrue(o.contains("exit codes [0, 0, 0]"), run.all());
        for (String row : List.of("child JVM +[0-9]+ +[0-9]+x", "platform thread +[0-9]+", "virtual thread +[0-9]+ +1x",
                "sequential +1 +0 +[0-9]+ +1.0x", "thread per cat +3 +0 ", "process per cat +3 +3 ", "pool of 2 +2 +2 ",
                "fine +[0-9]+ +exit 0", "throw +[0-9]+ +exit 1 .*IllegalStateException", "exit 3 +[0-9]+ +exit 3",
                "oom +[0-9]+ +exit 1 .*OutOfMemoryError", "hang +[0-9]+ +timed out, ended by SIGTERM \\(exit 143\\)",
                "stubborn +[0-9]+ +timed out, ignored SIGTERM, killed by SIGKILL \\(exit 137\\)",
                "one thread +[0-9]+ +1.0x +1.0x +216816", "[0-9]+ threads +[0-9]+ +[0-9.]+x +[0-9.]+x +216816",
                "[0-9]+ child JVMs +[0-9]+ +[0-9.]+x +[0-9.]+x +216816")) {
            assertTrue(Pattern.compile("(?m)^" + row).matcher(o).find(), "no row /" + row + "/\n" + run.all());
        }
        assertEquals(3, Pattern.compile("(?m)^  \\[[0-9]+\\] ok [0-9]+ bytes").matcher(o).results().count(), "pool replies\n" + run.all());
        assertTrue(o.contains("No child process left"), run.all());
        try (var files = Files.walk(out)) {
            List<Path> cats = files.filter(Files::isRegularFile).toList();
            assertEquals(4 * 3 + 1, cats.size(), "4 ways x 3 cats + the warm-up cat: " + cats);
            for (Path cat : cats) assertNotNull(ImageIO.read(cat.toFile()), cat + " is not a picture");
        }
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
