package course.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class BoundedTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aThreadThatEndsInTimeIsJoined() throws Exception {
        Thread quick = Thread.ofPlatform().start(() -> { });
        assertTrue(Bounded.join(quick, Duration.ofSeconds(5)));
        assertFalse(quick.isAlive());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aThreadPastItsPatienceIsInterruptedAndJoined() throws Exception {
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // asked to stop
            }
        });
        assertFalse(Bounded.join(sleeper, Duration.ofMillis(100)));
        assertFalse(sleeper.isAlive());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aThreadThatIgnoresInterruptsIsReported() throws Exception {
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stubborn = Thread.ofPlatform().start(() -> {
            while (!stop.get()) Thread.onSpinWait();
        });
        try {
            var e = assertThrows(IllegalStateException.class, () -> Bounded.join(stubborn, Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("ignored an interrupt"), e.getMessage());
        } finally {
            stop.set(true);
            stubborn.join();
        }
    }
}
