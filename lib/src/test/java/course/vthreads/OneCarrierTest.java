package course.vthreads;

import course.procs.ChildRun;
import course.procs.JavaLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class OneCarrierTest {

    static final List<String> ONE_CARRIER = List.of("-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void onOneCarrierASpinningVirtualThreadStarvesTheTickerAndASleepingOneDoesNot() throws Exception {
        var child = ChildRun.run(JavaLauncher.command(ONE_CARRIER, OneCarrier.class, "400", "spin", "sleep"), Duration.ofSeconds(30));
        assertEquals(0, child.exitCode(), child.output().toString());
        var report = OneCarrier.read(child.output());
        assertEquals(Runtime.version().toString(), report.jdk(), "the child runs on our JDK");
        assertEquals("1", report.parallelism());
        var spin = report.results().get(0);
        var sleep = report.results().get(1);
        assertEquals(OneCarrier.Hog.SPIN, spin.hog());
        assertEquals(0, spin.ticksWhileHogging(), spin.toString());
        assertTrue(spin.starved() && spin.longestGapMs() >= 350, spin.toString());
        assertEquals(List.of(spin.carriers().getFirst()), spin.carriers(), "one carrier: " + spin);
        assertFalse(sleep.starved(), sleep.toString());
        assertTrue(sleep.ticksWhileHogging() >= 10, sleep.toString());
        assertEquals(List.of("ticker", "hog"), report.timeline().lanes());
        assertTrue(report.table().toString().contains("STARVED"));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theStarvationShowsInEveryOneOfTwentyRunsAndSleepingNeverStarves() throws Exception {
        int starved = 0;
        int sleepStarved = 0;
        for (int run = 0; run < 20; run++) {
            var child = ChildRun.run(JavaLauncher.command(ONE_CARRIER, OneCarrier.class, "150", "spin", "sleep"), Duration.ofSeconds(30));
            assertEquals(0, child.exitCode(), child.output().toString());
            var report = OneCarrier.read(child.output());
            if (report.results().get(0).starved()) starved++;
            if (report.results().get(1).starved()) sleepStarved++;
        }
        assertEquals(20, starved, "a spinning virtual thread on one carrier starved the ticker in " + starved + " of 20 runs");
        assertEquals(0, sleepStarved, "a sleeping one starved it in " + sleepStarved + " of 20 runs");
    }

    @Test
    void readRefusesAChildThatDidNotFinish() {
        var e = assertThrows(IllegalStateException.class, () -> OneCarrier.read(List.of("[12] jdk 25 parallelism 1 cores 2")));
        assertTrue(e.getMessage().contains("did not finish"));
    }
}
