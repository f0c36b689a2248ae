package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterChartTest {

    private static final Color WHITE = Color.WHITE, RED = new Color(0xD32F2F);
    private static final Color FILL_ON_WHITE = new Color( // 0x4E79A7 at alpha 60 over white
            blend(0x4E), blend(0x79), blend(0xA7));

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

    @Test
    void fillsUnderTheCounterWhileItIsUpAndDrawsTheLimitAcross() {
        var clock = new FakeClock();
        var timeline = Timeline.start(clock);
        clock.advanceMillis(10);
        timeline.count("in flight", 5);
        clock.advanceMillis(20);
        timeline.count("in flight", 0);
        clock.advanceMillis(10);
        timeline.stop();

        BufferedImage image = CounterChart.draw("up, then down", timeline, "in flight", 3);
        var layout = CounterChart.layout("up, then down", timeline, "in flight", 3L);
        int halfway = layout.y(2.5); // between grid lines, below the legend and the limit
        assertColour(FILL_ON_WHITE, image.getRGB(layout.x(20), halfway), "at 20 ms the counter is 5");
        assertColour(WHITE, image.getRGB(layout.x(5), halfway), "before the first sample the counter is 0");
        assertColour(WHITE, image.getRGB(layout.x(35), halfway), "after 30 ms the counter is 0");

        int redColumns = 0;
        for (int x = layout.left() + 1; x < layout.right(); x++) {
            for (int y = layout.y(3) - 1; y <= layout.y(3) + 1; y++) {
                if (close(RED, image.getRGB(x, y))) {
                    redColumns++;
                    break;
                }
            }
        }
        int plotWidth = layout.right() - layout.left();
        assertTrue(redColumns > plotWidth / 3, "dashed limit line: " + redColumns + " of " + plotWidth + " columns red");
    }

    @Test
    void labelsTheValueAxisInWholeNumbersWithAFewNiceSteps() {
        for (long top : new long[] {0, 1, 2, 4, 5, 9, 24, 137, 2000}) {
            var timeline = Timeline.start(new FakeClock());
            timeline.count("n", top);
            timeline.stop();
            var layout = CounterChart.layout(null, timeline, "n", null);
            long step = layout.yStep(), ticks = layout.yMax() / step + 1;
            assertTrue(layout.yMax() > top, "room above " + top + ": " + layout);
            assertTrue(List.of(1L, 2L, 5L).contains(step / (long) Math.pow(10, Math.floor(Math.log10(step)))),
                    "1, 2 or 5 times a power of ten: " + layout);
            assertTrue(ticks >= 2 && ticks <= 8, ticks + " ticks for " + top + ": " + layout);
            assertTrue(layout.y(0) - layout.y(step) >= 30, "ticks far enough apart: " + layout);
        }
    }

    private static void assertSize(BufferedImage image) {
        assertEquals(CounterChart.WIDTH, image.getWidth());
        assertEquals(CounterChart.HEIGHT, image.getHeight());
    }

    private static void assertColour(Color expected, int rgb, String where) {
        assertTrue(close(expected, rgb), where + ": expected " + expected + " but was " + new Color(rgb));
    }

    private static boolean close(Color expected, int rgb) {
        var actual = new Color(rgb);
        return Math.abs(expected.getRed() - actual.getRed()) <= 3
                && Math.abs(expected.getGreen() - actual.getGreen()) <= 3
                && Math.abs(expected.getBlue() - actual.getBlue()) <= 3;
    }

    private static int blend(int channel) {
        return Math.round(channel * 60 / 255f + 255 * (1 - 60 / 255f));
    }
}
