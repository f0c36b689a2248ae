package course.show;

import java.lang.management.ManagementFactory;

/**
 * Small measuring aids for the lessons' tables: run something several times and keep the median, fastest and
 * slowest run; say how busy the machine was while we measured. Stateless and thread-safe.
 */
public final class Timing {

    /** Something to time; it may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private Timing() {
    }

    /** Runs {@code action} {@code runs} times, one after another (no warm-up), and times each run in microseconds. */
    public static Spread micros(int runs, Action action) throws Exception {
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        double[] micros = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return Spread.of(micros);
    }

    /** Milliseconds since {@code startNanos}, a value of {@link System#nanoTime()}. */
    public static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /**
     * "load average 3.2 on 2 cores": how many programs wanted a core, on average over the last minute, while we
     * measured; more than the cores means our threads and processes waited for theirs. Empty where the OS does
     * not tell.
     */
    public static String load() {
        double average = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        return average < 0 ? "" : String.format("load average %.1f on %d cores", average, cores);
    }
}
