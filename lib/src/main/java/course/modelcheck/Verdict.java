package course.modelcheck;

import java.time.Duration;
import java.util.List;

/**
 * What the model checker found.
 *
 * @param outcome  a failing order of steps, a hang, none, or no verdict within the budget
 * @param explored how many runs (orders of steps) were tried, the failing one included; 0 over budget
 * @param allowed  how many runs were allowed; fewer were {@code explored} without a failure when Lincheck had
 *                 tried every order it considers
 * @param failure  what broke, e.g. "holds() is false", "a thread threw java.lang.AssertionError: ...", or
 *                 what hung; empty when nothing did
 * @param lanes    the threads of the failing run: "main" (which starts the threads, joins them and calls
 *                 {@code holds()}), then the thread methods in the order they are written
 * @param steps    the failing run's steps in the order they ran, each in its lane; empty when nothing failed
 * @param code     the code that was checked, as given
 * @param took     the child JVM's time, from its start to its end
 * @param trace    Lincheck's own report of the failure, as it printed it; empty when nothing failed
 */
public record Verdict(Outcome outcome, int explored, int allowed, String failure, List<String> lanes, List<Step> steps,
                      String code, Duration took, String trace) {

    public enum Outcome {
        /** A run ended with an exception or a false {@code holds()}. */
        FAILED,
        /** A run never ended: every thread left waits for another (a deadlock), or spins forever. */
        HUNG,
        /** No run failed. */
        PASSED,
        /** The budget ran out before Lincheck gave a verdict. */
        OVER_BUDGET
    }

    public Verdict {
        lanes = List.copyOf(lanes);
        steps = List.copyOf(steps);
    }

    /** True if an order of steps broke the code or hung it. */
    public boolean foundBug() {
        return outcome == Outcome.FAILED || outcome == Outcome.HUNG;
    }

    /**
     * The index in {@link #steps} of the step that failed: {@code holds()} when it was false, else the step that
     * made the exception, else the last step of the thread that threw; -1 if nothing failed.
     */
    public int failedStep() {
        if (outcome != Outcome.FAILED || steps.isEmpty()) return -1;
        for (int i = steps.size() - 1; i >= 0; i--) {
            String c = steps.get(i).code();
            if (failure.startsWith("holds()") ? c.startsWith("holds()")
                    : c.startsWith("new ") && (c.contains("Error(") || c.contains("Exception("))) return i;
        }
        String thread = failure.split(" ", 2)[0];
        int lane = lanes.indexOf(thread);
        for (int i = steps.size() - 1; i >= 0; i--) if (steps.get(i).lane() == lane) return i;
        return steps.size() - 1;
    }

    /** For a hang, the last step of each thread that never ended (what it waits in); empty otherwise. */
    public List<Integer> stuckSteps() {
        if (outcome != Outcome.HUNG) return List.of();
        var last = new java.util.TreeMap<Integer, Integer>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.lane() > 0 && !s.switchHere()) last.put(s.lane(), i);
        }
        return List.copyOf(last.values());
    }

    /** The learner's line {@code line} (1-based) of {@link #code}, stripped; empty if there is none. */
    public String sourceLine(int line) {
        List<String> lines = code.lines().toList();
        return line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : "";
    }

    /** One line, e.g. "FAILED after 3 runs: holds() is false" or "PASSED: 36 runs explored, none fails". */
    public String summary() {
        return switch (outcome) {
            case FAILED -> "FAILED in run " + explored + " of at most " + allowed + ": " + failure;
            case HUNG -> "HUNG in run " + explored + " of at most " + allowed + ": " + failure;
            case PASSED -> "PASSED: " + explored + " interleavings explored, none fails"
                    + (explored < allowed ? " (Lincheck had tried every order it considers)" : " (the most allowed)");
            case OVER_BUDGET -> "OVER BUDGET: no verdict within " + took.toSeconds() + " s; the check was stopped";
        };
    }

    static Verdict overBudget(String code, List<String> threads, int allowed, Duration took) {
        return new Verdict(Outcome.OVER_BUDGET, 0, allowed, "", lanesOf(threads), List.of(), code, took, "");
    }

    static List<String> lanesOf(List<String> threads) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("main"), threads.stream()).toList();
    }

    /** Reads the child's report: its verdict, the number of runs, then Lincheck's message. */
    static Verdict read(String report, String code, List<String> threads, int allowed, Duration took) {
        String[] parts = report.split("\n", 3);
        int runs = Integer.parseInt(parts[1].strip());
        String message = parts.length > 2 ? parts[2] : "";
        if (parts[0].equals("passed")) {
            return new Verdict(Outcome.PASSED, runs, allowed, "", lanesOf(threads), List.of(), code, took, "");
        }
        return Trace.verdict(message, code, threads, runs, allowed, took);
    }
}
