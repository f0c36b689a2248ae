package course.modelcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * A verdict as text for the terminal: its summary, then the failing run one step a line, each thread in a
 * column of its own, the learner's line number beside each step, a switch as an arrow to the thread that runs
 * next, the failure marked; then the lines of code the run went through.
 *
 * <pre>
 * model check: FAILED in run 7 of at most 200: holds() is false
 *      thread1                    thread2                    main
 *   2  counter ➜ 0
 *      switch ~~~~~~~~~~~~~~~~~~> 
 *   3                             counter ➜ 0
 * </pre>
 */
public final class InterleavingText {

    private static final int COLUMN = 30;

    private InterleavingText() {
    }

    public static String render(Verdict verdict) {
        var out = new StringBuilder("model check: ").append(verdict.summary()).append('\n');
        if (verdict.steps().isEmpty()) return out.toString();
        List<Integer> order = InterleavingPicture.laneOrder(verdict);
        out.append("      ");
        for (int lane : order) out.append(pad(verdict.lanes().get(lane), COLUMN));
        out.append('\n');
        int failed = verdict.failedStep();
        List<Integer> stuck = verdict.stuckSteps();
        List<Step> steps = verdict.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int column = order.indexOf(s.lane());
            var row = new StringBuilder(s.line() > 0 ? String.format("%4d  ", s.line()) : "      ");
            row.append(" ".repeat(COLUMN * column));
            if (s.switchHere()) {
                int next = nextLane(steps, i);
                int to = next < 0 ? column : order.indexOf(next);
                String label = switchLabel(steps, i);
                if (to > column) {
                    row.append(label).append(' ').append("~".repeat(Math.max(2, COLUMN * (to - column) - label.length() - 3))).append('>');
                } else if (to < column) {
                    row.setLength(row.length() - COLUMN * (column - to));
                    row.append('<').append("~".repeat(Math.max(2, COLUMN * (column - to) - 2))).append(' ').append(label);
                } else {
                    row.append(label);
                }
            } else {
                String text = "  ".repeat(Math.min(s.depth(), 3)) + s.code();
                if (i == failed) text = text + "   <-- FAILS HERE";
                if (stuck.contains(i)) text = text + "   <-- waits forever";
                row.append(text);
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        out.append("lines the run went through:\n");
        List<Integer> lines = new ArrayList<>();
        for (Step s : steps) if (s.line() > 0 && !lines.contains(s.line())) lines.add(s.line());
        lines.sort(null);
        for (int line : lines) out.append(String.format("%4d  %s%n", line, verdict.sourceLine(line)));
        return out.toString();
    }

    /**
     * "switch", "switch (lock is already acquired)", or "switch, inside the call above" when the thread was switched
     * out in the middle of the call before it (e.g. of a map's put): that call's box shows what it returned in the end.
     */
    static String switchLabel(List<Step> steps, int i) {
        String label = steps.get(i).code().replace("switch (reason: ", "switch (");
        Step before = i > 0 ? steps.get(i - 1) : null;
        boolean inside = before != null && before.lane() == steps.get(i).lane() && !before.switchHere()
                && steps.get(i).depth() > before.depth();
        return inside && label.equals("switch") ? "switch, inside the call above" : label;
    }

    /** The lane of the first step after {@code i} in another lane, or -1. */
    static int nextLane(List<Step> steps, int i) {
        for (int j = i + 1; j < steps.size(); j++) {
            if (steps.get(j).lane() != steps.get(i).lane()) return steps.get(j).lane();
        }
        return -1;
    }

    private static String pad(String s, int width) {
        String cut = s.length() >= width ? s.substring(0, width - 2) + " " : s;
        return cut + " ".repeat(Math.max(0, width - cut.length()));
    }
}
