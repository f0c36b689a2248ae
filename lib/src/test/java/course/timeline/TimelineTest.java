package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.timeline.Timeline.Event;
import course.timeline.Timeline.Sample;
import course.timeline.Timeline.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimelineTest {

    private final FakeClock clock = new FakeClock();
    private final Timeline timeline = Timeline.start(clock);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void keepsEveryEventFromManyThreadsInEachThreadsOrder() throws InterruptedException {
        var real = Timeline.start();
        int threads = 8, perThread = 10_000;
        var go = new CountDownLatch(1); // all record at once, so that they would race if they could
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("worker-" + t).start(() -> {
                awaitQuietly(go);
                for (int i = 0; i < perThread; i++) real.mark(Integer.toString(i));
            }));
        }
        go.countDown();
        for (Thread worker : workers) worker.join();
        real.stop();

        List<Event> events = real.events();
        assertEquals(threads * perThread, events.size());
        assertEquals(threads, real.lanes().size());
        for (String lane : real.lanes()) {
            List<String> labels = events.stream().filter(e -> e.lane().equals(lane)).map(Event::label).toList();
            assertEquals(perThread, labels.size(), lane);
            for (int i = 0; i < perThread; i++) assertEquals(Integer.toString(i), labels.get(i), lane);
        }
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).startNanos() <= events.get(i).startNanos(), "sorted by time");
        }
    }

    @Test
    void putsASpanOnTheCurrentThreadsLane() {
        clock.advanceMillis(2);
        try (var span = timeline.span("cat 1")) {
            clock.advanceMillis(5);
        }
        assertEquals(List.of(new Event(Type.SPAN, lane(), "cat 1", ms(2), ms(7), false, lane())), timeline.events());
    }

    @Test
    void closesTheSpanWhenTheBodyThrows() {
        assertThrows(IllegalStateException.class, () -> {
            try (var span = timeline.span("download")) {
                clock.advanceMillis(5);
                throw new IllegalStateException("the server hung up");
            }
        });
        clock.advanceMillis(10);
        Event span = timeline.events().getFirst();
        assertEquals(ms(5), span.endNanos());
        assertFalse(span.open());
    }

    @Test
    void keepsTheFirstEndWhenASpanIsClosedTwice() {
        var span = timeline.span("cat 1");
        clock.advanceMillis(3);
        span.close();
        clock.advanceMillis(3);
        span.close();
        assertEquals(ms(3), timeline.events().getFirst().endNanos());
    }

    @Test
    void showsASpanThatNeverClosedAsOpenUntilTheEnd() {
        timeline.span("stuck");
        clock.advanceMillis(8);
        timeline.stop();
        Event span = timeline.events().getFirst();
        assertTrue(span.open());
        assertEquals(ms(8), span.endNanos());
    }

    @Test
    void measuresEachStateUntilTheNextWithAFixedClock() {
        timeline.state("philosopher 2", "THINKING");
        clock.advanceMillis(10);
        timeline.state("philosopher 2", "HUNGRY");
        clock.advanceMillis(5);
        timeline.state("philosopher 2", "EATING");
        clock.advanceMillis(25);
        timeline.end("philosopher 2");
        clock.advanceMillis(10);
        timeline.stop();

        List<Event> states = timeline.events();
        assertEquals(List.of("THINKING", "HUNGRY", "EATING"), states.stream().map(Event::label).toList());
        assertEquals(List.of(ms(10), ms(5), ms(25)), states.stream().map(Event::durationNanos).toList());
        assertTrue(states.stream().noneMatch(Event::open));
        assertEquals(ms(50), timeline.durationNanos());
    }

    @Test
    void keepsTheLastStateOpenUntilTheTimelineStops() {
        timeline.state("philosopher 0", "WAITING for fork 1");
        clock.advanceMillis(30);
        timeline.stop();
        clock.advanceMillis(30);
        Event waiting = timeline.events().getFirst();
        assertTrue(waiting.open());
        assertEquals(ms(30), waiting.durationNanos());
    }

    @Test
    void doesNotSplitAStateThatIsSetAgain() {
        timeline.state("EATING");
        clock.advanceMillis(4);
        timeline.state("EATING");
        clock.advanceMillis(4);
        timeline.end();
        assertEquals(List.of(ms(8)), timeline.events().stream().map(Event::durationNanos).toList());
    }

    @Test
    void recordsAMarkAsAnInstant() {
        clock.advanceMillis(7);
        timeline.mark("event loop", "stall detected");
        Event mark = timeline.events().getFirst();
        assertEquals(Type.MARK, mark.type());
        assertEquals(ms(7), mark.startNanos());
        assertEquals(0, mark.durationNanos());
    }

    @Test
    void remembersWhichThreadRanASpanOnAnExplicitLane() {
        try (var a = timeline.span("task A", "step 1")) {
            clock.advanceMillis(1);
        }
        Event step = timeline.events().getFirst();
        assertEquals("task A", step.lane());
        assertEquals(lane(), step.thread());
    }

    @Test
    void ordersLanesByTheirFirstEvent() {
        timeline.state("philosopher 3", "THINKING");
        timeline.count("in flight", 1); // a counter is not a lane
        clock.advanceMillis(1);
        timeline.state("philosopher 1", "THINKING");
        timeline.mark("philosopher 3", "hello");
        clock.advanceMillis(1);
        timeline.span("philosopher 2", "eat").close();
        assertEquals(List.of("philosopher 3", "philosopher 1", "philosopher 2"), timeline.lanes());
    }

    @Test
    void keepsCounterSamplesPerSeries() {
        timeline.count("in flight", 1);
        clock.advanceMillis(2);
        timeline.count("in flight", 2);
        timeline.count("queued", 5);
        assertEquals(List.of(new Sample(0, 1), new Sample(ms(2), 2)), timeline.counter("in flight"));
        assertEquals(List.of("in flight", "queued"), timeline.series());
        assertEquals(List.of(), timeline.counter("nothing"));
        assertTrue(timeline.events().isEmpty());
    }

    @Test
    void ignoresEventsAfterStop() {
        timeline.mark("before");
        timeline.stop();
        clock.advanceMillis(1);
        timeline.mark("after");
        timeline.span("after").close();
        timeline.count("after", 1);
        assertEquals(List.of("before"), timeline.events().stream().map(Event::label).toList());
        assertEquals(0, timeline.durationNanos());
    }

    @Test
    void givesAnImmutableSnapshot() {
        timeline.mark("one");
        List<Event> events = timeline.events();
        timeline.mark("two");
        assertEquals(1, events.size());
        assertThrows(UnsupportedOperationException.class, () -> events.add(events.getFirst()));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void namesAnUnnamedVirtualThreadsLaneAfterItsId() throws InterruptedException {
        var real = Timeline.start();
        Thread unnamed = Thread.ofVirtual().start(() -> {
            try (var span = real.span("cat 1")) {
                Thread.yield();
            }
        });
        Thread named = Thread.ofVirtual().name("downloader").start(() -> real.mark("hi"));
        unnamed.join();
        named.join();
        assertTrue(real.lanes().contains("virtual-" + unnamed.threadId()), real.lanes().toString());
        assertTrue(real.lanes().contains("downloader"), real.lanes().toString());
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }

    private static String lane() {
        return Thread.currentThread().getName();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
