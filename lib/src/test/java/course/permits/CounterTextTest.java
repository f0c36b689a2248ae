package course.permits;

import course.timeline.Timeline;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class CounterTextTest {

    /** 0 to 10 ms: 2 in flight; 10 to 20 ms: 4; 20 to 40 ms: 1; on a clock that moves only when told. */
    static Timeline steps() {
        var clock = new AtomicLong(5_000_000_000L);
        var timeline = Timeline.start(clock::get);
        timeline.count("in flight", 2);
        clock.addAndGet(10_000_000);
        timeline.count("in flight", 4);
        clock.addAndGet(10_000_000);
        timeline.count("in flight", 1);
        clock.addAndGet(20_000_000);
        timeline.stop();
        return timeline;
    }

    @Test
    void eachColumnIsFilledUpToTheMostOfItsSliceAndTheLimitRowIsDashed() {
        String text = CounterText.render(steps(), "in flight", 3, "permits = 3", 12, 8);
        assertEquals("""
                4 |   ###
                3 |---###------  permits = 3
                2 |######
                1 |############
                  +------------
                  0 ms    40 ms
                """, text);
    }

    @Test
    void aLimitAboveEveryValueStillHasItsRowAndManyValuesAreSpreadOverTheHeight() {
        String low = CounterText.render(steps(), "in flight", 6, "K = 6", 12, 8);
        assertTrue(low.startsWith("6 |------------  K = 6\n"), low);
        var timeline = Timeline.start();
        timeline.count("in flight", 24);
        timeline.stop();
        String high = CounterText.render(timeline, "in flight", 4, "K = 4", 12, 8);
        assertEquals(9, high.lines().filter(l -> l.contains("|")).count(), "8 spread rows and the limit's own\n" + high);
        assertTrue(high.lines().anyMatch(l -> l.startsWith(" 4 |") && l.endsWith("K = 4")), high);
    }

    @Test
    void anEmptyCounterDrawsOnlyTheLimit() {
        var timeline = Timeline.start();
        timeline.stop();
        assertTrue(CounterText.render(timeline, "in flight", 1, "limit").startsWith("1 |" + "-".repeat(CounterText.WIDTH) + "  limit\n"));
    }
}
