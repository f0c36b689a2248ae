package course.show;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class SpreadTest {

    @Test
    void throwsAwayTheWarmUpAndKeepsMedianMinAndMax() throws Exception {
        double[] values = {1000, 5, 1, 3};  // the first, 1000, is the warm-up
        var i = new AtomicInteger();
        var spread = Spread.of(3, () -> values[i.getAndIncrement()]);
        assertEquals(new Spread(3, 3, 1, 5), spread);
        assertEquals(4, i.get());
    }

    @Test
    void anEvenNumberOfRunsHasTheMiddlePairsMeanAsMedian() throws Exception {
        double[] values = {0, 4, 2, 8, 6};
        var i = new AtomicInteger();
        assertEquals(5, Spread.of(4, () -> values[i.getAndIncrement()]).median());
        assertThrows(IllegalArgumentException.class, () -> Spread.of(0, () -> 1));
    }
}
