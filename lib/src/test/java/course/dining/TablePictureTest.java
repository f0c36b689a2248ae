package course.dining;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TablePictureTest {

    private static final List<String> FIVE = List.of("philosopher 0", "philosopher 1", "philosopher 2", "philosopher 3", "philosopher 4");

    /** Everyone holds his left fork and waits for his right: the note's picture. */
    private static final TableState DEADLOCK = new TableState(FIVE, List.of(0, 1, 2, 3, 4), List.of(1, 2, 3, 4, 0));

    @Test
    void theNotesPictureIsACircleOfWaiting() {
        assertEquals(List.of(0, 1, 2, 3, 4), DEADLOCK.cycle());
        assertTrue(DEADLOCK.toString().contains("philosopher 0  holds fork 0, waits for fork 1 (held by philosopher 1)"), DEADLOCK.toString());
        assertTrue(DEADLOCK.toString().contains("a circle of waiting: philosopher 0 -> philosopher 1 -> philosopher 2 -> philosopher 3 -> philosopher 4 -> philosopher 0"));
    }

    @Test
    void noCircleWhenOneFindsItsForkOnTheTable() {
        var state = new TableState(FIVE, List.of(0, 1, 2, 3, TableState.NOBODY), List.of(1, 2, 3, 4, TableState.NOTHING));
        assertEquals(List.of(), state.cycle());
        assertTrue(state.toString().contains("philosopher 4  holds no fork"), state.toString());
    }

    @Test
    void drawsPlatesForksAndRedArrows() {
        BufferedImage image = TablePicture.draw(DEADLOCK, "deadlock");
        int red = 0, wood = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0xD32F2F) red++;
                if (rgb == 0xD7B48A) wood++;
            }
        }
        assertTrue(red > 200, "the waits-for arrows are drawn: " + red);
        assertTrue(wood > 40_000, "the table is drawn: " + wood);
        BufferedImage calm = TablePicture.draw(new TableState(FIVE, List.of(-1, -1, -1, -1, -1), List.of(-1, -1, -1, -1, -1)), null);
        assertNotNull(calm);
    }

    @Test
    void readsTheLiveForks() throws Exception {
        var forks = Fork.set(2);
        var held = new java.util.concurrent.CountDownLatch(1);
        var done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            forks.get(1).lock();
            held.countDown();
            try {
                done.await();
            } catch (InterruptedException ignored) {
            } finally {
                forks.get(1).unlock();
            }
        }, "philosopher 0");
        Thread other = new Thread(() -> { }, "philosopher 1");
        holder.start();
        held.await();
        var state = TableState.of(forks, List.of(holder, other));
        done.countDown();
        holder.join();
        assertEquals(List.of(-1, 0), state.holderOf());
        assertEquals("fork 1", forks.get(1).toString());
    }
}
