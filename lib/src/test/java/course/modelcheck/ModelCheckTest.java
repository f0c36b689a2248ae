package course.modelcheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker, end to end: Lincheck in a child JVM finds each lesson's bug and passes each fix. */
@Timeout(60)
class ModelCheckTest {

    private static final int RUNS = 100;
    private static final Duration BUDGET = Duration.ofSeconds(40);

    private static Verdict check(String code) throws Exception {
        return ModelCheck.run(code, RUNS, BUDGET);
    }

    private static List<Step> stepsIn(Verdict v, String lane) {
        int index = v.lanes().indexOf(lane);
        return v.steps().stream().filter(s -> s.lane() == index).toList();
    }

    @Test
    void findsTheLostUpdateBothThreadsReadingZero() throws Exception {
        Verdict v = check(Scenarios.LOST_UPDATE);
        assertEquals(Verdict.Outcome.FAILED, v.outcome(), v.summary());
        assertEquals("holds() is false", v.failure());
        for (String thread : List.of("thread1", "thread2")) {
            var steps = stepsIn(v, thread);
            assertTrue(steps.stream().anyMatch(s -> s.code().equals("counter ➜ 0")), thread + " read 0: " + steps);
            assertTrue(steps.stream().anyMatch(s -> s.code().equals("counter = 1")), thread + " wrote 1: " + steps);
        }
        assertTrue(v.steps().stream().anyMatch(Step::switchHere), "a switch between the read and the write");
        assertEquals("holds(): false", v.steps().get(v.failedStep()).code());
        assertEquals(4, v.steps().get(v.failedStep()).line(), "the line of holds()");
    }

    @Test
    void passesTheSynchronizedCounter() throws Exception {
        Verdict v = check(Scenarios.LOST_UPDATE_FIXED);
        assertEquals(Verdict.Outcome.PASSED, v.outcome(), v.summary());
        assertTrue(v.explored() >= 1 && v.explored() <= RUNS, v.summary());
        assertTrue(v.steps().isEmpty());
    }

    @Test
    void findsCheckThenActComputingTwice() throws Exception {
        Verdict v = check(Scenarios.CHECK_THEN_ACT);
        assertEquals(Verdict.Outcome.FAILED, v.outcome(), v.summary());
        for (String thread : List.of("thread1", "thread2")) {
            assertTrue(stepsIn(v, thread).stream().anyMatch(s -> s.code().equals("cache.containsKey(\"cat\"): false")),
                    thread + " found no cat: " + v.steps());
        }
    }

    @Test
    void passesComputeIfAbsent() throws Exception {
        assertEquals(Verdict.Outcome.PASSED, check(Scenarios.CHECK_THEN_ACT_FIXED).outcome());
    }

    @Test
    void findsTheOverReleasedSemaphoreLettingTwoIn() throws Exception {
        Verdict v = check(Scenarios.OVER_RELEASE);
        assertEquals(Verdict.Outcome.FAILED, v.outcome(), v.summary());
        assertTrue(v.failure().matches("thread[12] threw AssertionError: 2 inside at once"), v.failure());
        String thief = v.failure().substring(0, 7);
        var steps = stepsIn(v, thief).stream().map(Step::code).toList();
        int refused = steps.indexOf("permits.tryAcquire(): false");
        assertTrue(refused >= 0 && steps.subList(refused, steps.size()).contains("permits.release()"),
                "refused, it released anyway: " + steps);
        assertTrue(v.steps().get(v.failedStep()).code().startsWith("new AssertionError"));
    }

    @Test
    void passesReleasingOnlyWhatWasAcquired() throws Exception {
        assertEquals(Verdict.Outcome.PASSED, check(Scenarios.OVER_RELEASE_FIXED).outcome());
    }

    @Test
    void findsTheDeadlockOfLocksTakenInOppositeOrder() throws Exception {
        Verdict v = check(Scenarios.OPPOSITE_ORDER);
        assertEquals(Verdict.Outcome.HUNG, v.outcome(), v.summary());
        // Lincheck 3.7 sees ReentrantLock's wait loop spin: it says "livelock", where the threads are deadlocked
        assertTrue(v.failure().contains("livelock") || v.failure().contains("deadlock"), v.failure());
        var stuck = v.stuckSteps();
        assertEquals(2, stuck.size(), "both threads wait forever: " + v.steps());
        assertEquals(2, stuck.stream().map(i -> v.steps().get(i).lane()).distinct().count());
        for (int i : stuck) assertEquals("second.lock()", v.steps().get(i).code(), v.steps().toString());
    }

    @Test
    void findsThePhilosophersDeadlockEachHoldingHisLeftFork() throws Exception {
        Verdict v = check(Scenarios.PHILOSOPHERS);
        assertEquals(Verdict.Outcome.HUNG, v.outcome(), v.summary());
        assertEquals("All unfinished threads are in deadlock", v.failure());
        assertEquals(3, v.stuckSteps().size(), "all three wait forever: " + v.steps());
        for (int i : v.stuckSteps()) assertEquals(8, v.steps().get(i).line(), "stuck taking the right fork: " + v.steps());
    }

    @Test
    void passesThePhilosophersTakingTheLowerForkFirst() throws Exception {
        assertEquals(Verdict.Outcome.PASSED, check(Scenarios.PHILOSOPHERS_ORDERED).outcome());
    }

    @Test
    void passesLocksTakenInOneOrder() throws Exception {
        assertEquals(Verdict.Outcome.PASSED, check(Scenarios.SAME_ORDER).outcome());
    }

    @Test
    void stopsAtItsBudgetAndSaysSo() throws Exception {
        long start = System.nanoTime();
        Verdict v = ModelCheck.run(Scenarios.LOST_UPDATE_FIXED, 1_000_000, Duration.ofMillis(1500));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Verdict.Outcome.OVER_BUDGET, v.outcome(), v.summary());
        assertTrue(v.summary().startsWith("OVER BUDGET"), v.summary());
        assertTrue(tookMs < 1500 + ChildRunGrace.MS + 3000, "stopped in " + tookMs + " ms");   // + javac
        assertFalse(v.foundBug());
    }

    @Test
    void namesTheLearnersLineWhenTheCodeDoesNotCompile() {
        var e = assertThrows(IllegalArgumentException.class, () -> check("""
                int counter;
                void thread1() { counter++; }
                void thread2() { counter += "one"; }
                """));
        assertTrue(e.getMessage().startsWith("the code does not compile: line 3: "), e.getMessage());
    }

    @Test
    void needsTwoThreads() {
        var e = assertThrows(IllegalArgumentException.class, () -> check("int x; void thread1() { x++; }"));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
    }

    /** {@link course.procs.ChildRun#GRACE} in ms. */
    private static final class ChildRunGrace {
        static final long MS = course.procs.ChildRun.GRACE.toMillis();
    }
}
