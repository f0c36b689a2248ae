package course.jmm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class ActorsTest {

    /** A state whose actors always answer the same: every trial gives one outcome. */
    static final class Fixed {
    }

    @Test
    @Timeout(30)
    void everyTrialIsCountedOnceUnderItsOutcome() throws Exception {
        var outcomes = Actors.run(Actors.BATCH + 7, Fixed::new, s -> 1, s -> 2);   // more than one batch
        assertEquals(Map.of("1, 2", (long) Actors.BATCH + 7), outcomes.counts());
        assertEquals(Actors.BATCH + 7, outcomes.trials());
    }

    /** Actor 1 writes, actor 2 reads what it finds: both orders come out, and each actor gets its trial's own state. */
    static final class Slot {
        volatile int value;
    }

    @Test
    @Timeout(30)
    void bothActorsOfATrialShareItsFreshState() throws Exception {
        var outcomes = Actors.run(20_000, Slot::new, s -> { s.value = 7; return 0; }, s -> s.value);
        assertEquals(20_000, outcomes.trials());
        for (String outcome : outcomes.counts().keySet()) assertTrue(outcome.equals("0, 0") || outcome.equals("0, 7"), outcome);
    }

    @Test
    void noTrialsIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> Actors.run(0, Fixed::new, s -> 0, s -> 0));
    }

    @Test
    @Timeout(30)
    void anInterruptedCallerStopsBothActorsAndGetsTheInterrupt() throws Exception {
        var inTrial = new CountDownLatch(1);
        var thrown = new AtomicReference<Throwable>();
        Thread caller = Thread.ofPlatform().name("caller").start(() -> {
            try {
                Actors.run(1_000, Fixed::new, s -> 0, s -> {
                    inTrial.countDown();
                    try {
                        Thread.sleep(60_000);                  // an actor stuck in its trial
                    } catch (InterruptedException e) {
                        // woken by the cancel: end the trial
                    }
                    return 0;
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        inTrial.await();
        caller.interrupt();
        caller.join(5_000);
        assertFalse(caller.isAlive(), "Actors.run ignored the interrupt");
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("actor ")), "an actor outlived run()");
    }
}
