package course.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 04 through its script, read from its {@code --results} file: the race shows in every run, the fixes in
 * none, every way's cost is measured, and the lock's rules (owner, reentrancy, timeout, fairness) hold.
 */
class Lesson04LockTest {

    static final String RACE = "unsynchronized, paused 1 in 1000 (wrong)";
    static final List<String> FIXES = List.of("synchronized", "ReentrantLock", "AtomicLong", "LongAdder");

    @TempDir
    static Path folder;
    static Course.Run defaults;
    static Path results;

    @BeforeAll
    @Timeout(240)
    static void runTheLessonWithItsDefaults() throws Exception {
        results = folder.resolve("defaults.jsonl");
        defaults = Course.jbang(Duration.ofSeconds(200), "locks", "--repeat", "20", "--results", results.toString());
        assertEquals(0, defaults.exit(), defaults.all());
    }

    static Course.Outcome outcome(Path file, String variant) throws IOException {
        return Course.outcomes(file).stream().filter(o -> o.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for '" + variant + "' in " + file));
    }

    static Stream<Map<String, Object>> records(Path file, String kind) throws IOException {
        return Course.results(file).stream().filter(r -> kind.equals(r.get("kind")));
    }

    static void assertShowedInEveryRun(Path file, String variant, int runs) throws IOException {
        var race = outcome(file, variant);
        assertEquals("HAZARD", race.expect(), race.toString());
        assertEquals(runs, race.runs(), race.toString());
        assertEquals(runs, race.showed(), race.toString());
        assertTrue(race.asDeclared(), race.toString());
    }

    static void assertNeverShowed(Path file, String variant, int runs) throws IOException {
        var fix = outcome(file, variant);
        assertEquals("NO_HAZARD", fix.expect(), fix.toString());
        assertEquals(runs, fix.runs(), fix.toString());
        assertEquals(0, fix.showed(), fix.toString());
        assertTrue(fix.asDeclared(), fix.toString());
    }

    @Test
    void theRaceLosesUpdatesInEachOfTwentyRuns() throws Exception {
        assertShowedInEveryRun(results, RACE, 20);
    }

    @Test
    void noFixEverLosesAnUpdateInTwentyRuns() throws Exception {
        for (String fix : FIXES) assertNeverShowed(results, fix, 20);
    }

    @Test
    void theFullSpeedRaceIsCountedButNeverDeclared() throws Exception {
        var variants = Course.outcomes(results).stream().map(Course.Outcome::variant).toList();
        assertEquals(Stream.concat(Stream.of(RACE), FIXES.stream()).toList(), variants);
        double losing = Course.measure(results, "runs that lost updates", Map.of("variant", "full speed"));
        assertTrue(losing >= 0 && losing <= 20, "runs that lost updates at full speed: " + losing);
    }

    @Test
    @Timeout(150)
    void theRaceShowsEveryRunWithTheSmallestSettingsToo(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small.jsonl");
        var run = Course.jbang(Duration.ofSeconds(120), "locks", "--threads", "2", "--increments", "100000", "--repeat", "20",
                "--hold", "10", "--results", small.toString());
        assertEquals(0, run.exit(), run.all());
        assertShowedInEveryRun(small, RACE, 20);
        for (String fix : FIXES) assertNeverShowed(small, fix, 20);
    }

    @Test
    void inSlowMotionTwoThreadsMakeSixIncrementsCountThree() throws Exception {
        assertEquals(3.0, Course.measure(results, "slow motion count", Map.of("increments", 6)));
    }

    @Test
    void theCostOfEveryWayIsMeasuredWithOneTwoAndFourThreads() throws Exception {
        for (String way : Stream.concat(Stream.of("unsynchronized (wrong)"), FIXES.stream()).toList()) {
            for (int threads : new int[] {1, 2, 4}) {
                double ns = Course.measure(results, "ns per increment", Map.of("way", way, "threads", threads));
                assertTrue(ns > 0 && Double.isFinite(ns), way + " with " + threads + " threads: " + ns + " ns");
            }
        }
    }

    @Test
    void whoChecksThenLocksWaitsForTheForkAndTryLockNeverWaits() throws Exception {
        double waited = Course.measure(results, "waited for the fork ms", Map.of("way", "check, then lock()", "hold ms", 200));
        assertTrue(waited >= 150, "held 200 ms, waited " + waited + " ms");
        double tried = Course.measure(results, "waited for the fork ms", Map.of("way", "tryLock()", "hold ms", 200));
        assertTrue(tried < 100, "tryLock waited " + tried + " ms");
    }

    @Test
    void aNeighbourCannotUnlockTheOwnersFork() throws Exception {
        var ownership = records(results, "ownership").toList();
        assertEquals(List.of(Map.of("kind", "ownership", "threw", "IllegalMonitorStateException", "stillLocked", true, "heldByUs", false)),
                ownership);
    }

    @Test
    void theHolderOfAReentrantLockTakesItAgainAndReleasesItAsOften() throws Exception {
        var reentrancy = records(results, "reentrancy").toList();
        assertEquals(1, reentrancy.size(), reentrancy.toString());
        assertTrue(Course.same(reentrancy.getFirst().get("holdCount"), 2), reentrancy.toString());
        assertEquals(false, reentrancy.getFirst().get("lockedAfter"), reentrancy.toString());
    }

    @Test
    void tryLockGivesUpAtItsTimeoutAndGetsTheLockOnceItIsFree() throws Exception {
        var tries = records(results, "tryLock").toList();
        assertEquals(2, tries.size(), tries.toString());
        var shorter = tries.getFirst();     // 50 ms, while another thread holds the lock 200 ms
        assertTrue(Course.same(shorter.get("timeoutMs"), 50) && Course.same(shorter.get("holdMs"), 200), shorter.toString());
        assertEquals(false, shorter.get("got"), shorter.toString());
        assertTrue(((Number) shorter.get("afterMs")).doubleValue() >= 50, "gave up before its timeout: " + shorter);
        var longer = tries.get(1);          // 1000 ms: the holder lets go first
        assertTrue(Course.same(longer.get("timeoutMs"), 1000), longer.toString());
        assertEquals(true, longer.get("got"), longer.toString());
        assertTrue(((Number) longer.get("afterMs")).doubleValue() < 1000, longer.toString());
    }

    @Test
    void aFairLockNeverLetsUsBargeAheadOfItsWaiter() throws Exception {
        assertEquals(0.0, Course.measure(results, "barged", Map.of("fair", true, "tries", 20)));
        double unfair = Course.measure(results, "barged", Map.of("fair", false, "tries", 20));
        assertTrue(unfair >= 0 && unfair <= 20, "unfair lock barged in " + unfair + " of 20");
    }

    @Test
    void theHumanOutputTellsEachSectionWithItsVerdicts() {
        String out = defaults.out();
        for (String section : List.of("1. The race", "In slow motion", "2. The fixes", "What each costs under contention",
                "3. Check-then-act", "4. Ownership", "5. Reentrancy, tryLock with a timeout, fairness")) {
            assertTrue(out.contains(section), "no section '" + section + "'\n" + defaults.all());
        }
        assertTrue(out.contains("as declared"), defaults.all());
        assertFalse(out.contains("NOT AS DECLARED"), defaults.all());
        assertTrue(out.contains("Observed, not declared: at full speed"), defaults.all());
        assertEquals("", defaults.err(), defaults.all());
    }
}
