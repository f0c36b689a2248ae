package course.timeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GapsTest {

    @Test
    void gapsRunFromTheStartOfOneSpanToTheStartOfTheNextOnTheSameLane() {
        var clock = new FakeClock();
        var timeline = Timeline.start(clock);
        for (long at : new long[] {0, 20, 40, 500, 520}) {
            while (timeline.durationNanos() < at * 1_000_000) clock.advanceMillis(1);
            timeline.span("task A", "tick").close();
            timeline.span("task B", "tick").close();  // another lane: not counted for A
        }
        timeline.stop();
        assertEquals(List.of(20.0, 20.0, 460.0, 20.0), Gaps.millis(timeline, "task A"));
        assertEquals(460.0, Gaps.maxMillis(timeline, "task A"));
        assertEquals(20.0, Gaps.medianMillis(timeline, "task A"));
        assertEquals(5, Gaps.count(timeline, "task A"));
        assertEquals(0, Gaps.maxMillis(timeline, "nobody"));
        assertTrue(Gaps.table(timeline, List.of("task A"), 20).toString().contains("460.0"));
    }
}
