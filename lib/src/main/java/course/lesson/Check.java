package course.lesson;

import course.show.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One hazard, shown by rival variants that each declare whether they must show it. Each variant runs
 * {@code runs} times; a run returns how much of the hazard it showed (0: none). The check counts the runs that
 * showed it, judges each variant against its declaration, prints the verdict as a table and writes each
 * outcome to {@link Results}, so the printed verdict and the tests read the same declaration.
 *
 * <pre>{@code
 * var lost = new Check("lost updates", "updates lost", 20);
 * lost.variant("unsynchronized (wrong)", Expect.HAZARD, () -> expected - race(new UnsafeCounter()));
 * lost.variant("synchronized", Expect.NO_HAZARD, () -> expected - race(new SynchronizedCounter()));
 * System.out.print(lost);
 * }</pre>
 *
 * Not thread-safe: one thread declares and runs the variants (each run may start threads of its own).
 */
public final class Check {

    /** One run of a variant: how much of the hazard it showed, 0 for none (updates lost, ms deadlocked, ...). */
    @FunctionalInterface
    public interface Trial {
        long run() throws Exception;
    }

    /** What a variant showed in its runs, and whether that is what it declared. */
    public record Outcome(String check, String variant, Expect expect, int runs, int showed, long fewest, long most) {
        public boolean asDeclared() {
            return expect == Expect.HAZARD ? showed == runs : showed == 0;
        }
    }

    private final String hazard;
    private final String unit;
    private final int runs;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final Map<String, long[]> amounts = new java.util.HashMap<>();

    /**
     * @param hazard what goes wrong, e.g. "lost updates"
     * @param unit   what a run's number counts, e.g. "updates lost"
     * @param runs   how many times each variant runs
     */
    public Check(String hazard, String unit, int runs) {
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        this.hazard = hazard;
        this.unit = unit;
        this.runs = runs;
    }

    /** Runs the variant {@code runs} times, judges it against {@code expect}, records and returns its outcome. */
    public Outcome variant(String name, Expect expect, Trial trial) throws Exception {
        int showed = 0;
        long fewest = Long.MAX_VALUE, most = Long.MIN_VALUE;
        long[] amounts = new long[runs];
        for (int run = 0; run < runs; run++) {
            long amount = trial.run();
            amounts[run] = amount;
            if (amount != 0) showed++;
            fewest = Math.min(fewest, amount);
            most = Math.max(most, amount);
        }
        var outcome = new Outcome(hazard, name, expect, runs, showed, fewest, most);
        this.amounts.put(name, amounts);
        outcomes.add(outcome);
        Results.outcome(outcome);
        return outcome;
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** How much of the hazard each run of the variant named {@code variant} showed, in run order (a copy). */
    public long[] amounts(String variant) {
        long[] found = amounts.get(variant);
        if (found == null) throw new IllegalArgumentException("no variant named '" + variant + "' in this check");
        return found.clone();
    }

    /** True when every variant so far showed what it declared. */
    public boolean asDeclared() {
        return outcomes.stream().allMatch(Outcome::asDeclared);
    }

    /** The verdict table: each variant, what it declared, in how many runs it showed the hazard, and the verdict. */
    @Override
    public String toString() {
        var table = new Table("variant", "declared", "showed it in", "fewest " + unit, "most " + unit, "verdict");
        for (var o : outcomes) {
            table.row(o.variant(), o.expect(), o.showed() + " of " + o.runs(), o.fewest(), o.most(),
                    o.asDeclared() ? "as declared" : "NOT AS DECLARED");
        }
        return table.toString();
    }

    static Map<String, Object> fields(Outcome o) {
        return Map.of("check", o.check(), "variant", o.variant(), "expect", o.expect().name(), "runs", o.runs(),
                "showed", o.showed(), "fewest", o.fewest(), "most", o.most(), "asDeclared", o.asDeclared());
    }
}
