package course.show;

import java.util.Arrays;

/**
 * A measurement repeated: the median, fastest and slowest of several runs, after one warm-up run that is
 * thrown away (so the JIT has compiled the code being timed). Immutable.
 *
 * <pre>{@code
 * Spread ns = Spread.of(5, () -> nanosPerHandOff());
 * table.row("platform threads", ns.median(), ns.min(), ns.max());
 * }</pre>
 */
public record Spread(int runs, double median, double min, double max) {

    /** One run of a measurement; returns the value it measured. */
    @FunctionalInterface
    public interface Measurement {
        double run() throws Exception;
    }

    /** Runs {@code measurement} once to warm up, then {@code runs} times, one after another. */
    public static Spread of(int runs, Measurement measurement) throws Exception {
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        measurement.run();
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) values[i] = measurement.run();
        Arrays.sort(values);
        double median = runs % 2 == 1 ? values[runs / 2] : (values[runs / 2 - 1] + values[runs / 2]) / 2;
        return new Spread(runs, median, values[0], values[runs - 1]);
    }
}
