package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every notebook, executed top to bottom on the real Java kernel through Jupyter (nbclient), as
 * {@code tools/run_notebooks.py} does for {@code ./course notebooks}.
 */
class NotebooksTest {

    static final Duration NOTEBOOK_LIMIT = Duration.ofSeconds(60);

    static Stream<String> notebooks() throws Exception {
        try (var files = Files.list(Course.ROOT.resolve("notebooks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    static Course.Run runNotebooks(Path outDir, String... args) throws Exception {
        var command = new ArrayList<>(List.of(Course.python(), "tools/run_notebooks.py", "--cell-timeout", "90", "--out", outDir.toString()));
        command.addAll(List.of(args));
        return Course.run(Duration.ofMinutes(5), command);
    }

    static double seconds(Course.Run run) {
        var took = Pattern.compile("cells in ([0-9.]+) s").matcher(run.out());
        assertTrue(took.find(), run.all());
        return Double.parseDouble(took.group(1));
    }

    static boolean hasAnExercise(String notebook) throws Exception {
        return Files.readString(Course.ROOT.resolve("notebooks").resolve(notebook)).contains("\"exercise\"");
    }

    /** On IJava, as a learner gets it: the exercise as given, whose check must say it is not solved yet. */
    @ParameterizedTest
    @MethodSource("notebooks")
    @Timeout(300)
    void runsTopToBottomWithoutAnErrorInUnderAMinute(String notebook, @TempDir Path out) throws Exception {
        var run = runNotebooks(out, "notebooks/" + notebook);
        assertEquals(0, run.exit(), run.all());
        assertTrue(seconds(run) < NOTEBOOK_LIMIT.toSeconds(), "took " + seconds(run) + " s\n" + run.all());
        String executed = Files.readString(out.resolve(notebook));
        assertTrue(executed.contains("Nothing left running"), "the notebook must end with the leftovers check");
        if (hasAnExercise(notebook)) {
            assertTrue(run.out().contains("check cell") && run.out().contains(": ❌ not yet"),
                    notebook + ": the check passes the starter code\n" + run.all());
        }
    }

    /**
     * On rapaio, with each exercise replaced by its solution: the notebooks are portable, and each check passes its
     * solution (one run per notebook and kernel: the suite runs the slow parts once).
     */
    @ParameterizedTest
    @MethodSource("notebooks")
    @Timeout(400)
    void runsOnTheRapaioKernelTooAndEachCheckPassesItsSolution(String notebook, @TempDir Path out) throws Exception {
        var run = runNotebooks(out, "--kernel", "rapaio", "--with-solutions", "notebooks/" + notebook);
        assertEquals(0, run.exit(), run.all());
        assertTrue(Files.readString(out.resolve(notebook)).contains("Nothing left running"), run.all());
        if (hasAnExercise(notebook)) {
            assertTrue(run.out().contains(": ✅"), notebook + ": the check fails the solution\n" + run.all());
            assertFalse(run.out().contains(": ❌"), notebook + ": the check fails the solution\n" + run.all());
        }
    }

    /**
     * As a learner who interrupts: on IJava, in one kernel from the notebook's first cell, every long cell (the one
     * tagged 'longest', and each that took 1 s or more when stored) interrupted at one of {@link #MOMENTS}, in turn:
     * early (as it starts), halfway, near its end. Each must end within 2 s with none of its code left running, and
     * every cell after it must run without an error, the leftovers check last. A fresh kernel, because JShell keeps a
     * variable's value when a cell that declares it is run again with the same code and interrupted: a learner's first
     * run is where an interrupted cell leaves a variable null.
     */
    @ParameterizedTest
    @MethodSource("notebooks")
    @Timeout(300)
    void aLearnerCanInterruptEveryLongCellAtAnyMomentAndRunTheRest(String notebook) throws Exception {
        var run = Course.run(Duration.ofMinutes(4), List.of(Course.python(), "tools/run_notebooks.py", "--interrupt",
                "--moments", MOMENTS, "--rotate", "notebooks/" + notebook));
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("1 pass(es) in"), run.all());
    }

    /** Early: just after the kernel has compiled a cell that starts with its long call (see the README); halfway; near the end. */
    static final String MOMENTS = "0.25s,50%,85%";

    @Test
    @Timeout(300)
    void theInterruptCheckFailsACellThatIgnoresTheInterrupt(@TempDir Path dir) throws Exception {
        Path deaf = dir.resolve("deaf.ipynb");
        // JShell stops the cell's own loops (it plants checks in the code it compiles), but not a JDK method that
        // waits and ignores interrupts: this cell goes on for 10 s whatever the learner presses.
        String ignoresInterrupts = "var gate = new java.util.concurrent.Semaphore(0); "
                + "Thread.ofPlatform().daemon().start(() -> { try { Thread.sleep(10_000); } catch (InterruptedException e) { } gate.release(); }); "
                + "gate.acquireUninterruptibly();";
        Files.writeString(deaf, notebook("int ready = 1;", LONGEST + ignoresInterrupts, "System.out.println(\\\"done\\\");"));
        var run = Course.run(Duration.ofMinutes(3), List.of(Course.python(), "tools/run_notebooks.py", "--interrupt",
                "--moments", "1s", deaf.toString()));
        assertEquals(1, run.exit(), run.all());
        // The cell's own thread (IJava's executor) is named among those still running; the list's order is not fixed.
        assertTrue(run.out().contains("still runs 2.0 s after the interrupt")
                && Pattern.compile("still running: \\[[^\\]]*IJava-executor-\\d+ at ").matcher(run.out()).find(), run.all());
    }

    @Test
    @Timeout(300)
    void theInterruptCheckFailsACellThatBreaksWhenTheCellBeforeWasInterrupted(@TempDir Path dir) throws Exception {
        Path fragile = dir.resolve("fragile.ipynb");
        // An interrupted 'var x = ...' leaves x declared and null (IJava cancels the snippet's run, which would have
        // assigned it): the cell after it fails.
        Files.writeString(fragile, notebook("String slowCat() throws InterruptedException { Thread.sleep(3_000); return \\\"cat\\\"; }",
                LONGEST + "var slow = slowCat();", "System.out.println(slow.length());", "System.out.println(\\\"done\\\");"));
        var run = Course.run(Duration.ofMinutes(3), List.of(Course.python(), "tools/run_notebooks.py", "--interrupt",
                "--moments", "1s", fragile.toString()));
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("code cell 2 failed after interrupts in 1@1s"), run.all());
    }

    @Test
    @Timeout(120)
    void everyCellThatShowsLessonCodeIsStampedFromItsScript() throws Exception {
        var command = new ArrayList<>(List.of(Course.python(), "tools/stamp_notebooks.py", "--check"));
        notebooks().forEach(n -> command.add("notebooks/" + n));
        var run = Course.run(Duration.ofMinutes(1), command);
        assertEquals(0, run.exit(), run.all());
    }

    @Test
    @Timeout(120)
    void theDriftCheckFailsACellEditedInTheNotebook(@TempDir Path dir) throws Exception {
        for (String folder : List.of("scripts", "notebooks")) {
            Files.createDirectories(dir.resolve(folder));
            try (var files = Files.list(Course.ROOT.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) Files.copy(file, dir.resolve(folder).resolve(file.getFileName()));
            }
        }
        String notebook = notebooks().filter(n -> read(n).contains("\"from\": \"scripts/")).findFirst()
                .orElseThrow(() -> new AssertionError("no notebook has a cell stamped from its script"));
        Path copy = dir.resolve("notebooks").resolve(notebook);
        String json = Files.readString(copy);
        int at = json.indexOf("\"source\": [\n", json.indexOf("\"from\": \"scripts/"));
        Files.writeString(copy, json.substring(0, at) + "\"source\": [\n    \"// edited in the notebook only\\n\",\n" + json.substring(at + "\"source\": [\n".length()));
        var run = Course.run(Duration.ofMinutes(1), List.of(Course.python(), "tools/stamp_notebooks.py", "--check", copy.toString()));
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("differs from scripts/"), run.all());
    }

