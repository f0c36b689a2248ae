package course.modelcheck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lincheck 3.7's reports (stored as it printed them) read into steps, and the steps drawn and written. */
class TraceTest {

    private static String report(String name) throws IOException {
        try (var in = Objects.requireNonNull(TraceTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Verdict lostUpdate() throws IOException {
        return Trace.verdict(report("lost-update.txt"), Scenarios.LOST_UPDATE, List.of("thread1", "thread2"), 7, 200,
                Duration.ofSeconds(3));
    }

    @Test
    void readsTheLostUpdateStepByStepLeavingOutTheScaffold() throws IOException {
        Verdict v = lostUpdate();
        assertEquals(List.of("main", "thread1", "thread2"), v.lanes());
        assertEquals(List.of(
                new Step(1, "counter ➜ 0", 0, 2, false),
                new Step(1, "switch", 0, 0, true),
                new Step(2, "counter ➜ 0", 0, 3, false),
                new Step(2, "counter = 1", 0, 3, false),
                new Step(1, "counter = 1", 0, 2, false),
                new Step(0, "holds(): false", 0, 4, false),
                new Step(0, "counter ➜ 1", 1, 4, false)), v.steps());
        assertEquals("holds() is false", v.failure());
        assertEquals(5, v.failedStep());
    }

    @Test
    void readsTheDeadlockAsAHangWithBothThreadsStuck() throws IOException {
        String code = "final Object left = new Object(), right = new Object();\n"
                + "void thread1() { synchronized (left) { synchronized (right) { } } }\n"
                + "void thread2() { synchronized (right) { synchronized (left) { } } }\n";
        Verdict v = Trace.verdict(report("deadlock.txt"), code, List.of("thread1", "thread2"), 7, 200, Duration.ofSeconds(3));
        assertEquals(Verdict.Outcome.HUNG, v.outcome());
        assertEquals("All unfinished threads are in deadlock", v.failure());
        assertEquals(List.of(3, 5), v.stuckSteps().stream().sorted().toList(), v.steps().toString());
        assertEquals(new Step(2, "switch (reason: lock is already acquired)", 0, 0, true), v.steps().get(4));
    }

    @Test
    void refusesAReportItCannotRead() {
        assertThrows(IllegalStateException.class, () ->
                Trace.verdict("something else", "", List.of("a", "b"), 1, 1, Duration.ZERO));
    }

    @Test
    void tidiesConstructorsAndTheScaffoldsReceiver() {
        assertEquals("new AssertionError(\"2 inside\")", Trace.tidy("AssertionError.<init>(\"2 inside\"): AssertionError#1"));
        assertEquals("holds(): false", Trace.tidy("s.holds(): false"));
    }

    @Test
    void writesTheFailingRunWithTheFailureMarkedAndTheLinesItRan() throws IOException {
        String text = InterleavingText.render(lostUpdate());
        assertTrue(text.startsWith("model check: FAILED in run 7 of at most 200: holds() is false\n"), text);
        assertTrue(text.contains("holds(): false   <-- FAILS HERE"), text);
        assertTrue(text.contains("switch ~~"), text);
        assertTrue(text.contains("   2  void thread1() { counter++; }"), text);
    }

    @Test
    void drawsOneLanePerThreadAndTheFailureInRed() throws IOException {
        var image = InterleavingPicture.draw(lostUpdate());
        assertTrue(image.getWidth() >= 3 * 190, "three lanes: " + image.getWidth());
        int red = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) == (0xFF000000 | 0xEF9A9A)) red++;
            }
        }
        assertTrue(red > 500, "the failed step's box is filled red: " + red + " pixels");
    }

    @Test
    void aPassingVerdictDrawsItsSummaryAndCodeOnly() {
        var v = new Verdict(Verdict.Outcome.PASSED, 42, 100, "", List.of("main", "thread1", "thread2"), List.of(),
                Scenarios.LOST_UPDATE_FIXED, Duration.ofSeconds(2), "");
        assertEquals("model check: PASSED: 42 interleavings explored, none fails (Lincheck had tried every order it considers)\n",
                InterleavingText.render(v));
        assertTrue(InterleavingPicture.draw(v).getHeight() > 5 * 16);
    }

    @Test
    void aSwitchInTheMiddleOfACallSaysSo() {
        var steps = List.of(new Step(1, "get(\"cat\")", 0, 3, false), new Step(1, "values.put(\"cat\", 1): 2", 1, 10, false),
                new Step(1, "switch", 2, 0, true), new Step(2, "counter ➜ 0", 0, 4, false), new Step(2, "switch", 0, 0, true));
        assertEquals("switch, inside the call above", InterleavingText.switchLabel(steps, 2));
        assertEquals("switch", InterleavingText.switchLabel(steps, 4));
    }
}
