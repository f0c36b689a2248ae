package course.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class StallDetectorTest {

    static final Duration LIMIT = Duration.ofMillis(300);  // ticks come every 10 ms: a busy machine can still pause one for 100

    /** Ticks every 10 ms; from tick {@code hangAt} on (if at all) sleeps "forever", until interrupted. */
    static Thread ticker(int ticks, int hangAt, StallDetector[] detector, CountDownLatch ready) {
        return Thread.ofPlatform().name("ticker").unstarted(() -> {
            try {
                ready.await();
                for (int tick = 0; tick < ticks; tick++) {
                    if (tick == hangAt) Thread.sleep(60_000);  // hangs
                    detector[0].beat();
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                // stopped by the reaction
            }
        });
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void firesForATaskThatHangsReportsWhereAndReactsOnce() throws Exception {
        var detector = new StallDetector[1];
        var ready = new CountDownLatch(1);
        Thread ticker = ticker(1000, 5, detector, ready);
        var reactions = new AtomicInteger();
        long start = System.nanoTime();
        try (var d = StallDetector.watch("ticker", LIMIT, ticker, stall -> {
            reactions.incrementAndGet();
            ticker.interrupt();
        })) {
            detector[0] = d;
            ticker.start();
            ready.countDown();
            assertTrue(ticker.join(Duration.ofSeconds(5)), "the reaction did not stop the hanging ticker");
            var stall = d.stall().orElseThrow(() -> new AssertionError("no stall detected"));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(stall.silence().compareTo(LIMIT) >= 0, stall.toString());
            assertTrue(stall.silence().toMillis() < LIMIT.toMillis() + 1000, "detected late: " + stall);
            assertTrue(tookMs < 2000, "the stall should be reported within 2 s, took " + tookMs + " ms");
            assertTrue(stall.where().stream().anyMatch(f -> f.getMethodName().equals("sleep")), stall.toString());
            assertTrue(stall.toString().contains("thread 'ticker' was at"), stall.toString());
        }
        Thread.sleep(LIMIT.toMillis() * 2);
        assertEquals(1, reactions.get(), "one detector reports one stall");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void staysQuietForATaskThatKeepsTicking() throws Exception {
        var detector = new StallDetector[1];
        var ready = new CountDownLatch(1);
        Thread ticker = ticker(100, -1, detector, ready);  // ~1 s of ticks every 10 ms, over three times the limit
        try (var d = StallDetector.watch("ticker", LIMIT, ticker, stall -> ticker.interrupt())) {
            detector[0] = d;
            ticker.start();
            ready.countDown();
            assertTrue(ticker.join(Duration.ofSeconds(5)));
            assertEquals("none", d.stall().map(Object::toString).orElse("none"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void firesInEveryOneOfTwentyRunsAndNeverForTheWellBehaved() throws Exception {
        int stalls = 0, falseAlarms = 0;
        for (int run = 0; run < 20; run++) {
            for (boolean hangs : new boolean[] {true, false}) {
                var detector = new StallDetector[1];
                var ready = new CountDownLatch(1);
                Thread ticker = ticker(hangs ? 1000 : 8, hangs ? 3 : -1, detector, ready);
                try (var d = StallDetector.watch("ticker", LIMIT, ticker, stall -> ticker.interrupt())) {
                    detector[0] = d;
                    ticker.start();
                    ready.countDown();
                    assertTrue(ticker.join(Duration.ofSeconds(3)));
                    if (d.stall().isPresent()) {
                        if (hangs) stalls++; else falseAlarms++;
                    }
                }
            }
        }
        assertEquals(20, stalls, "the hang must be caught every time");
        assertEquals(0, falseAlarms, "a ticking task must never be taken for a stall");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aLoopThatNeverBeatsIsAStallTooAndCloseEndsTheWatcher() throws Exception {
        var fired = new CountDownLatch(1);
        var detector = StallDetector.watch("silent", Duration.ofMillis(50), stall -> fired.countDown());
        try (detector) {
            assertTrue(fired.await(2, TimeUnit.SECONDS));
            assertEquals("no suspect", detector.stall().orElseThrow().suspect());
        }
        var quiet = StallDetector.watch("closed early", Duration.ofSeconds(10), stall -> {});
        quiet.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("stall-detector")),
                "close() must end and join the detector's thread");
    }
}
