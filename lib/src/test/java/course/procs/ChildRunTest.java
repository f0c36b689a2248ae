package course.procs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A child's crash stays in the child; a hung child is ended; nothing is left running. */
class ChildRunTest {

    @AfterEach
    void noChildIsLeft() {
        assertEquals(List.of(), Descendants.alive().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList());
    }

    static ChildRun mischief(String... what) throws Exception {
        return ChildRun.run(JavaLauncher.command(List.of("-Xmx16m"), Mischief.class, what), Duration.ofSeconds(20));
    }

    @Test
    @Timeout(60)
    void aFineChildExitsZeroAndItsOutputIsPrefixedByItsPid() throws Exception {
        var run = mischief("fine");
        assertEquals(0, run.exitCode());
        assertFalse(run.timedOut());
        assertEquals(List.of("[" + run.pid() + "] all fine, exiting with 0"), run.output());
    }

    @Test
    @Timeout(60)
    void crashesAreReportedByExitCode() throws Exception {
        var thrown = mischief("throw");
        assertEquals(1, thrown.exitCode());
        assertTrue(thrown.output().stream().anyMatch(l -> l.contains("IllegalStateException: the cat knocked the vase over")), thrown.output().toString());
        assertEquals(3, mischief("exit", "3").exitCode());
        var oom = mischief("oom");
        assertEquals(1, oom.exitCode());
        assertTrue(oom.output().stream().anyMatch(l -> l.contains("OutOfMemoryError")), oom.output().toString());
        assertEquals("exit 1", oom.outcome());
    }

    @Test
    @Timeout(60)
    void aHungChildIsEndedBySigtermAfterItsTimeout() throws Exception {
        long start = System.nanoTime();
        var run = ChildRun.run(JavaLauncher.command(Mischief.class, "hang"), Duration.ofMillis(800));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(run.timedOut());
        assertEquals(Termination.How.TERMINATED, run.ending());
        assertEquals(143, run.exitCode());
        assertTrue(ms >= 800 && ms < 8000, ms + " ms");
    }

    @Test
    @Timeout(60)
    void aChildThatRefusesSigtermIsKilled() throws Exception {
        var run = ChildRun.run(JavaLauncher.command(Mischief.class, "stubborn"), Duration.ofMillis(800));
        assertEquals(Termination.How.KILLED, run.ending());
        assertEquals(137, run.exitCode());
        assertTrue(run.outcome().contains("SIGKILL"), run.outcome());
    }

    @Test
    @Timeout(60)
    void anInterruptedWaitStillEndsTheChild() throws Exception {
        var waiter = Thread.ofPlatform().start(() -> {
            try {
                ChildRun.run(JavaLauncher.command(Mischief.class, "hang"), Duration.ofSeconds(60));
            } catch (Exception expected) {
                // interrupted
            }
        });
        Thread.sleep(500);
        waiter.interrupt();
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
    }

    @Test
    @Timeout(60)
    void aChildJvmFindsTheLibAndItsDependencies() throws Exception {
        var run = ChildRun.run(JavaLauncher.command(PrimeCount.class, "1000", "0", "1"), Duration.ofSeconds(20));
        assertEquals(List.of("[" + run.pid() + "] 168"), run.output());
        assertTrue(JavaLauncher.java().startsWith(System.getProperty("java.home")), "the JDK running us, not the PATH's java");
    }

    @Test
    @Timeout(60)
    void endAllEndsEveryChildWithinOneGraceNotOnePerChild() throws Exception {
        List<Process> children = new java.util.ArrayList<>();
        for (String what : List.of("stubborn", "stubborn", "stubborn", "hang", "fine")) {
            children.add(new ProcessBuilder(JavaLauncher.command(Mischief.class, what)).redirectInput(JavaLauncher.NO_STDIN)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
        }
        Thread.sleep(1500);  // let the stubborn ones install their hook
        long start = System.nanoTime();
        var ended = Termination.endAll(children, Duration.ofMillis(700));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1700, "three stubborn children cost " + ms + " ms: they were given a grace each");
        assertEquals(List.of(Termination.How.KILLED, Termination.How.KILLED, Termination.How.KILLED, Termination.How.TERMINATED,
                Termination.How.EXITED), ended.stream().map(Termination::how).toList());
        assertTrue(children.stream().noneMatch(Process::isAlive));
    }

    @Test
    @Timeout(60)
    void anInterruptedCallerKillsAtOnceWithoutGrace() throws Exception {
        List<Process> children = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            children.add(new ProcessBuilder(JavaLauncher.command(Mischief.class, "stubborn")).redirectInput(JavaLauncher.NO_STDIN)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start());
        }
        Thread.sleep(1000);
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        var ended = Termination.endAll(children, Duration.ofSeconds(10));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        assertTrue(ms < 500, "took " + ms + " ms: an interrupted caller must not wait for grace");
        assertTrue(ended.stream().allMatch(t -> t.how() == Termination.How.KILLED), ended.toString());
        for (Process child : children) assertTrue(child.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void primeCountIsRight() {
        assertEquals(25, PrimeCount.count(0, 100));
        assertEquals(PrimeCount.count(0, 100_000), PrimeCount.countShare(100_000, 0, 3) + PrimeCount.countShare(100_000, 1, 3)
                + PrimeCount.countShare(100_000, 2, 3));
        assertEquals(9592, PrimeCount.countShare(100_000, 0, 1));
    }
}
