package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.timeline.Timeline.Event;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreadStatesTest {

    /** Stands for a fork: its name shows up in the BLOCKED label. */
    private static final class Fork {}

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void seesAThreadBlockedOnAMonitorAnotherThreadHolds() throws InterruptedException {
        var timeline = Timeline.start();
        var fork = new Fork();
        Thread philosopher = Thread.ofPlatform().name("philosopher 1").unstarted(() -> {
            synchronized (fork) {
                Thread.onSpinWait(); // got it at last
            }
        });
        try (var states = ThreadStates.sample(timeline, philosopher)) {
            synchronized (fork) {
                philosopher.start();
                while (philosopher.getState() != Thread.State.BLOCKED) Thread.sleep(1);
                Thread.sleep(20); // long enough for several samples
            }
            philosopher.join();
        }
        timeline.stop();

        List<Event> states = timeline.events();
        Event blocked = states.stream().filter(e -> e.label().startsWith("BLOCKED")).findFirst().orElseThrow(
                () -> new AssertionError("no BLOCKED in " + states));
        assertEquals("philosopher 1", blocked.lane());
        assertTrue(blocked.label().contains("Fork@"), blocked.label());
        assertTrue(blocked.label().endsWith("held by " + Thread.currentThread().getName()), blocked.label());
        assertTrue(blocked.durationNanos() >= 10_000_000, "blocked for about 20 ms: " + blocked);
        assertTrue(states.stream().noneMatch(Event::open), "the thread ended, so did its last state");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void stopsSamplingWhenClosed() throws InterruptedException {
        var timeline = Timeline.start();
        Thread sleeper = Thread.ofPlatform().daemon().name("sleeper").start(() -> {
            while (true) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (var states = ThreadStates.sample(timeline, sleeper)) {
            Thread.sleep(20);
        }
        int seen = timeline.events().size();
        Thread.sleep(20);
        assertEquals(seen, timeline.events().size());
        assertTrue(seen > 0);
        sleeper.interrupt();
        sleeper.join();
    }
}
