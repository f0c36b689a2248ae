package course.permits;

import course.timeline.Timeline;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A counter of a {@link Timeline} as a small text chart for the terminal, the twin of
 * {@link course.timeline.CounterChart}: one column per slice of time, filled up to the most the counter reached
 * during that slice, and a dashed row at a limit (e.g. a semaphore's permits), so that a column above the
 * dashes is a moment when the limit did not hold.
 *
 * <pre>
 * 4 |-#######################################-  permits = 4
 * 3 |#########################################
 * 2 |#########################################
 * 1 |#########################################
 *   +-----------------------------------------
 *   0 ms                                672 ms
 * </pre>
 *
 * A value holds from its sample to the next, and the counter is 0 before its first sample, as in the chart.
 * Up to {@code height} values get a row each; above that the rows are spread evenly, and the limit always
 * has its own. Lives with lesson 05, the only lesson that draws a counter in the terminal.
 *
 * <p>Thread-safety: stateless; it reads a snapshot of the timeline.
 */
public final class CounterText {

    public static final int WIDTH = 72, HEIGHT = 8;

    private CounterText() {
    }

    /** {@code series} in {@link #WIDTH} columns and at most about {@link #HEIGHT} rows, dashed at {@code limit}. */
    public static String render(Timeline timeline, String series, long limit, String limitName) {
        return render(timeline, series, limit, limitName, WIDTH, HEIGHT);
    }

    public static String render(Timeline timeline, String series, long limit, String limitName, int width, int height) {
        if (width < 12 || height < 1) throw new IllegalArgumentException("width must be at least 12 and height at least 1");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        long nanos = Math.max(1, timeline.durationNanos());
        long[] most = mostPerSlice(timeline.counter(series), nanos, width);
        long top = limit;
        for (long m : most) top = Math.max(top, m);
        var rows = new TreeSet<Long>(Comparator.reverseOrder());
        for (int r = 1; r <= Math.min(top, height); r++) rows.add(top <= height ? r : Math.round((double) top * r / height));
        rows.add(limit);
        int labels = Long.toString(top).length();
        var out = new StringBuilder();
        for (long row : rows) {
            var line = new StringBuilder(" ".repeat(labels - Long.toString(row).length())).append(row).append(" |");
            for (long m : most) line.append(m >= row ? '#' : row == limit ? '-' : ' ');
            out.append(row == limit ? line + "  " + limitName : line.toString().stripTrailing()).append('\n');
        }
        out.append(" ".repeat(labels)).append(" +").append("-".repeat(width)).append('\n');
        String end = nanos / 1_000_000 + " ms";
        out.append(" ".repeat(labels + 1)).append("0 ms").append(" ".repeat(Math.max(1, width - 3 - end.length()))).append(end).append('\n');
        return out.toString();
    }

    /** The most the counter reached in each of {@code width} equal slices of {@code nanos}. */
    static long[] mostPerSlice(List<Timeline.Sample> samples, long nanos, int width) {
        long[] most = new long[width];
        long value = 0;
        int next = 0;
        for (int column = 0; column < width; column++) {
            long sliceStart = nanos * column / width, sliceEnd = nanos * (column + 1) / width;
            while (next < samples.size() && samples.get(next).nanos() <= sliceStart) value = samples.get(next++).value();
            long highest = value;  // the value as the slice begins
            while (next < samples.size() && samples.get(next).nanos() < sliceEnd) {
                value = samples.get(next++).value();
                highest = Math.max(highest, value);
            }
            most[column] = highest;
        }
        return most;
    }
}
