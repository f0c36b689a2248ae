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
        return of(values);
    }

    /** The spread of values measured elsewhere (at least one). */
    public static Spread of(double... values) {
        if (values.length < 1) throw new IllegalArgumentException("no values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(n, median, sorted[0], sorted[n - 1]);
    }
}
