package course.show;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TimingTest {

    @Test
    void keepsTheMedianFastestAndSlowestRun() throws Exception {
        int[] run = {0};
        long[] sleeps = {30, 1, 10};  // ms
        var stats = Timing.micros(3, () -> Thread.sleep(sleeps[run[0]++]));
        assertEquals(3, stats.runs());
        assertTrue(stats.min() >= 1_000 && stats.min() < 10_000, "min " + stats.min());
        assertTrue(stats.median() >= 10_000 && stats.median() < 30_000, "median " + stats.median());
        assertTrue(stats.max() >= 30_000, "max " + stats.max());
    }

    @Test
    void saysHowBusyTheMachineWasOrNothing() {
        String load = Timing.load();
        assertTrue(load.isEmpty() || load.matches("load average [0-9]+[.,][0-9] on [0-9]+ cores"), load);
    }
}
