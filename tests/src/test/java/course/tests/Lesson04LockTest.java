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
 * none, the staging inflates the loss, every way's cost is measured, check-then-act loads twice and
 * computeIfAbsent never, and the lock's rules (owner, reentrancy, timeout, fairness) hold. Then its notebook's
 * exercise check, given a bank that locks its transfers but not its total.
 */
class Lesson04LockTest {

    static final String RACE = "unsynchronized, paused 1 in 1000 (wrong)";
    static final List<String> FIXES = List.of("synchronized", "ReentrantLock", "AtomicLong", "LongAdder");
    static final String LOADED_TWICE = "a value loaded twice";

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
        var variants = Course.outcomes(results).stream().filter(o -> o.check().equals("lost updates")).map(Course.Outcome::variant).toList();
        assertEquals(Stream.concat(Stream.of(RACE), FIXES.stream()).toList(), variants);
        double losing = Course.measure(results, "runs that lost updates", Map.of("variant", "full speed"));
        assertTrue(losing >= 0 && losing <= 20, "runs that lost updates at full speed: " + losing);
        assertEquals(20.0, Course.measure(results, "runs that lost updates", Map.of("variant", "paused 1 in 1000 (staged)")));
    }

    @Test
    void theStagingInflatesTheLossItMakesCertain() throws Exception {
        // the notebook says: compare the two median columns; the staged pause is far longer than the 1 us it asks for
        double staged = Course.measure(results, "median % lost", Map.of("variant", "paused 1 in 1000 (staged)"));
        double fullSpeed = Course.measure(results, "median % lost", Map.of("variant", "full speed"));
        assertTrue(staged > fullSpeed, "median lost: staged " + staged + "%, full speed " + fullSpeed + "%");
        double pauseUs = Course.measure(results, "staged pause us", Map.of("asked us", 1));
        assertTrue(pauseUs >= 10, "parkNanos(1_000) paused a median " + pauseUs + " us");
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
        for (String way : Stream.concat(Stream.of("volatile, unsynchronized (wrong)"), FIXES.stream()).toList()) {
            for (int threads : new int[] {1, 2, 4}) {
                double ns = Course.measure(results, "ns per increment", Map.of("way", way, "threads", threads));
                assertTrue(ns > 0 && Double.isFinite(ns), way + " with " + threads + " threads: " + ns + " ns");
            }
        }
    }

    @Test
    void checkThenActLoadsTwiceInEveryRunAndComputeIfAbsentNever() throws Exception {
        var outcomes = Course.outcomes(results).stream().filter(o -> o.check().equals(LOADED_TWICE)).toList();
        assertEquals(2, outcomes.size(), outcomes.toString());
        var broken = outcomes.getFirst();
        assertEquals("get, then put (wrong)", broken.variant());
        assertEquals("HAZARD", broken.expect());
        assertEquals(20, broken.showed(), broken.toString());
        var fixed = outcomes.get(1);
        assertEquals("computeIfAbsent", fixed.variant());
        assertEquals("NO_HAZARD", fixed.expect());
        assertEquals(0, fixed.showed(), fixed.toString());
        assertTrue(broken.asDeclared() && fixed.asDeclared(), outcomes.toString());
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
    void aFairLockNeverLetsLockBargeAheadOfItsWaiterButTryLockDoes() throws Exception {
        // the notebook says: the unfair lock let us in first in most tries, the fair one never with lock(), and
        // in most tries with tryLock()
        assertEquals(0.0, Course.measure(results, "barged", Map.of("fair", true, "call", "lock()", "tries", 20)));
        double unfair = Course.measure(results, "barged", Map.of("fair", false, "call", "lock()", "tries", 20));
        assertTrue(unfair > 10, "unfair lock barged in " + unfair + " of 20");
        double fairTryLock = Course.measure(results, "barged", Map.of("fair", true, "call", "tryLock()", "tries", 20));
        assertTrue(fairTryLock > 10, "tryLock() on a fair lock barged in " + fairTryLock + " of 20");
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
        assertTrue(out.contains("Observed, not declared: the staged counter next to the same counter at full speed"), defaults.all());
        assertEquals("", defaults.err(), defaults.all());
    }

    /** A copy of section 2's LockedCounter applied to transfer only: every coin stays, but total() reads unlocked. */
    static final String HALF_LOCKED_BANK = """
            class Bank {
                private final ReentrantLock lock = new ReentrantLock();
                private final long[] balances;

                Bank(int accounts, long each) {
                    balances = new long[accounts];
                    Arrays.fill(balances, each);
                }

                void transfer(int from, int to, long amount) {
                    lock.lock();
                    try {
                        long fromBalance = balances[from];
                        long toBalance = balances[to];
                        if (from != to && fromBalance >= amount) {
                            approve(amount);
                            balances[from] = fromBalance - amount;
                            balances[to] = toBalance + amount;
                        }
                    } finally {
                        lock.unlock();
                    }
                }

                long total() {
                    long sum = 0;
                    for (long balance : balances) sum += balance;
                    return sum;
                }

                long lowest() {
                    return Arrays.stream(balances).min().orElse(0);
                }
            }
            """;

    @Test
    @Timeout(300)
    void theExerciseCheckFailsABankThatLocksItsTransfersButNotItsTotal(@TempDir Path dir) throws Exception {
        Path attempt = dir.resolve("half-locked.java");
        java.nio.file.Files.writeString(attempt, HALF_LOCKED_BANK);
        var run = Course.run(Duration.ofMinutes(5), List.of(Course.python(), "tools/run_notebooks.py", "--cell-timeout", "90",
                "--exercise", attempt.toString(), "notebooks/04_lock.ipynb"));
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains(": ❌ not yet") && run.out().contains("the auditor added up"),
                "the check passes a bank whose total() skips the lock\n" + run.all());
        assertFalse(run.out().contains("money lost"), "the half-locked bank must keep every coin\n" + run.all());
    }

    @Test
    void theModelCheckerFindsTheLostUpdateAndCheckThenActByItselfAndPassesTheirFixes() throws IOException {
        var outcomes = Course.outcomes(results).stream().filter(o -> o.check().equals("a failing order found")).toList();
        assertEquals(List.of("counter++ (wrong)/HAZARD/1", "synchronized increment()/NO_HAZARD/0",
                        "get, then put (wrong)/HAZARD/1", "computeIfAbsent/NO_HAZARD/0"),
                outcomes.stream().map(o -> o.variant() + "/" + o.expect() + "/" + o.showed()).toList(), defaults.all());
        var checked = Course.results(results).stream().filter(r -> "model check".equals(r.get("kind"))).toList();
        assertEquals(List.of("FAILED", "PASSED", "FAILED", "PASSED"), checked.stream().map(r -> r.get("outcome")).toList());
        assertEquals("holds() is false", checked.getFirst().get("failure"));
    }
}
