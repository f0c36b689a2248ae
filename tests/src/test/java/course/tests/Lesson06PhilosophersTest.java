package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Lesson 06 through its script: the deadlock every time, found and undone; the fixes never; the note's flaws caught. */
class Lesson06PhilosophersTest {

    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\S+), (\\d+) philosophers, (\\d+) run\\(s\\) of at most (\\d+) ms: "
            + "deadlocked in (\\d+) of \\d+ \\(found after at most (\\d+) ms\\), everyone ate in (\\d+) of \\d+ \\((\\d+) meals in all\\), "
            + "threads left running in (\\d+)$");

    private static Course.Run philosophers(String... args) throws Exception {
        var command = new ArrayList<>(List.of("philosophers"));
        command.addAll(List.of(args));
        return Course.jbang(Duration.ofSeconds(150), command.toArray(String[]::new));
    }

    private static Matcher summary(Course.Run run) {
        Matcher m = SUMMARY.matcher(run.out());
        assertTrue(m.find(), "no summary line\n" + run.all());
        return m;
    }

    /**
     * What the deadlock demo promises, for a run of {@code runs} naive dinners: a deadlock in every one, found
     * within 1 s, nothing left running. Returns what is wrong, empty when all holds.
     */
    static List<String> deadlockFoundAndUndoneEveryRun(Course.Run run, int runs) {
        List<String> wrong = new ArrayList<>();
        if (run.exit() != 0) wrong.add("exit " + run.exit());
        Matcher m = SUMMARY.matcher(run.out());
        if (!m.find()) return List.of("no summary line");
        if (Integer.parseInt(m.group(5)) != runs) wrong.add("deadlocked in " + m.group(5) + " of " + runs + " runs");
        if (Long.parseLong(m.group(6)) > 1000) wrong.add("found only after " + m.group(6) + " ms");
        if (!m.group(9).equals("0")) wrong.add("threads left running in " + m.group(9) + " runs");
        if (!run.out().contains("Found one Java-level deadlock:")) wrong.add("no deadlock report");
        if (!run.out().contains("a circle of waiting: philosopher 0 -> philosopher 1")) wrong.add("no table at the deadlock");
        if (!run.out().contains("Nothing left running")) wrong.add("the leftovers check did not pass");
        return wrong;
    }

    @Test
    @Timeout(180)
    void naiveTableDeadlocksInTwentyRunsOfTwentyAndTheWatchdogEndsEveryOne() throws Exception {
        var run = philosophers("--strategy", "naive", "--repeat", "20");
        assertEquals(List.of(), deadlockFoundAndUndoneEveryRun(run, 20), run.all());
        assertTrue(run.took().toSeconds() < 120, "took " + run.took());
    }

    @Test
    @Timeout(180)
    void theDeadlockCheckFailsAWatchdogThatNeverFires() throws Exception {
        // With the watchdog's detector switched off only the time limit ends the dinner: the check above must say so
        var run = philosophers("--strategy", "naive", "--repeat", "2", "--seconds", "0.5", "--watchdog", "off");
        List<String> wrong = deadlockFoundAndUndoneEveryRun(run, 2);
        assertTrue(wrong.contains("deadlocked in 0 of 2 runs"), wrong + "\n" + run.all());
        assertTrue(wrong.contains("no deadlock report"), wrong.toString());
        assertEquals("0", summary(run).group(9), "the time limit still ends every dinner\n" + run.all());
        assertTrue(run.out().contains("Nothing left running"), run.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordered", "waiter", "polite"})
    @Timeout(180)
    void everySolutionRunsTenTimesWithNoDeadlockAndEveryoneEats(String strategy) throws Exception {
        var run = philosophers("--strategy", strategy, "--repeat", "10", "--seconds", "0.5");
        assertEquals(0, run.exit(), run.all());
        Matcher m = summary(run);
        assertEquals("0", m.group(5), "deadlocks\n" + run.all());
        assertEquals("10", m.group(7), "runs in which every philosopher ate\n" + run.all());
        assertEquals("0", m.group(9), run.all());
        assertFalse(run.out().contains("Found one Java-level deadlock"), run.all());
    }

    @Test
    @Timeout(180)
    void solutionsHoldAtOtherTableSizes() throws Exception {
        for (String size : List.of("2", "7")) {
            var run = philosophers("--strategy", "ordered", "--philosophers", size, "--repeat", "3", "--seconds", "0.5");
            Matcher m = summary(run);
            assertEquals(List.of("0", "3"), List.of(m.group(5), m.group(7)), run.all());
            var naive = philosophers("--strategy", "naive", "--philosophers", size, "--repeat", "3");
            assertEquals("3", summary(naive).group(5), naive.all());
        }
    }

    @Test
    @Timeout(180)
    void lockstepPolitenessIsALivelockThatTheTimeLimitEnds() throws Exception {
        var run = philosophers("--strategy", "lockstep", "--repeat", "3", "--seconds", "0.5");
        assertEquals(0, run.exit(), run.all());
        Matcher m = summary(run);
        assertEquals("0", m.group(5), "a livelock is not a deadlock\n" + run.all());
        assertEquals("0", m.group(8), "nobody eats in lockstep\n" + run.all());
        assertEquals("0", m.group(9), run.all());
    }

    @Test
    @Timeout(180)
    void theNotesSolutionIsCaughtReleasingAForkItDoesNotHoldAndActingOnAStaleCheck() throws Exception {
        var run = philosophers("--strategy", "note", "--repeat", "5");
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("the check said free but the fork was taken in 5 of 5 runs"), run.all());
        assertTrue(run.out().contains("caught releasing a fork it does not hold in 5 of 5 runs"), run.all());
        assertTrue(run.out().contains("philosopher 1 released fork 1, held by philosopher 0: IllegalMonitorStateException"), run.all());
        assertTrue(run.err().isBlank(), "no stack trace, no error output\n" + run.all());
    }

    @Test
    @Timeout(180)
    void theTourShowsEveryDemoAndComparesTheSolutions() throws Exception {
        var run = philosophers("--seconds", "0.5");
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.err().isBlank(), run.all());
        for (String seen : List.of("Found one Java-level deadlock:", "a circle of waiting:", "lock() waited",
                "IllegalMonitorStateException", "0 meals in", "Nothing left running")) {
            assertTrue(run.out().contains(seen), "missing: " + seen + "\n" + run.all());
        }
        assertTrue(Pattern.compile("(?m)^naive +deadlock at \\d+ ms +\\d+ +\\d+ +0 +\\d+ +\\d+$").matcher(run.out()).find(), run.all());
        assertTrue(Pattern.compile("(?m)^lockstep +time limit +0 ").matcher(run.out()).find(), run.all());
        for (String solution : List.of("ordered", "waiter", "polite")) {
            var row = Pattern.compile("(?m)^" + solution + " +time limit +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$").matcher(run.out());
            assertTrue(row.find(), solution + " row\n" + run.all());
            assertTrue(Integer.parseInt(row.group(3)) > 0, solution + ": somebody starved\n" + run.all());
            assertTrue(Integer.parseInt(row.group(1)) > Integer.parseInt(row.group(2)) / 4, solution + ": under a quarter of the ideal\n" + run.all());
        }
    }
}
