package course.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimelinePictureTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void drawsOneRowPerThreadInTheColourOfItsWork() throws Exception {
        var timeline = Timeline.start();
        List<String> kinds = List.of("alpha", "bravo", "charlie");
        var together = new CyclicBarrier(kinds.size()); // so the spans overlap in time
        List<Thread> threads = new ArrayList<>();
        for (String kind : kinds) {
            threads.add(Thread.ofPlatform().name("thread " + kind).start(() -> {
                try (var span = timeline.span(kind + " 1")) {
                    together.await();
                    Thread.sleep(20);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        timeline.stop();

        BufferedImage image = TimelinePicture.draw(timeline);
        var layout = TimelinePicture.layout(timeline, null, TimelinePicture.DEFAULT_WIDTH);
        var legend = new Legend(timeline.events());
        assertEquals(List.of("thread alpha", "thread bravo", "thread charlie"),
                layout.rows().stream().map(TimelinePicture.Row::lane).sorted().toList());
        for (var span : timeline.events()) {
            var row = layout.row(span.lane());
            // near the bar's right end: clear of its label (left) and its outline
            int x = layout.x(span.endNanos()) - 4, y = row.barTop() + 4;
            assertEquals(legend.of(span.label()).colour().getRGB(), image.getRGB(x, y), span.lane());
        }
    }

    @Test
    void isAsWideAsAskedAndAsTallAsItsLayout() {
        Timeline timeline = Scenes.downloadsAndAPhilosopher();
        for (int width : new int[] {300, 900, 1400}) {
            BufferedImage image = TimelinePicture.draw(timeline, "Cats", width);
            var layout = TimelinePicture.layout(timeline, "Cats", width);
            assertEquals(width, image.getWidth());
            assertEquals(layout.height(), image.getHeight());
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
            assertEquals(4, layout.rows().size());
        }
    }

    @Test
    void leavesRoomForATitle() {
        Timeline timeline = Scenes.downloadsAndAPhilosopher();
        assertTrue(TimelinePicture.draw(timeline, "Cats").getHeight() > TimelinePicture.draw(timeline).getHeight());
    }

    @Test
    void drawsEmptyAndSingleEventTimelinesHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs with -Djava.awt.headless=true");
        for (Timeline timeline : List.of(Scenes.empty(), Scenes.oneMark(), Scenes.oneOpenSpan())) {
            BufferedImage image = TimelinePicture.draw(timeline);
            assertEquals(TimelinePicture.DEFAULT_WIDTH, image.getWidth());
            assertTrue(image.getHeight() > 50);
        }
    }

    @Test
    void refusesAWidthTooNarrowToRead() {
        assertThrows(IllegalArgumentException.class, () -> TimelinePicture.draw(Scenes.empty(), null, 299));
    }
}
