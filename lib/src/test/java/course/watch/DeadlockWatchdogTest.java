package course.watch;

import course.dining.Fork;
import course.dining.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class DeadlockWatchdogTest {

    /** The naive table: everyone takes the left fork, waits until all have one, then reaches for the right. */
    private static List<Thread> naiveTable(List<Fork> forks) {
        int n = forks.size();
        var everyoneHasALeftFork = new CyclicBarrier(n);
        return IntStream.range(0, n).mapToObj(seat -> new Thread(() -> {
            Fork left = forks.get(seat), right = forks.get((seat + 1) % n);
            try {
                left.lockInterruptibly();
                try {
                    everyoneHasALeftFork.await();
                    right.lockInterruptibly();
                    right.unlock();
                } finally {
                    left.unlock();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                // undone by the watchdog
            }
        }, "philosopher " + seat)).toList();
    }

    /**
     * The specification the lesson's deadlock demo rests on: in every one of {@code runs} runs the naive table
     * deadlocks, the watchdog finds it within 1 s, names every philosopher, and no thread is left. Returns what
     * went wrong, empty when all is well.
     */
    private static List<String> deadlockIsFoundAndUndoneEveryTime(int runs, DeadlockWatchdog.Detector detector) throws InterruptedException {
        List<String> wrong = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            var forks = Fork.set(5);
            var table = naiveTable(forks);
            table.forEach(Thread::start);
            var seen = new AtomicReference<TableState>();
            var verdict = DeadlockWatchdog.watching(table).naming(forks).detector(detector)
                    .onDeadlock(d -> seen.set(TableState.of(forks, table)))
                    .guard(Duration.ofSeconds(2));
            if (!verdict.deadlocked()) {
                wrong.add("run " + run + ": no deadlock found (time up: " + verdict.timeUp() + ")");
            } else {
                var d = verdict.deadlock().orElseThrow();
                if (d.foundAfter().toMillis() > 1000) wrong.add("run " + run + ": found after " + d.foundAfter());
                if (d.threads().size() != 5) wrong.add("run " + run + ": the deadlock names " + d.threads());
                if (seen.get() == null || seen.get().cycle().size() != 5) wrong.add("run " + run + ": the table showed " + seen.get());
            }
            if (!verdict.stillAlive().isEmpty()) wrong.add("run " + run + ": left running " + verdict.stillAlive());
            if (table.stream().anyMatch(Thread::isAlive)) wrong.add("run " + run + ": a philosopher is still alive");
        }
        return wrong;
    }

    @Test
    @Timeout(60)
    void findsReportsAndUndoesTheNaiveDeadlockInTwentyRunsOfTwenty() throws Exception {
        assertEquals(List.of(), deadlockIsFoundAndUndoneEveryTime(20, DeadlockWatchdog.JVM));
    }

    @Test
    @Timeout(60)
    void theSpecificationFailsAWatchdogThatNeverFires() throws Exception {
        // The same specification against a broken watchdog must fail, or it proves nothing
        List<String> wrong = deadlockIsFoundAndUndoneEveryTime(2, DeadlockWatchdog.NEVER);
        assertEquals(2, wrong.stream().filter(w -> w.contains("no deadlock found (time up: true)")).count(), wrong.toString());
    }

    @Test
    @Timeout(30)
    void reportNamesWhoWaitsForWhichForkAndWhoHoldsIt() throws Exception {
        var forks = Fork.set(3);
        var table = naiveTable(forks);
        table.forEach(Thread::start);
        var verdict = DeadlockWatchdog.watching(table).naming(forks).guard(Duration.ofSeconds(5));
        String report = verdict.deadlock().orElseThrow().report();
        assertTrue(report.startsWith("Found one Java-level deadlock:"), report);
        assertTrue(report.contains("\"philosopher 0\":\n  waiting for ownable synchronizer fork 1 (a java.util.concurrent.locks.ReentrantLock$NonfairSync),\n  which is held by \"philosopher 1\""), report);
        assertTrue(report.contains("\"philosopher 2\":\n  waiting for ownable synchronizer fork 0"), report);
        assertTrue(report.contains("which is held by \"philosopher 0\""), report);
        assertTrue(report.contains("ReentrantLock.lockInterruptibly"), report);
    }

    @Test
    @Timeout(30)
    void aCircleOfTimedTryLocksIsNotADeadlock() throws Exception {
        // Everyone holds his left fork and tries the right one for 300 ms: a circle, but one that opens by itself
        var forks = Fork.set(4);
        var everyoneHasALeftFork = new CyclicBarrier(4);
        var jvmSawACircle = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> polite = IntStream.range(0, 4).mapToObj(seat -> new Thread(() -> {
            Fork left = forks.get(seat), right = forks.get((seat + 1) % 4);
            try {
                left.lockInterruptibly();
                try {
                    everyoneHasALeftFork.await();
                    if (right.tryLock(300, java.util.concurrent.TimeUnit.MILLISECONDS)) right.unlock();
                } finally {
                    left.unlock();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                // stopped
            }
        }, "polite " + seat)).toList();
        polite.forEach(Thread::start);
        var verdict = DeadlockWatchdog.watching(polite).every(Duration.ofMillis(5))
                .detector(() -> {
                    long[] ids = DeadlockWatchdog.JVM.deadlockedThreadIds();
                    if (ids != null) jvmSawACircle.set(true);
                    return ids;
                })
                .guard(Duration.ofSeconds(5));
        assertFalse(verdict.deadlocked(), verdict.toString());
        assertFalse(verdict.timeUp(), "the threads ended by themselves");
        // Why the watchdog filters: the JVM's detector does count a circle of timed waits
        assertTrue(jvmSawACircle.get(), "the JVM's detector never reported the timed circle");
    }

    @Test
    @Timeout(30)
    void stopsADemoWithNoDeadlockAtItsTimeLimit() throws Exception {
        var stopped = new AtomicReference<String>("no");
        List<Thread> busy = IntStream.range(0, 3).mapToObj(i -> new Thread(() -> {
            try {
                while (true) Thread.sleep(5);   // a livelock looks like this: busy, no cycle, no progress
            } catch (InterruptedException e) {
                // stopped
            }
        }, "busy " + i)).toList();
        busy.forEach(Thread::start);
        var verdict = DeadlockWatchdog.watching(busy)
                .stoppingWith(() -> { stopped.set("yes"); busy.forEach(Thread::interrupt); })
                .guard(Duration.ofMillis(300));
        assertTrue(verdict.timeUp());
        assertFalse(verdict.deadlocked());
        assertEquals("yes", stopped.get());
        assertEquals(List.of(), verdict.stillAlive());
        assertTrue(verdict.took().toMillis() >= 300, verdict.toString());
    }

    @Test
    @Timeout(30)
    void namesThreadsThatIgnoreInterrupts() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread stubborn = new Thread(() -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // this thread does not want to stop
                }
            }
        }, "stubborn");
        stubborn.start();
        try {
            var verdict = DeadlockWatchdog.watching(List.of(stubborn)).grace(Duration.ofMillis(100)).guard(Duration.ofMillis(100));
            assertEquals(1, verdict.stillAlive().size(), verdict.toString());
            assertTrue(verdict.stillAlive().getFirst().startsWith("stubborn"));
        } finally {
            release.countDown();
            stubborn.join();
        }
    }
}
