package course.vthreads;

import course.procs.ChildRun;
import course.procs.JavaLauncher;
import course.timeline.Timeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lesson script run again in a child JVM, in a mode of its own, so that the code the child runs is the
 * lesson's code, written where the learner reads it. This class is only the plumbing: it finds the script,
 * starts the child bounded, and brings back the {@link Timeline} the child recorded.
 *
 * <p>The child runs the same source as its parent: in a jbang run the script's compiled class is on our class
 * path, and the child runs that class ({@code java -cp <our class path> Lesson01Cooperative ...}); in a notebook
 * it is not, and the child runs the source file with the JDK's source launcher, which compiles it first
 * ({@code java -cp course-lib.jar ../scripts/Lesson01Cooperative.java ...}). The script is looked for under
 * the working folder and its parents (a notebook runs in {@code notebooks/}).
 *
 * <p>The child's JIT stops at C1 ({@code -XX:TieredStopAtLevel=1}): most of a short child's time is spent starting
 * and, from a notebook, compiling the script, and C1 alone does that in about half the CPU time.
 *
 * <p>The child answers with {@link #reply}: tab-separated lines that start with {@code course-}, and a last
 * line that says it finished; anything else it prints (a JVM warning) is ignored.
 *
 * <p>Stateless and thread-safe. Whatever happens (a timeout, an interrupt, an exception) the child is not
 * alive when {@link #run} returns or throws (see {@link ChildRun}).
 */
public final class LessonChild {

    private static final String FACT = "course-fact", SPAN = "course-span", MARK = "course-mark", DONE = "course-done";

    /**
     * What the child sent back.
     *
     * @param facts    what it said about itself, e.g. its JDK
     * @param timeline what it recorded, replayed on this side (times as the child measured them)
     * @param took     from its start to its end, JVM start (and compilation) included
     */
    public record Reply(Map<String, String> facts, Timeline timeline, Duration took) {
    }

    private LessonChild() {
    }

    /**
     * Runs {@code java <jvmOptions> -cp <lib> <script> <args>} to its end, for at most {@code limit}.
     *
     * @param script the script's path from the repository root, e.g. {@code scripts/Lesson01Cooperative.java}
     * @throws IllegalStateException if the child failed, ran past its limit, or did not reply
     */
    public static Reply run(String script, List<String> jvmOptions, Duration limit, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JavaLauncher.java().toString());
        command.add("-XX:TieredStopAtLevel=1");  // a short-lived child: C1 alone starts (and compiles a script) twice as fast
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(JavaLauncher.classPath());
        command.add(mainOf(script));
        command.addAll(List.of(args));
        var child = ChildRun.run(command, limit);
        List<String> lines = child.output().stream().map(l -> l.replaceFirst("^\\[[0-9]+\\] ", "")).toList();
        if (child.timedOut() || child.exitCode() != 0 || lines.stream().noneMatch(l -> l.startsWith(DONE + "\t"))) {
            throw new IllegalStateException("the child JVM running " + script + " " + child.outcome() + " without a reply: "
                    + child.lastWords());
        }
        return read(lines, child.took());
    }

    /**
     * The command {@link #run} starts, for a parent that talks to its child while it runs (and ends it itself):
     * {@code java <jvmOptions> -cp <lib> <script or its class> <args>}.
     */
    public static List<String> command(String script, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JavaLauncher.java().toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(JavaLauncher.classPath());
        command.add(mainOf(script));
        command.addAll(List.of(args));
        return command;
    }

    /** In the child: sends {@code facts} and the spans and marks of {@code timeline} to the parent, on stdout. */
    public static void reply(Timeline timeline, Map<String, ?> facts) {
        PrintStream out = System.out;
        facts.forEach((name, value) -> out.println(FACT + "\t" + clean(name) + "\t" + clean(String.valueOf(value))));
        for (var e : timeline.events()) {
            switch (e.type()) {
                case SPAN -> out.println(String.join("\t", SPAN, String.valueOf(e.startNanos()), String.valueOf(e.endNanos()),
                        clean(e.lane()), clean(e.label())));
                case MARK -> out.println(String.join("\t", MARK, String.valueOf(e.startNanos()), clean(e.lane()), clean(e.label())));
                case STATE -> throw new IllegalArgumentException("a child sends spans and marks, not states: " + e);
            }
        }
        out.println(DONE + "\t" + timeline.durationNanos());
        out.flush();
    }

    /** The class to run when this JVM has the script's compiled class (jbang), else the script's source file. */
    static String mainOf(String script) {
        String name = Path.of(script).getFileName().toString().replaceFirst("\\.java$", "");
        try {
            Class.forName(name, false, ClassLoader.getSystemClassLoader());
            return name;
        } catch (ClassNotFoundException | LinkageError e) {
            return find(script).toString();
        }
    }

    /** {@code script} under the working folder or the nearest of its parents that has it. */
    static Path find(String script) {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path file = folder.resolve(script);
            if (Files.isRegularFile(file)) return file;
        }
        throw new IllegalStateException("cannot find " + script + " in " + Path.of("").toAbsolutePath()
                + " or any folder above it: run this from the course's folder");
    }

    /** Replays the child's lines into a timeline on a clock moved by hand, so its times are the child's. */
    static Reply read(List<String> lines, Duration took) {
        var facts = new LinkedHashMap<String, String>();
        long[] clock = {0};
        var timeline = Timeline.start(() -> clock[0]);
        List<Timeline.Span> open = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long duration = 0;
        for (String line : lines) {
            String[] w = line.split("\t", -1);
            switch (w[0]) {
                case FACT -> facts.put(w[1], w[2]);
                case SPAN -> {  // spans come in order of their start: open each at its start, close them all below
                    clock[0] = Long.parseLong(w[1]);
                    open.add(timeline.span(w[3], w[4]));
                    ends.add(Long.parseLong(w[2]));
                }
                case MARK -> {
                    clock[0] = Long.parseLong(w[1]);
                    timeline.mark(w[2], w[3]);
                }
                case DONE -> duration = Long.parseLong(w[1]);
                default -> {
                    // not ours: a JVM warning, a compiler note
                }
            }
        }
        for (int i = 0; i < open.size(); i++) {
            clock[0] = ends.get(i);
            open.get(i).close();
        }
        clock[0] = duration;
        timeline.stop();
        return new Reply(Collections.unmodifiableMap(facts), timeline, took);
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
