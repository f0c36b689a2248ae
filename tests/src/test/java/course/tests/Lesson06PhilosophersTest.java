package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 06 through its script, read as data ({@code --results}): the naive table deadlocks in every dinner and the
 * watchdog finds and undoes it; the fixes never deadlock and feed everyone; the note's two flaws show every time
 * they are forced; philosophers polite in step livelock. A thin end-to-end layer checks exit codes and sections.
 */
class Lesson06PhilosophersTest {

    @TempDir
    Path dir;

    /** One run of the script and the results file it wrote. */
    record Run(Course.Run run, Path results) {
        String all() {
            return run.all();
        }

        Course.Outcome outcome(String check, String variant) throws Exception {
            var found = Course.outcomes(results).stream().filter(o -> o.check().equals(check) && o.variant().equals(variant)).toList();
            assertEquals(1, found.size(), "outcomes of '" + check + "' / '" + variant + "'\n" + all());
            return found.getFirst();
        }

        double measure(String name, String strategy) throws Exception {
            return Course.measure(results, name, Map.of("strategy", strategy));
        }

        boolean measured(String name, String strategy) throws Exception {
            return Course.results(results).stream().anyMatch(r -> "measure".equals(r.get("kind")) && name.equals(r.get("name"))
                    && strategy.equals(r.get("strategy")));
        }
    }

    private Run philosophers(String... args) throws Exception {
        Path results = Files.createTempFile(dir, "results", ".jsonl");
        var command = new ArrayList<>(List.of("philosophers", "--results", results.toString()));
        command.addAll(List.of(args));
        return new Run(Course.jbang(Duration.ofSeconds(150), command.toArray(String[]::new)), results);
    }

    /** The variant showed its hazard in every one of {@code runs} dinners, as it declares. */
    private static void hazardEveryRun(Course.Outcome outcome, int runs, String why) {
        assertEquals(List.of("HAZARD", runs, runs, true), List.of(outcome.expect(), outcome.runs(), outcome.showed(), outcome.asDeclared()),
                why + ": " + outcome);
    }

    /** The variant never showed the hazard in {@code runs} dinners, as it declares. */
    private static void neverInRuns(Course.Outcome outcome, int runs, String why) {
        assertEquals(List.of("NO_HAZARD", runs, 0, true), List.of(outcome.expect(), outcome.runs(), outcome.showed(), outcome.asDeclared()),
                why + ": " + outcome);
    }

    @Test
    @Timeout(180)
    void naiveTableDeadlocksInTwentyRunsOfTwentyAndTheWatchdogEndsEveryOne() throws Exception {
        var run = philosophers("--strategy", "naive", "--repeat", "20");
        assertEquals(0, run.run().exit(), run.all());
        hazardEveryRun(run.outcome("deadlock", "naive (wrong)"), 20, "the naive table deadlocks in every dinner");
        assertTrue(run.measure("deadlock found after ms", "naive") <= 1000, "found only after " + run.measure("deadlock found after ms", "naive") + " ms");
        assertEquals(0, run.measure("fewest meals", "naive"), "nobody eats before the deadlock: it comes on the first round");
        for (String seen : List.of("Found one Java-level deadlock:", "a circle of waiting: philosopher 0 -> philosopher 1", "Nothing left running")) {
            assertTrue(run.run().out().contains(seen), "missing: " + seen + "\n" + run.all());
        }
        assertTrue(run.run().took().toSeconds() < 120, "took " + run.run().took());
    }

