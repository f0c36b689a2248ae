package course.threads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class StartingLineTest {

    @Test
    @Timeout(10)
    void everyBodyRunsOnceAndTheyOverlap() throws Exception {
        var ran = new AtomicInteger();
        var allInside = new CyclicBarrier(4); // passes only if all 4 bodies are running at once
        StartingLine.run(4, "t", i -> {
            allInside.await(5, TimeUnit.SECONDS);
            ran.incrementAndGet();
        });
        assertEquals(4, ran.get());
    }

    @Test
    @Timeout(10)
    void virtualThreadsAreNamedAndJoined() throws Exception {
        var names = new java.util.concurrent.ConcurrentSkipListSet<String>();
        StartingLine.runVirtual(3, "v", i -> {
            assertTrue(Thread.currentThread().isVirtual());
            names.add(Thread.currentThread().getName());
        });
        assertEquals(java.util.Set.of("v-0", "v-1", "v-2"), names);
    }

    @Test
    @Timeout(10)
    void aFailingBodyIsRethrownAfterTheOthersEnd() {
        var finished = new AtomicInteger();
        var e = assertThrows(IllegalStateException.class, () -> StartingLine.run(3, "t", i -> {
            if (i == 1) throw new java.io.IOException("boom");
            Thread.sleep(50);
            finished.incrementAndGet();
        }));
        assertEquals("boom", e.getMessage());
        assertEquals(2, finished.get());
    }

    @Test
    @Timeout(10)
    void anInterruptedCallerStopsItsThreadsBeforeReturning() throws Exception {
        var seen = new java.util.concurrent.ConcurrentLinkedQueue<Thread>();
        var caller = new Thread(() -> {
            try {
                StartingLine.run(2, "sleeper", i -> {
                    seen.add(Thread.currentThread());
                    Thread.sleep(60_000);
                });
            } catch (InterruptedException expected) {
                // the point
            }
        });
        caller.start();
        while (seen.size() < 2) Thread.sleep(5);
        caller.interrupt();
        caller.join(5000);
        assertFalse(caller.isAlive());
        for (Thread t : seen) assertFalse(t.isAlive(), t.getName() + " outlived the call");
    }
}
