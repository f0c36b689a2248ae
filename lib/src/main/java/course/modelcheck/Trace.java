package course.modelcheck;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the failing run out of Lincheck's report (the text of its {@code LincheckAssertionError}): its
 * "Detailed trace" table, one column per thread, one row per event, each event with the source line it ran.
 *
 * <p>Only the learner's steps are kept: events on the learner's lines, and the switches of the learner's threads
 * (a switch inside a library call, e.g. in the middle of {@code HashMap.put}, is kept at the depth of that call).
 * The scaffold's own steps (making the threads, starting and joining them) are left out, and so are the
 * events inside library code.
 */
final class Trace {

    /** "text at Class.method(File.java:12)". */
    private static final Pattern AT = Pattern.compile("^(.*) at [^ ]+\\(([^():]+):(\\d+)\\)$");
    private static final String FAILED = "= Concurrent test failed =", HUNG = "= Concurrent test has hung =";

    private Trace() {
    }

    /** A row's cell: the lane it is in, its indent (two spaces a level), its text and where it ran. */
    record Event(int column, int indent, String text, String file, int fileLine) {
    }

    static Verdict verdict(String message, String code, List<String> threads, int runs, int allowed, Duration took) {
        boolean hung = message.contains(HUNG);
        if (!hung && !message.contains(FAILED)) {
            throw new IllegalStateException("not a report of Lincheck's that this lib can read: "
                    + message.lines().findFirst().orElse("(empty)"));
        }
        List<String> lines = message.lines().toList();
        List<Event> events = events(lines);
        List<Step> steps = steps(events, code);
        return new Verdict(hung ? Verdict.Outcome.HUNG : Verdict.Outcome.FAILED, runs, allowed,
                hung ? hangOf(lines) : failureOf(lines), Verdict.lanesOf(threads), steps, code, took, message);
    }

    /** The exception's first line, without the class when it is an AssertionError. */
    static String failureOf(List<String> lines) {
        int i = lines.indexOf(FAILED);
        for (int j = i + 1; j < lines.size(); j++) {
            String line = lines.get(j).strip();
            if (!line.isEmpty()) return line.replaceFirst("^java\\.lang\\.AssertionError: ", "").replace("java.lang.", "");
        }
        return "(no message)";
    }

    /** What Lincheck said about the hang (e.g. "All unfinished threads are in deadlock"). */
    static String hangOf(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("All unfinished threads") || line.contains("deadlock") && !line.startsWith("|")) {
                return line.strip();
            }
        }
        return "the run never ended";
    }

    /** The events of the detailed trace (or, if there is none, of the first table). */
    static List<Event> events(List<String> lines) {
        int start = lines.indexOf("Detailed trace:");
        if (start < 0) start = 0;
        int header = -1;
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).startsWith("|") && !separator(lines.get(i))) {
                header = i;
                break;
            }
        }
        if (header < 0) return List.of();
        String head = lines.get(header);
        List<Integer> bars = new ArrayList<>();
        for (int i = 0; i < head.length(); i++) if (head.charAt(i) == '|') bars.add(i);
        List<Event> events = new ArrayList<>();
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) break;
            if (separator(line)) continue;
            for (int c = 0; c + 1 < bars.size(); c++) {
                int from = bars.get(c) + 1, to = Math.min(bars.get(c + 1), line.length());
                if (from >= to) continue;
                String cell = line.substring(from, to);
                if (cell.isBlank()) continue;
                String body = cell.substring(1).stripTrailing();        // one space of padding
                int indent = 0;
                while (indent < body.length() && body.charAt(indent) == ' ') indent++;
                String text = body.strip();
                Matcher at = AT.matcher(text);
                if (at.matches()) {
                    events.add(new Event(c, indent / 2, at.group(1), at.group(2), Integer.parseInt(at.group(3))));
                } else {
                    events.add(new Event(c, indent / 2, text, "", 0));
                }
            }
        }
        return events;
    }

    private static boolean separator(String line) {
        return line.replaceAll("[|\\- ]", "").isEmpty();
    }

    /** The learner's steps, in order; see the class comment. */
    static List<Step> steps(List<Event> events, String code) {
        int codeLines = (int) code.lines().count();
        int holdsLine = CheckSource.lineOf(code, "holds");
        List<Step> steps = new ArrayList<>();
        List<Deque<int[]>> open = new ArrayList<>();     // per column: {indent, kept?} of the enclosing events
        for (Event e : events) {
            while (open.size() <= e.column()) open.add(new ArrayDeque<>());
            Deque<int[]> enclosing = open.get(e.column());
            while (!enclosing.isEmpty() && enclosing.peek()[0] >= e.indent()) enclosing.pop();
            int depth = (int) enclosing.stream().filter(o -> o[1] == 1).count();
            int line = learnerLine(e, codeLines);
            boolean isSwitch = e.text().startsWith("switch");
            boolean holds = e.text().startsWith("s.holds()");
            boolean loop = e.text().startsWith("loop(") || e.text().startsWith("<iteration");
            boolean keep = !scaffold(e.text()) && !loop
                    && (e.column() == 0 ? holds || depth > 0                    // main: only holds() and what it does
                                        : line > 0 || isSwitch && !enclosing.isEmpty());
            enclosing.push(new int[]{e.indent(), keep && !isSwitch ? 1 : 0});
            if (holds) line = holdsLine;
            // a switch right after a switch did nothing in between: a thread spinning in a wait loop, e.g. AQS's
            boolean idle = isSwitch && !steps.isEmpty() && steps.getLast().switchHere();
            if (keep && !idle) steps.add(new Step(e.column(), tidy(e.text()), depth, line, isSwitch));
        }
        return steps;
    }

    /** The learner's line of an event of the generated file, or 0. */
    private static int learnerLine(Event e, int codeLines) {
        if (!e.file().equals(CheckSource.CLASS + ".java")) return 0;
        int line = e.fileLine() - CheckSource.FIRST_LINE + 1;
        return line >= 1 && line <= codeLines ? line : 0;
    }

    private static boolean scaffold(String text) {
        return text.contains(CheckSource.FAILURE) || text.contains(CheckSource.FAILED_IN) || text.contains(CheckSource.SHARED) || text.contains(CheckSource.RUNS);
    }

    private static final Pattern NEW = Pattern.compile("^([\\w.$]+)\\.<init>\\((.*)\\): [\\w.$<>]+#\\d+$");

    /** "s.holds(): false" is "holds(): false"; "AssertionError.&lt;init&gt;("x"): AssertionError#1" is "new AssertionError("x")". */
    static String tidy(String text) {
        String tidy = text.replaceFirst("^s\\.", "").replace("ModelChecked.Shared.", "").replaceAll("\\bShared#1\\.", "");
        Matcher created = NEW.matcher(tidy);
        return created.matches() ? "new " + created.group(1) + "(" + created.group(2) + ")" : tidy;
    }
}
