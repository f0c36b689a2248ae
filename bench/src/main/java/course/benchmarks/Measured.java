package course.benchmarks;

import java.util.Arrays;

/** Several timings of one thing: min, median and max, never one number alone. */
record Measured(double min, double median, double max) {

    static Measured of(double... samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Measured(sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    String min(String format) {
        return String.format(format, min);
    }

    String median(String format) {
        return String.format(format, median);
    }

    String max(String format) {
        return String.format(format, max);
    }
}