    private static String read(String notebook) {
        try {
            return Files.readString(Course.ROOT.resolve("notebooks").resolve(notebook));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void isStoredWithoutThisMachinesPaths(String notebook) throws Exception {
        String json = Files.readString(Course.ROOT.resolve("notebooks").resolve(notebook));
        for (String path : List.of(Course.ROOT.toString(), System.getProperty("java.home"), System.getProperty("user.home"))) {
            assertFalse(json.contains(path + "/"), notebook + " shows this machine's path " + path + ": store it with ./course notebooks");
        }
        var machinePath = Pattern.compile("(/usr/lib/jvm/|/home/[a-z]|/root/|/Users/|/tmp/|[A-Z]:\\\\\\\\Users)").matcher(json);
        if (machinePath.find()) {
            fail(notebook + " shows a machine's path: ..." + json.substring(Math.max(0, machinePath.start() - 60),
                    Math.min(json.length(), machinePath.end() + 60)) + "...");
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void isStoredWithItsOutputsAndNoError(String notebook) throws Exception {
        String json = Files.readString(Course.ROOT.resolve("notebooks").resolve(notebook));
        assertTrue(json.contains("\"name\": \"java\""), "kernelspec must be 'java'");
        assertTrue(json.contains("\"outputs\": [\n"), notebook + " is stored without outputs: run ./course notebooks");
        assertFalse(json.contains("\"output_type\": \"error\""), notebook + " is stored with an error output");
        assertTrue(Pattern.compile("\"%jars \\.\\./lib/target/course-lib\\.jar\"").matcher(json).find(),
                "the lib is loaded with %jars alone in its cell");
    }

    @Test
    @Timeout(300)
    void theCheckFailsANotebookWithAFailingCell(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.ipynb");
        Files.writeString(broken, notebook("System.out.println(\\\"fine\\\");", "throw new IllegalStateException(\\\"boom\\\");"));
        var run = runNotebooks(Files.createDirectories(dir.resolve("out")), broken.toString());
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("FAIL") && run.out().contains("boom"), run.all());
    }

    @Test
    @Timeout(300)
    void theCheckFailsANotebookWithACellThatNeverEnds(@TempDir Path dir) throws Exception {
        Path stuck = dir.resolve("stuck.ipynb");
        Files.writeString(stuck, notebook("Thread.sleep(600_000);"));
        var command = List.of(Course.python(), "tools/run_notebooks.py", "--cell-timeout", "5", stuck.toString());
        var run = Course.run(Duration.ofMinutes(3), command);
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("ran past 5 s"), run.all());
    }

    @Test
    @Timeout(300)
    void theLeftoversCheckCatchesALessonThatLeaksAThread(@TempDir Path dir) throws Exception {
        Path leaky = dir.resolve("leaky.ipynb");
        Files.writeString(leaky, notebook("%jars " + Course.ROOT.resolve("lib/target/course-lib.jar"),
                "var leftovers = course.watch.Leftovers.baseline();",
                "var leak = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }, \\\"forgotten\\\"); leak.start();",
                "leftovers.check();"));
        var run = runNotebooks(Files.createDirectories(dir.resolve("out")), leaky.toString());
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("the lesson left running: thread 'forgotten'"), run.all());
    }

    @Test
    @Timeout(300)
    void theLeftoversCheckCatchesALessonThatLeavesAVirtualThreadSleeping(@TempDir Path dir) throws Exception {
        Path leaky = dir.resolve("leaky-virtual.ipynb");
        Files.writeString(leaky, notebook("%jars " + Course.ROOT.resolve("lib/target/course-lib.jar"),
                "var leftovers = course.watch.Leftovers.baseline();",
                "Thread.ofVirtual().name(\\\"forgotten-virtual\\\").start(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } });",
                "leftovers.check();"));
        var run = runNotebooks(Files.createDirectories(dir.resolve("out")), leaky.toString());
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.out().contains("the lesson left running: virtual thread #"), run.all());
        assertTrue(run.out().contains("'forgotten-virtual' (TIMED_WAITING)"), run.all());
    }

    /** Starts a source given to {@link #notebook}: that cell is tagged 'longest', the one the interrupt check interrupts. */
    static final String LONGEST = "<longest>";

    /** A notebook for the java kernel with one code cell per source (JSON-escaped already). */
    static String notebook(String... sources) {
        var cells = new StringBuilder();
        for (String source : sources) {
            if (!cells.isEmpty()) cells.append(",");
            boolean longest = source.startsWith(LONGEST);
            cells.append("{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {")
                    .append(longest ? "\"tags\": [\"longest\"]" : "").append("}, \"outputs\": [], \"source\": \"")
                    .append(longest ? source.substring(LONGEST.length()) : source).append("\"}");
        }
        return "{\"cells\": [" + cells + "], \"metadata\": {\"kernelspec\": {\"name\": \"java\", \"display_name\": \"Java\", \"language\": \"java\"}},"
                + " \"nbformat\": 4, \"nbformat_minor\": 5}";
    }
}
