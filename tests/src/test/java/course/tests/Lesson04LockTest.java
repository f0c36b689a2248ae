package course.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Lesson 04 through its script: the race shows on every run, the fixes on none, and the lock's rules hold. */
class Lesson04LockTest {

    static Course.Run defaults;

    @BeforeAll
    @Timeout(240)
    static void runTheLessonWithItsDefaults() throws Exception {
        defaults = Course.jbang(Duration.ofSeconds(200), "locks", "--repeat", "20");
        assertEquals(0, defaults.exit(), defaults.all());
    }

    /** The row of a way in the "runs that lost updates" table: {runs, runs that lost}. */
    static int[] lostRow(Course.Run run, String way) {
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(way) + " +([0-9]+) +([0-9]+) +-?[0-9]+ +-?[0-9]+$").matcher(run.out());
        assertTrue(row.find(), way + " row missing\n" + run.all());
        return new int[] {Integer.parseInt(row.group(1)), Integer.parseInt(row.group(2))};
    }

    @Test
    void theRaceLosesUpdatesInEachOfTwentyRuns() {
        assertArrayEquals(new int[] {20, 20}, lostRow(defaults, "unsynchronized, paused 1 in 1000 (wrong)"), defaults.all());
    }

    @Test
    void noFixEverLosesAnUpdateInTwentyRuns() {
        for (String fix : new String[] {"synchronized", "ReentrantLock", "AtomicLong", "LongAdder"}) {
            assertArrayEquals(new int[] {20, 0}, lostRow(defaults, fix), fix + "\n" + defaults.all());
        }
    }

    @Test
    @Timeout(120)
    void theRaceShowsEveryRunWithTheSmallestSettingsToo() throws Exception {
        var run = Course.jbang(Duration.ofSeconds(100), "locks", "--threads", "2", "--increments", "100000", "--repeat", "20", "--hold", "10");
        assertEquals(0, run.exit(), run.all());
        assertArrayEquals(new int[] {20, 20}, lostRow(run, "unsynchronized, paused 1 in 1000 (wrong)"), run.all());
        assertArrayEquals(new int[] {20, 0}, lostRow(run, "LongAdder"), run.all());
    }

    @Test
    void inSlowMotionTwoThreadsMakeSixIncrementsCountThree() {
        assertTrue(defaults.out().contains("6 increments, count = 3"), defaults.all());
    }

    @Test
    void theCostTableHasAMeasuredRowForEveryWay() {
        for (String way : new String[] {"unsynchronized (wrong)", "synchronized", "ReentrantLock", "AtomicLong", "LongAdder"}) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(way) + "( +[0-9]+\\.[0-9]){3}( +[0-9.]+x){3}$").matcher(defaults.out()).find(),
                    way + " cost row missing\n" + defaults.all());
        }
    }

    @Test
    void whoChecksThenLocksWaitsForTheForkAndTryLockNeverWaits() {
        Matcher waited = Pattern.compile("both saw it free; one took it, the other waited ([0-9]+) ms").matcher(defaults.out());
        assertTrue(waited.find(), defaults.all());
        assertTrue(Integer.parseInt(waited.group(1)) >= 150, "held 200 ms: " + waited.group());
        Matcher tried = Pattern.compile("learned it was taken after ([0-9]+) ms").matcher(defaults.out());
        assertTrue(tried.find(), defaults.all());
        assertTrue(Integer.parseInt(tried.group(1)) < 100, tried.group());
    }

    @Test
    void aNeighbourCannotUnlockTheOwnersFork() {
        assertTrue(defaults.out().contains("tried fork.unlock(): IllegalMonitorStateException; still locked: true, by us: false"), defaults.all());
        assertFalse(defaults.out().contains("should never print"), defaults.all());
    }

    @Test
    void reentrancyTryLockAndFairnessBehaveAsDocumented() {
        String out = defaults.out();
        assertTrue(out.contains("locked twice by one thread: hold count 2"), out);
        assertTrue(Pattern.compile("tryLock\\(50 ms\\) while another thread holds it 200 ms: false after [0-9]+ ms").matcher(out).find(), out);
        assertTrue(out.contains("new ReentrantLock(true): we unlocked and locked again ahead of a waiting thread in 0 of 20 tries"), out);
    }
}
