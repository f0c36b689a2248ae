package course.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A timeline as text for the terminal: one row per lane, one character per slice of time.
 *
 * <pre>
 * worker-1 cccccc|cccc|ccccc.........
 * worker-2 ccccccccc|cccccccc|ccccc..
 *          +---------+---------+-----
 *       ms 0         100       200
 * c cat  | next span
 * </pre>
 *
 * Each kind of label (its first word) gets a letter; {@code |} starts a span right after one of
 * the same kind, {@code *} is a mark, {@code .} is time with nothing recorded. The same events
 * always give the same text, and no line is longer than the width.
 */
public final class TimelineText {

    public static final int DEFAULT_WIDTH = 100;

    /** More lanes than this are summed up in one line: 500 rows of a terminal show nothing. */
    public static final int MAX_LANES = 24;

    private TimelineText() {}

    public static String render(Timeline timeline) {
        return render(timeline, DEFAULT_WIDTH);
    }

    /** Renders in lines of at most {@code width} (at least 30) characters. */
    public static String render(Timeline timeline, int width) {
        if (width < 30) throw new IllegalArgumentException("width must be at least 30, was " + width);
        List<Timeline.Event> events = timeline.events();
        List<String> lanes = timeline.lanes();
        long duration = timeline.durationNanos() > 0 ? timeline.durationNanos() : 1_000_000; // nothing yet: 1 ms
        var legend = new Legend(events);

        int longestName = lanes.stream().mapToInt(String::length).max().orElse(0);
        int nameWidth = Math.max(2, Math.min(longestName, width / 4));
        int bar = width - nameWidth - 1;

        Map<String, char[]> rows = new HashMap<>();
        for (String lane : lanes) {
            char[] row = new char[bar];
            Arrays.fill(row, Legend.IDLE);
            rows.put(lane, row);
        }
        boolean separated = false;
        // States underneath, spans over them (a nested span over its parent), marks on top
        for (Timeline.Type type : List.of(Timeline.Type.STATE, Timeline.Type.SPAN)) {
            for (var event : events) {
                if (event.type() != type) continue;
                separated |= paint(rows.get(event.lane()), legend.of(event.label()).letter(),
                        column(event.startNanos(), duration, bar), endColumn(event.endNanos(), duration, bar));
            }
        }
        for (var event : events) {
            if (event.type() == Timeline.Type.MARK) {
                rows.get(event.lane())[column(event.startNanos(), duration, bar)] = Legend.MARK;
            }
        }

        var out = new StringBuilder();
        if (lanes.isEmpty()) out.append(pad("", nameWidth)).append(" (no events)\n");
        for (String lane : lanes.subList(0, Math.min(MAX_LANES, lanes.size()))) {
            out.append(pad(lane, nameWidth)).append(' ').append(rows.get(lane)).append('\n');
        }
        if (lanes.size() > MAX_LANES) {
            out.append(pad("", nameWidth)).append(" ... and ").append(lanes.size() - MAX_LANES).append(" more lanes\n");
        }
        axis(out, nameWidth, bar, duration);
        legend(out, legend, separated, width);
        return out.toString();
    }

    /** Fills [from, to] with {@code letter}; returns whether it had to mark a new span with '|'. */
    private static boolean paint(char[] row, char letter, int from, int to) {
        to = Math.max(from, to); // an instant still gets a column
        for (int c = from; c <= to; c++) row[c] = letter;
        // Two spans of one kind back to back would read as one long span
        if (from > 0 && to > from && row[from - 1] == letter) {
            row[from] = Legend.NEXT;
            return true;
        }
        return false;
    }

    private static int column(long nanos, long duration, int bar) {
        return (int) Math.min(bar - 1, Math.max(0, Math.multiplyExact(nanos, (long) bar) / duration));
    }

    /** The last column an interval ending at {@code nanos} (exclusive) touches. */
    private static int endColumn(long nanos, long duration, int bar) {
        long ceil = Math.ceilDiv(Math.multiplyExact(nanos, (long) bar), duration);
        return (int) Math.min(bar - 1, Math.max(0, ceil - 1));
    }

    private static void axis(StringBuilder out, int nameWidth, int bar, long duration) {
        double millis = duration / 1e6;
        double step = TimeAxis.stepMillis(millis, Math.max(1, bar / 10));
        char[] ticks = new char[bar];
        char[] labels = new char[bar];
        Arrays.fill(ticks, '-');
        Arrays.fill(labels, ' ');
        int freeFrom = 0; // labels must not touch
        for (int i = 0; i * step <= millis * (1 + 1e-9); i++) {
            int c = (int) Math.min(bar - 1, Math.round(i * step / millis * bar));
            ticks[c] = '+';
            String label = TimeAxis.label(i * step, step);
            if (c + label.length() > bar) c = bar - label.length(); // the last one ends at the end
            if (c >= freeFrom) {
                label.getChars(0, label.length(), labels, c);
                freeFrom = c + label.length() + 1;
            }
        }
        out.append(pad("", nameWidth)).append(' ').append(ticks).append('\n');
        out.append(padLeft("ms", nameWidth)).append(' ').append(String.valueOf(labels).stripTrailing()).append('\n');
    }

    private static void legend(StringBuilder out, Legend legend, boolean separated, int width) {
        List<String> items = new ArrayList<>();
        for (var entry : legend.entries()) items.add(entry.letter() + " " + entry.kind());
        if (separated) items.add(Legend.NEXT + " next span");
        if (!legend.markLabels().isEmpty()) items.add(Legend.MARK + " " + String.join(", ", legend.markLabels()));
        var line = new StringBuilder();
        for (String item : items) {
            if (item.length() > width) item = item.substring(0, width);
            if (!line.isEmpty() && line.length() + 2 + item.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append("  ");
            line.append(item);
        }
        if (!line.isEmpty()) out.append(line).append('\n');
    }

    private static String pad(String s, int width) {
        if (s.length() > width) return s.substring(0, width - 1) + "~";
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
