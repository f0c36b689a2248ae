package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterChartTest {

    @Test
    void drawsACounterWithItsLimit() {
        var clock = new FakeClock();
        var timeline = Timeline.start(clock);
        for (int inFlight : new int[] {1, 2, 3, 4, 3, 4, 2, 0}) {
            timeline.count("in flight", inFlight);
            clock.advanceMillis(5);
        }
        timeline.stop();
        assertSize(CounterChart.draw("Requests in flight", timeline, "in flight", 4, "semaphore permits = 4"));
        assertSize(CounterChart.draw("Requests in flight", timeline, "in flight", 4));
        assertSize(CounterChart.draw(null, timeline, "in flight"));
    }

    @Test
    void drawsACounterWithNoSamplesOrOnlyOne() {
        var oneSample = Timeline.start(new FakeClock());
        oneSample.count("in flight", 3);
        oneSample.stop();
        for (Timeline timeline : List.of(Scenes.empty(), oneSample)) {
            assertSize(CounterChart.draw("nothing much", timeline, "in flight", 4));
            assertSize(CounterChart.draw("nothing much", timeline, "in flight"));
        }
    }

    private static void assertSize(BufferedImage image) {
        assertEquals(CounterChart.WIDTH, image.getWidth());
        assertEquals(CounterChart.HEIGHT, image.getHeight());
    }
}
