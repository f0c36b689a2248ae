package course.timeline;

import course.show.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * How regularly a lane's spans came: the time between the starts of consecutive spans on one lane of a
 * {@link Timeline}, e.g. between the ticks of a task. A task that ticks every 20 ms has gaps of about
 * 20 ms; a task that was starved for half a second has one gap of about 500 ms.
 *
 * <p>Stateless; reads a snapshot of the timeline, so it may be called while the timeline still records.
 */
public final class Gaps {

    private Gaps() {}

    /** The gaps in milliseconds, in time order; empty if the lane has fewer than two spans. */
    public static List<Double> millis(Timeline timeline, String lane) {
        List<Double> gaps = new ArrayList<>();
        long previous = -1;
        for (var event : timeline.events()) {
            if (event.type() != Timeline.Type.SPAN || !event.lane().equals(lane)) continue;
            if (previous >= 0) gaps.add((event.startNanos() - previous) / 1e6);
            previous = event.startNanos();
        }
        return gaps;
    }

    /** The longest gap in milliseconds, or 0 if the lane has fewer than two spans. */
    public static double maxMillis(Timeline timeline, String lane) {
        return millis(timeline, lane).stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** The median gap in milliseconds, or 0 if the lane has fewer than two spans. */
    public static double medianMillis(Timeline timeline, String lane) {
        double[] gaps = millis(timeline, lane).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (gaps.length == 0) return 0;
        int mid = gaps.length / 2;
        return gaps.length % 2 == 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
    }

    /**
     * A table with a row per lane: its spans, the ideal gap next to the median and longest measured one.
     */
    public static Table table(Timeline timeline, List<String> lanes, double idealMillis) {
        var table = new Table("lane", "ticks", "ideal gap ms", "median gap ms", "longest gap ms");
        for (String lane : lanes) {
            table.row(lane, count(timeline, lane), idealMillis, medianMillis(timeline, lane), maxMillis(timeline, lane));
        }
        return table.note("gap = from the start of one tick to the start of the next; measured in this run, expect noise");
    }

    /** How many spans the lane has (e.g. ticks). */
    public static int count(Timeline timeline, String lane) {
        return (int) timeline.events().stream()
                .filter(e -> e.type() == Timeline.Type.SPAN && e.lane().equals(lane)).count();
    }
}