    @Test
    @Timeout(180)
    void theDeadlockCheckFailsAWatchdogThatNeverFires() throws Exception {
        // With the watchdog's detector switched off only the time limit ends the dinner: the declaration must fail the run
        var run = philosophers("--strategy", "naive", "--repeat", "2", "--seconds", "0.5", "--watchdog", "off");
        var naive = run.outcome("deadlock", "naive (wrong)");
        assertEquals(List.of(2, 0, false), List.of(naive.runs(), naive.showed(), naive.asDeclared()), naive.toString());
        assertEquals(1, run.run().exit(), run.all());
        List<String> errors = run.run().err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, errors.size(), run.all());
        assertTrue(errors.getFirst().startsWith("philosophers: ") && errors.getFirst().contains("'naive (wrong)'")
                && errors.getFirst().contains("showed it in 0 of 2 runs"), run.all());
        assertFalse(run.measured("deadlock found after ms", "naive"), run.all());
        assertFalse(run.run().out().contains("Found one Java-level deadlock"), run.all());
        assertTrue(run.run().out().contains("Nothing left running"), "the time limit still ends every dinner\n" + run.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordered", "waiter", "polite"})
    @Timeout(180)
    void everySolutionRunsTenTimesWithNoDeadlockAndEveryoneEats(String strategy) throws Exception {
        var run = philosophers("--strategy", strategy, "--repeat", "10", "--seconds", "0.5");
        assertEquals(0, run.run().exit(), run.all());
        neverInRuns(run.outcome("deadlock", strategy), 10, strategy + " never deadlocks");
        assertTrue(run.measure("fewest meals", strategy) > 0, strategy + ": somebody never ate in one of the dinners\n" + run.all());
        assertFalse(run.run().out().contains("Found one Java-level deadlock"), run.all());
    }

    @Test
    @Timeout(240)
    void solutionsHoldAtOtherTableSizes() throws Exception {
        for (String size : List.of("2", "7")) {
            var ordered = philosophers("--strategy", "ordered", "--philosophers", size, "--repeat", "3", "--seconds", "0.5");
            assertEquals(0, ordered.run().exit(), ordered.all());
            neverInRuns(ordered.outcome("deadlock", "ordered"), 3, "ordered forks at " + size + " seats");
            assertTrue(ordered.measure("fewest meals", "ordered") > 0, ordered.all());
            var naive = philosophers("--strategy", "naive", "--philosophers", size, "--repeat", "3");
            assertEquals(0, naive.run().exit(), naive.all());
            hazardEveryRun(naive.outcome("deadlock", "naive (wrong)"), 3, "the naive table at " + size + " seats");
        }
    }

    @Test
    @Timeout(180)
    void lockstepPolitenessIsALivelockThatTheTimeLimitEnds() throws Exception {
        var run = philosophers("--strategy", "lockstep", "--repeat", "3", "--seconds", "0.5");
        assertEquals(0, run.run().exit(), run.all());
        // A run shows the hazard when philosophers never ate though no deadlock was found: a livelock, not a deadlock
        hazardEveryRun(run.outcome("livelock", "lockstep (wrong)"), 3, "nobody eats in lockstep, and nobody waits for ever");
        assertEquals(0, run.measure("meals", "lockstep"), run.all());
        assertFalse(run.measured("deadlock found after ms", "lockstep"), "a livelock is not a deadlock\n" + run.all());
    }

    @Test
    @Timeout(180)
    void theNotesSolutionIsCaughtReleasingAForkItDoesNotHoldAndActingOnAStaleCheck() throws Exception {
        var run = philosophers("--strategy", "note", "--repeat", "5");
        assertEquals(0, run.run().exit(), run.all());
        hazardEveryRun(run.outcome("the note's flaws, forced", "acts on a stale check (wrong)"), 5, "flaw 1, forced");
        hazardEveryRun(run.outcome("the note's flaws, forced", "releases a fork it does not hold (wrong)"), 5, "flaw 2, forced");
        assertTrue(run.run().out().contains("philosopher 1 released fork 1, held by philosopher 0: IllegalMonitorStateException"), run.all());
        assertTrue(run.run().out().contains("philosopher 0: the check said fork 1 was free; then philosopher 1 had it, and lock() waited"), run.all());
        assertTrue(run.run().err().isBlank(), "no stack trace, no error output\n" + run.all());
    }

    @Test
    @Timeout(180)
    void theTourShowsEveryDemoAndComparesTheSolutions() throws Exception {
        var run = philosophers("--seconds", "0.5");
        assertEquals(0, run.run().exit(), run.all());
        assertTrue(run.run().err().isBlank(), run.all());
        var outcomes = Course.outcomes(run.results());
        assertEquals(Set.of("deadlock/naive (wrong)", "deadlock/ordered", "deadlock/waiter", "deadlock/polite", "livelock/lockstep (wrong)",
                        "the note's flaws, forced/acts on a stale check (wrong)", "the note's flaws, forced/releases a fork it does not hold (wrong)",
                        "starvation/timid (wrong)", "starvation/in line, fair forks"),
                outcomes.stream().map(o -> o.check() + "/" + o.variant()).collect(Collectors.toSet()), run.all());
        assertTrue(outcomes.stream().allMatch(Course.Outcome::asDeclared), outcomes.toString());
        assertEquals(List.of(0.0, 0.0), List.of(run.measure("meals", "naive"), run.measure("meals", "lockstep")), "stuck, and busy: no meals");
        for (String solution : List.of("ordered", "waiter", "polite")) {
            assertTrue(run.measure("fewest meals", solution) > 0, solution + ": somebody starved\n" + run.all());
            assertTrue(run.measure("meals", solution) > run.measure("ideal meals", solution) / 4, solution + ": under a quarter of the ideal\n" + run.all());
        }
        for (String seen : List.of("1. Naive", "Found one Java-level deadlock:", "a circle of waiting:", "2. The note's solution", "lock() waited",
                "IllegalMonitorStateException", "3. Polite, without randomness", "0 meals in", "4. The solutions", "longest wait ms",
                "1b. The same without the barrier", "5. Starvation", "6. The naive table on synchronized forks", "still stuck: [philosopher 0",
                "Nothing left running")) {
            assertTrue(run.run().out().contains(seen), "missing: " + seen + "\n" + run.all());
        }
    }

    @Test
    @Timeout(180)
    void withoutTheBarrierTheNaiveTableDeadlocksOnlyWhenTheTimingLinesUpAndEachDinnerIsCounted() throws Exception {
        var run = philosophers("--strategy", "unstaged", "--repeat", "4", "--seconds", "1");
        assertEquals(0, run.run().exit(), run.all());
        for (String reach : List.of("5", "20")) {
            double deadlocked = run.measure("dinners deadlocked", "unstaged, reach " + reach + " ms");
            assertTrue(deadlocked >= 0 && deadlocked <= 4, reach + " ms: " + deadlocked + "\n" + run.all());
            assertTrue(run.run().out().contains("Reach " + reach + " ms, dinners of at most 1000 ms: " + (int) deadlocked + " of 4 dinners deadlocked"),
                    run.all());
        }
        // Counted and reported, never declared: chance is not a hazard that shows on every run
        assertTrue(Course.outcomes(run.results()).isEmpty(), Course.outcomes(run.results()).toString());
        assertTrue(run.run().out().contains("Nothing left running"), run.all());
    }

    @Test
    @Timeout(240)
    void aTimidPhilosopherBetweenGluttonsStarvesInEveryDinnerAndNobodyStarvesInLineOnFairForks() throws Exception {
        var run = philosophers("--strategy", "gluttons", "--repeat", "20", "--seconds", "1");
        assertEquals(0, run.run().exit(), run.all());
        hazardEveryRun(run.outcome("starvation", "timid (wrong)"), 20, "philosopher 0 starves between gluttons");
        neverInRuns(run.outcome("starvation", "in line, fair forks"), 20, "in line on fair forks, nobody starves");
        assertEquals(0, run.measure("dinners deadlocked", "timid"), run.all());
        assertTrue(run.measure("fewest meals", "in line, fair forks") > 0, run.all());
    }

    @Test
    @Timeout(240)
    void theWaiterServesFewerMealsThanTheOtherSolutionsAndMoreOfItsPhilosophersWaitHoldingOneFork() throws Exception {
        // What the notebook's comparison says in words, checked over 8 dinners of each rather than the notebook's one
        var run = philosophers("--strategy", "solutions", "--repeat", "8", "--seconds", "1");
        assertEquals(0, run.run().exit(), run.all());
        double ordered = run.measure("meals", "ordered"), waiter = run.measure("meals", "waiter"), polite = run.measure("meals", "polite");
        assertTrue(waiter < ordered && waiter < polite, "meals: ordered " + ordered + ", waiter " + waiter + ", polite " + polite);
        double orderedHolding = run.measure("holding one fork", "ordered"), waiterHolding = run.measure("holding one fork", "waiter"),
                politeHolding = run.measure("holding one fork", "polite");
        assertTrue(waiterHolding > orderedHolding && waiterHolding > politeHolding,
                "holding one fork: ordered " + orderedHolding + ", waiter " + waiterHolding + ", polite " + politeHolding);
    }

    @Test
    @Timeout(180)
    void aDeadlockOnMonitorsIsFoundInAChildJvmSurvivesInterruptsAndEndsOnlyWithTheProcess() throws Exception {
        var run = philosophers("--strategy", "synchronized");
        assertEquals(0, run.run().exit(), run.all());
        var child = Course.results(run.results()).stream().filter(r -> "stuck child".equals(r.get("kind"))).findFirst().orElseThrow();
        assertEquals(3.0, ((Number) child.get("stillStuck")).doubleValue(), "three philosophers still BLOCKED after the interrupts\n" + run.all());
        assertTrue(List.of("TERMINATED", "KILLED").contains(child.get("ending")), "the child was ended by us: " + child);
        for (String seen : List.of("waiting to lock monitor", "Interrupted, and given 2 x 200 ms to end; still stuck: [philosopher 0 (BLOCKED)",
                "Nothing left running")) {
            assertTrue(run.run().out().contains(seen), "missing: " + seen + "\n" + run.all());
        }
        boolean jcmd = Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
        org.junit.jupiter.api.Assumptions.assumeTrue(jcmd, "no jcmd in this JDK: the script skips it");
        assertTrue(run.run().out().contains("jcmd <pid> Thread.print:\nFound one Java-level deadlock:"), run.all());
        assertEquals(3.0, ((Number) child.get("virtualCircle")).doubleValue(), "the JSON dump shows the virtual threads' circle\n" + run.all());
        assertTrue(run.run().out().contains("virtual philosopher 0 is BLOCKED on java.lang.Object@"), run.all());
    }

    @Test
    @Timeout(300)
    void theBankExerciseCheckFailsTheStarterAndCopiesOfEarlierCellsAndPassesTheSolution() throws Exception {
        // The check cell, run on the starter, on two answers copied from earlier cells (the waiter's Semaphore round the
        // starter; lesson 04's one lock for the whole bank) and on the solution, in a notebook of only what they need
        var source = Files.readString(Course.ROOT.resolve("notebooks/06_philosophers.ipynb"));
        var cells = com.google.gson.JsonParser.parseString(source).getAsJsonObject().getAsJsonArray("cells");
        Map<String, String> tagged = new java.util.HashMap<>();
        String setup = null, account = null;
        for (var element : cells) {
            var cell = element.getAsJsonObject();
            String text = String.join("", cell.getAsJsonArray("source").asList().stream().map(e -> e.getAsString()).toList());
            var meta = cell.getAsJsonObject("metadata");
            // the bank exercise is the notebook's first; the model checker's comes after it
            if (meta.has("tags")) meta.getAsJsonArray("tags").forEach(t -> tagged.putIfAbsent(t.getAsString(), text));
            if (text.contains("var leftovers = Leftovers.baseline();")) setup = text;
            if (meta.has("course") && meta.getAsJsonObject("course").get("from").getAsString().endsWith("#account")) account = text;
        }
        String solution = tagged.get("solution").split("```java", 2)[1].split("```", 2)[0];
        String waiterCopy = tagged.get("exercise").replace("void transfer(Account from, Account to, long amount) throws InterruptedException {\n",
                "Semaphore bankWaiter = new Semaphore(3);   // the waiter's N - 1 seats, for 4 accounts\n\n"
                        + "void transfer(Account from, Account to, long amount) throws InterruptedException {\n    bankWaiter.acquire();\n    try {\n")
                .replaceFirst("}\\s*$", "    } finally {\n        bankWaiter.release();\n    }\n}\n");
        String oneLock = "final ReentrantLock bank = new ReentrantLock();   // lesson 04: one lock for the whole bank\n\n"
                + "void transfer(Account from, Account to, long amount) throws InterruptedException {\n"
                + "    bank.lockInterruptibly();\n    from.lock.lockInterruptibly();\n    to.lock.lockInterruptibly();\n"
                + "    try {\n        from.add(-amount);\n        to.add(amount);\n"
                + "    } finally {\n        to.lock.unlock();\n        from.lock.unlock();\n        bank.unlock();\n    }\n}";
        var gson = new com.google.gson.Gson();
        var json = new StringBuilder("{\"cells\": [");
        List<String> sources = new ArrayList<>(List.of("%jars " + Course.ROOT.resolve("lib/target/course-lib.jar"), setup, account));
        List<String> answers = List.of(tagged.get("exercise"), waiterCopy, oneLock, solution);
        for (int i = 0; i < sources.size(); i++) json.append(i == 0 ? "" : ",").append(cell(gson, sources.get(i), false));
        for (String answer : answers) json.append(",").append(cell(gson, answer, false)).append(",").append(cell(gson, tagged.get("check"), true));
        json.append("], \"metadata\": {\"kernelspec\": {\"name\": \"java\", \"display_name\": \"Java\", \"language\": \"java\"}},"
                + " \"nbformat\": 4, \"nbformat_minor\": 5}");
        Path notebook = dir.resolve("bank.ipynb");
        Files.writeString(notebook, json);
        var run = NotebooksTest.runNotebooks(Files.createDirectories(dir.resolve("out")), notebook.toString());
        assertEquals(0, run.exit(), run.all());
        List<String> said = run.out().lines().filter(l -> l.contains("check cell")).toList();
        assertEquals(4, said.size(), run.all());
        assertTrue(said.get(0).contains(": ❌ not yet: a deadlock after"), "the starter deadlocks, found and undone\n" + run.all());
        assertTrue(said.get(1).contains(": ❌ not yet: a deadlock after"), "a waiter does not stop two clerks in opposite directions\n" + run.all());
        assertTrue(said.get(2).contains(": ❌ not yet:") && said.get(2).contains("never two balances written at the same time"),
                "one lock for the whole bank is not a lock per account\n" + run.all());
        assertTrue(said.get(3).contains(": ✅ well done"), "the solution passes\n" + run.all());
    }

    private static String cell(com.google.gson.Gson gson, String source, boolean check) {
        return "{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {" + (check ? "\"tags\": [\"check\"]" : "")
                + "}, \"outputs\": [], \"source\": " + gson.toJson(source) + "}";
    }

    @Test
    @Timeout(120)
    void helpNamesEveryOption() throws Exception {
        var run = Course.jbang(Duration.ofSeconds(100), "philosophers", "--help");
        assertEquals(0, run.exit(), run.all());
        for (String option : List.of("--strategy", "--philosophers", "--seconds", "--repeat", "--watchdog", "--results")) {
            assertTrue(run.out().contains(option), option + "\n" + run.all());
        }
    }
}
