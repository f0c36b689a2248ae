package course.procs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The pool worker's line protocol: a broken worker is an error with its pid and exit code, never a hang. */
class WorkerTest {

    static List<String> workerCommand() {
        return JavaLauncher.command(PoolWorker.class);
    }

    @AfterEach
    void noChildIsLeft() {
        assertEquals(List.of(), Descendants.alive().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList());
    }

    @Test
    @Timeout(60)
    void answersTasksOneLineEachThenExitsZeroAtTheEndOfItsInput() throws Exception {
        Worker worker = Worker.start(workerCommand());
        try (worker) {
            assertEquals("ok 25", worker.ask("primes 100 0 1", Duration.ofSeconds(10)));
            assertEquals("ok 4", worker.ask("primes 10 0 1", Duration.ofSeconds(10)));
            assertTrue(worker.ask("juggle", Duration.ofSeconds(10)).startsWith("fail unknown task"));
            assertEquals("ok 168", worker.ask("primes 1000 0 1", Duration.ofSeconds(10)), "a failed task leaves the worker alive");
        }
        assertEquals(0, worker.exitCode());
    }

    @Test
    @Timeout(60)
    void aMalformedLineIsAnErrorNamingTheWorkerNotAHang() throws Exception {
        try (Worker worker = Worker.start(workerCommand())) {
            long start = System.nanoTime();
            var e = assertThrows(WorkerException.class, () -> worker.ask("garble", Duration.ofSeconds(20)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "it waited for the timeout instead of reading the line");
            assertEquals(worker.pid(), e.pid());
            assertTrue(e.getMessage().contains("worker " + worker.pid() + " answered 'meow?'"), e.getMessage());
            assertNotNull(e.exitCode(), "the broken worker is ended");
            var again = assertThrows(WorkerException.class, () -> worker.ask("primes 10 0 1", Duration.ofSeconds(5)));
            assertTrue(again.getMessage().contains("takes no more tasks"), again.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void aWorkerThatDiesMidTaskIsAnErrorWithItsExitCode() throws Exception {
        try (Worker worker = Worker.start(workerCommand())) {
            var e = assertThrows(WorkerException.class, () -> worker.ask("exit 3", Duration.ofSeconds(20)));
            assertEquals(3, e.exitCode());
            assertEquals(worker.pid(), e.pid());
            assertTrue(e.getMessage().contains("died (exit code 3) before answering 'exit 3'"), e.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void aSilentWorkerIsEndedAfterTheTimeout() throws Exception {
        try (Worker worker = Worker.start(workerCommand())) {
            long start = System.nanoTime();
            var e = assertThrows(WorkerException.class, () -> worker.ask("sleep 60000", Duration.ofMillis(500)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 500 && ms < 5000, ms + " ms");
            assertTrue(e.getMessage().contains("was silent for 500 ms instead of answering 'sleep 60000'"), e.getMessage());
            assertEquals(143, e.exitCode(), "ended by SIGTERM");
        }
    }

    @Test
    @Timeout(60)
    void aWorkerThatCannotStartIsAnErrorNotAHang() {
        var command = JavaLauncher.command(Mischief.class, "exit", "7");
        var e = assertThrows(WorkerException.class, () -> Worker.start(command, Duration.ofSeconds(20)));
        // It says "calling System.exit(7)" where 'ready' belongs, so we end it; its own exit and our SIGTERM
        // race, and either may be the code that comes back. Either way: an error at once, never a hang.
        assertTrue(e.exitCode() == 7 || e.exitCode() == 143, e.getMessage());
        assertTrue(e.getMessage().contains("instead of 'ready'"), e.getMessage());
        var wrong = assertThrows(WorkerException.class, () -> Worker.start(JavaLauncher.command(Mischief.class, "hang"), Duration.ofSeconds(20)));
        assertTrue(wrong.getMessage().contains("said 'hanging forever' instead of 'ready'"), wrong.getMessage());
    }

    @Test
    @Timeout(60)
    void anInterruptWhileWaitingEndsTheWorker() throws Exception {
        try (Worker worker = Worker.start(workerCommand())) {
            Thread asker = Thread.ofPlatform().start(() -> {
                try {
                    worker.ask("sleep 60000", Duration.ofSeconds(60));
                } catch (Exception expected) {
                    // interrupted
                }
            });
            Thread.sleep(300);
            asker.interrupt();
            asker.join(10_000);
            assertFalse(asker.isAlive());
            assertNotNull(worker.exitCode(), "the worker is ended");
        }
    }

    /** A path with spaces and letters from other scripts reaches the worker whole (it was split on spaces once). */
    @Test
    @Timeout(60)
    void aCatGoesToAnyPathEvenWithSpacesAndOtherScripts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var folder = java.nio.file.Files.createDirectories(dir.resolve("my cats/ünïcödé 猫"));
        try (var server = course.cats.CatServer.start(course.cats.CatServer.Settings.DEFAULT.withLatency(Duration.ZERO, Duration.ZERO).withSize(64));
             Worker worker = Worker.start(workerCommand())) {
            String reply = worker.ask(TaskLine.of("cat", server.catUrl(), folder.resolve("cat 0.png").toString()), Duration.ofSeconds(20));
            assertTrue(reply.startsWith("ok "), reply);
            try (var saved = java.nio.file.Files.list(folder)) {
                assertEquals(List.of("cat 0.png"), saved.map(p -> p.getFileName().toString()).toList());
            }
        }
    }
}
