package course.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 01 through its script: the event loop stalls when a task hangs (every run), threads keep ticking next to a
 * spinning one, a spinning virtual thread starves its neighbour on one carrier, and the switch costs are measured.
 */
class Lesson01CooperativeTest {

    static Course.Run small;

    @BeforeAll
    @Timeout(180)
    static void runEveryDemoWithSmallSettings() throws Exception {
        small = Course.jbang(Duration.ofSeconds(150), "cooperative", "--ticks", "8", "--hog", "300",
                "--rounds", "2000", "--runs", "3");
        assertEquals(0, small.exit(), small.all());
        assertTrue(small.out().contains("Nothing left running"), small.all());
    }

    /** The part of the output under the heading that starts with {@code heading}, up to the next heading. */
    static String part(String heading) {
        String out = small.out();
        int from = out.indexOf("== " + heading);
        assertTrue(from >= 0, heading + " missing\n" + small.all());
        int to = out.indexOf("\n== ", from + 3);
        return out.substring(from, to < 0 ? out.length() : to);
    }

    @Test
    void theWellBehavedLoopInterleavesItsTasksWithoutAStall() {
        String calm = part("1. Cooperative");
        for (String task : new String[] {"task A", "task B", "task C"}) {
            assertTrue(Pattern.compile("(?m)^" + task + " +8 +24\\.0 ").matcher(calm).find(), task + " row\n" + calm);
        }
        assertTrue(calm.contains("stall detector: quiet, no stall"), calm);
    }

    @Test
    void theHangingTaskStallsTheLoopAndTheDetectorReportsWhereWithinTwoSeconds() {
        String hang = part("1b.");
        assertTrue(hang.contains("stall detected in 1 of 1 runs"), hang);
        Matcher silence = Pattern.compile("stall in the event loop: no beat for ([0-9]+) ms \\(limit 500 ms\\)").matcher(hang);
        assertTrue(silence.find(), hang);
        assertTrue(Integer.parseInt(silence.group(1)) < 2000, hang);
        assertTrue(hang.contains("Ticker.hang"), "the report shows where the loop was stuck\n" + hang);
        assertTrue(hang.contains("the loop's thread ended every time"), hang);
    }

    @Test
    void threadsKeepTickingNextToASpinningThreadAndThreadStopThrows() {
        String preemptive = part("2. Preemptive");
        assertTrue(preemptive.contains("stall detector: quiet, no stall"), preemptive);
        assertTrue(preemptive.contains("stop() threw java.lang.UnsupportedOperationException")
                || preemptive.contains("Thread.stop() is gone"), preemptive);
        for (String thread : new String[] {"thread A", "thread C"}) {
            // all 8 ticks done while B spun (B is stopped only after they finish)
            assertTrue(Pattern.compile("(?m)^" + thread + " +8 +24\\.0 ").matcher(preemptive).find(), thread + "\n" + preemptive);
        }
        Matcher during = Pattern.compile("while thread B spun \\(([0-9]+) ms\\), the others ticked ([0-9]+) times").matcher(preemptive);
        assertTrue(during.find(), preemptive);
        assertTrue(Integer.parseInt(during.group(2)) >= 2, preemptive);
    }

    @Test
    void onOneCarrierASpinningVirtualThreadStarvesTheTickerAndSleepingOnesDoNot() {
        String virtual = part("3. Virtual threads");
        assertTrue(virtual.contains("parallelism 1"), virtual);
        assertTrue(Pattern.compile("this JVM: JDK (\\S+); the child: JDK \\1,").matcher(virtual).find(), "the child runs on our JDK\n" + virtual);
        assertTrue(Pattern.compile("(?m)^spins on the CPU \\(never blocks\\) +0 +[0-9.]+ +\\S+ +STARVED$").matcher(virtual).find(), virtual);
        assertTrue(Pattern.compile("(?m)^sleeps \\(blocks\\) +[0-9]+ +[0-9.]+ +\\S+ +kept ticking$").matcher(virtual).find(), virtual);
        assertTrue(Pattern.compile("(?m)^sleeps inside synchronized +[0-9]+ +[0-9.]+ +\\S+ +(kept ticking|STARVED)$").matcher(virtual).find(), virtual);
    }

    @Test
    void theSwitchCostTableHasAMeasuredRowPerWayAndThreadsCostMoreThanTasks() {
        String cost = part("4. The cost");
        double[] median = new double[3];
        String[] ways = {"platform threads", "virtual threads", "event-loop tasks"};
        for (int w = 0; w < 3; w++) {
            Matcher row = Pattern.compile("(?m)^" + ways[w] + " +[0-9]+ +([0-9.]+) +[0-9.]+ +[0-9.]+ +[0-9]+x$").matcher(cost);
            assertTrue(row.find(), ways[w] + " row\n" + cost);
            median[w] = Double.parseDouble(row.group(1));
        }
        // generous: measured 40-500x on a busy 2-core VM
        assertTrue(median[0] > 5 * median[2], "a platform-thread hand-off should cost far more than a loop's\n" + cost);
    }

    @Test
    @Timeout(180)
    void theCooperativeStallShowsInEveryOneOfTwentyRunsBusyOrBlocking() throws Exception {
        for (String misbehave : new String[] {"busy", "blocking"}) {
            var run = Course.jbang(Duration.ofSeconds(120), "cooperative", "--demo", "cooperative", "--repeat", "20",
                    "--ticks", "6", "--misbehave", misbehave);
            assertEquals(0, run.exit(), run.all());
            assertTrue(run.out().contains("stall detected in 20 of 20 runs"), misbehave + "\n" + run.all());
        }
    }

    @Test
    @Timeout(180)
    void aLoopWhoseTasksAllHandOverNeverStallsInTwentyRuns() throws Exception {
        var run = Course.jbang(Duration.ofSeconds(120), "cooperative", "--demo", "cooperative", "--repeat", "20",
                "--ticks", "6", "--misbehave", "none");  // the default limit, 500 ms: a busy machine can pause a thread for 200
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("stall detected in 0 of 20 runs"), run.all());
    }
}
