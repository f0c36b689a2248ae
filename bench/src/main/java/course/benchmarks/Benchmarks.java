package course.benchmarks;

import course.show.Spread;
import course.show.Table;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every speed claim of the lessons, measured on this machine by the lessons' own code: each section runs a
 * lesson script as a learner does ({@code jbang <alias>}, see {@link LessonRun}) and reads what it measured from
 * its {@code --results} file. {@code ./course bench} (quick, several minutes), {@code ./course bench --full},
 * {@code --record} to write BENCHMARKS.md. Each figure comes with its limit (the floor, the ideal, or the fastest
 * way) as a ratio, because one machine's absolute numbers say little about another's. Only the timeline
 * recorder, which is the lib's and not a lesson's, is measured with JMH.
 */
public final class Benchmarks {

    /** How hard to try: runs of each lesson, download sizes, JMH iterations for the recorder. */
    enum Mode {
        TINY(1, 20, List.of(5), 0, 1, 20),
        QUICK(3, 100, List.of(20, 200, 2000), 1, 3, 300),
        FULL(5, 100, List.of(20, 200, 2000), 2, 5, 500);

        final int repetitions, latencyMs;
        final List<Integer> sizes;
        final int forks, iterations, iterationMs;

        Mode(int repetitions, int latencyMs, List<Integer> sizes, int forks, int iterations, int iterationMs) {
            this.repetitions = repetitions;
            this.latencyMs = latencyMs;
            this.sizes = sizes;
            this.forks = forks;
            this.iterations = iterations;
            this.iterationMs = iterationMs;
        }
    }

    /** One of lesson 02's ways: its --way word, its name here, how many downloads run at once for N cats. */
    record Way(String key, String name, java.util.function.IntUnaryOperator concurrency, int largestN) {
    }

    static final int POOL = 50;

    static final List<Way> WAYS = List.of(
            new Way("sequential", "sequential", n -> 1, 20),
            new Way("thread", "thread per cat", n -> n, 200),
            new Way("pool", "pool of " + POOL, n -> Math.min(n, POOL), Integer.MAX_VALUE),
            new Way("virtual", "virtual threads", n -> n, Integer.MAX_VALUE));

    private final Mode mode;
    private final PrintStream out;
    private final String jbang;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Table targets = new Table("target", "measured", "verdict");

    Benchmarks(Mode mode, PrintStream out, String jbang) {
        this.mode = mode;
        this.out = out;
        this.jbang = jbang;
    }

    public static void main(String... args) throws Exception {
        Mode mode = Mode.QUICK;
        boolean record = false;
        for (String arg : args) {
            switch (arg) {
                case "--full" -> mode = Mode.FULL;
                case "--quick" -> mode = Mode.QUICK;
                case "--tiny" -> mode = Mode.TINY;
                case "--record" -> record = true;
                default -> {
                    System.err.println("bench: unknown option " + arg + " (use --quick, --full, --tiny, --record)");
                    System.exit(2);
                }
            }
        }
        String jbang = System.getProperty("course.jbang", "jbang");
        var copy = new ByteArrayOutputStream();
        var both = new PrintStream(new TeeStream(System.out, copy), true, StandardCharsets.UTF_8);
        new Benchmarks(mode, both, jbang).runAll();
        if (record) {
            Path file = Path.of("BENCHMARKS.md");
            Files.writeString(file, Report.markdown(mode.name().toLowerCase(), copy.toString(StandardCharsets.UTF_8)));
            System.out.println("written: " + file.toAbsolutePath());
        }
    }

    void runAll() throws Exception {
        out.printf("Benchmarks (%s mode) on %d cores, JDK %s, %s%n%n", mode.name().toLowerCase(), cores, Runtime.version(), LocalDate.now());
        downloads();
        if (mode == Mode.TINY) {
            out.println("(tiny mode: the other lessons are not run; ./course bench runs them all)");
            out.println();
        } else {
            processes(runs("processes"));
            print("4. Context switch (hand-off)", handOff(runs("cooperative")));
            print("5. Locks under contention", locks(runs("locks", "--repeat", "1")));
        }
        recorder();
        targets.note("A download target missed while the wall time sits near the CPU floor means the cores, not the threads,");
        targets.note("were the limit: client and server share this machine's cores, and every cat costs both of them CPU.");
        print("7. Targets", targets);
    }

    /** A lesson run once in quick mode, three times in full mode (each run takes tens of seconds). */
    private List<LessonRun> runs(String alias, String... args) throws Exception {
        var runs = new ArrayList<LessonRun>();
        for (int r = 0; r < (mode == Mode.FULL ? 3 : 1); r++) runs.add(LessonRun.of(jbang, 600, alias, args));
        return runs;
    }

    // 1. Lesson 02's ways against the floor: latency x ceil(N / concurrency).
    void downloads() throws Exception {
        var table = new Table("way", "N", "min ms", "median ms", "max ms", "floor ms", "median / floor", "CPU us / cat", "CPU floor ms");
        Path cats = Files.createTempDirectory("bench-cats");
        try {
            for (Way way : WAYS) {
                if (mode == Mode.TINY && !(way.key().equals("virtual") || way.key().equals("sequential"))) continue;
                for (int n : mode.sizes) {
                    if (n > way.largestN()) continue;
                    double[] wall = new double[mode.repetitions], cpu = new double[mode.repetitions];
                    for (int r = 0; r < mode.repetitions; r++) {
                        var run = LessonRun.of(jbang, 600, "threads", "--way", way.key(), "--count", String.valueOf(n),
                                "--latency", String.valueOf(mode.latencyMs), "--pool-size", String.valueOf(POOL),
                                "--out", cats.resolve(way.key() + "-" + n + "-" + r).toString());
                        var labels = Map.of("way", way.key(), "cats", n);
                        wall[r] = run.measure("wall ms", labels);
                        cpu[r] = run.measure("cpu ms", labels);
                    }
                    var ms = Spread.of(wall);
                    double cpuPerCatMicros = Spread.of(cpu).median() * 1000 / n;
                    double cpuFloorMs = cpuPerCatMicros * n / 1000 / cores;
                    long floor = (long) mode.latencyMs * ((n + way.concurrency().applyAsInt(n) - 1) / way.concurrency().applyAsInt(n));
                    table.row(way.name(), n, f0(ms.min()), f0(ms.median()), f0(ms.max()), floor, String.format("%.2f", ms.median() / floor),
                            f0(cpuPerCatMicros), f0(cpuFloorMs));
                    if (n == mode.sizes.getLast() && way.key().equals("virtual") || n == 200 && way.key().equals("thread")) {
                        double ratio = ms.median() / floor;
                        targets.row(way.name() + ", N = " + n + ": within 1.5x of the floor", String.format("%.2fx", ratio),
                                ratio <= 1.5 ? "met" : String.format("missed: %.2fx the CPU floor of %.0f ms, which no way can beat on %d cores",
                                        ms.median() / cpuFloorMs, cpuFloorMs, cores));
                    }
                }
            }
        } finally {
            delete(cats);
        }
        table.note("Each run is `jbang threads --way W --count N --latency " + mode.latencyMs + " --pool-size " + POOL
                + "`: a fresh JVM, as a learner runs it; the lesson");
        table.note("times the way alone (after its one warm-up cat). " + mode.repetitions + " runs each. The embedded server adds up to "
                + Math.min(20, mode.latencyMs / 5) + " ms of jitter to each answer.");
        table.note("CPU us / cat: the lesson's process CPU time (client and embedded server: HTTP on both ends, the file");
        table.note("written and renamed) per cat; CPU floor = that x N / " + cores + " cores: no way can beat it, whatever the latency.");
        print("1. Cat downloads (lesson 02)", table);
    }

    // 2 and 3. Lesson 03: what a thread and a process cost to start, and CPU-bound work on threads and processes.
    void processes(List<LessonRun> runs) {
        var start = new Table("what starts and ends", "median", "x virtual thread");
        double virtual = median(runs, "start µs", Map.of("what", "virtual thread"));
        for (String what : List.of("virtual thread", "platform thread", "child JVM")) {
            double us = median(runs, "start µs", Map.of("what", what));
            start.row(what, us >= 1000 ? String.format("%.1f ms", us / 1000) : String.format("%.1f us", us), f0(us / virtual));
        }
        start.note("Lesson 03's own measurement (start, then wait for the end), median of its runs; " + runs.size() + " lesson run(s).");
        print("2. Start-up cost (lesson 03)", start);

        var cpu = new Table("way", "workers", "median ms", "speed-up", "ideal");
        double single = median(runs, "primes ms", Map.of("way", "one thread", "workers", 1));
        for (var m : runs.getFirst().measures("primes ms")) {
            String way = String.valueOf(m.get("way"));
            int workers = ((Number) m.get("workers")).intValue();
            double ms = median(runs, "primes ms", Map.of("way", way, "workers", workers));
            cpu.row(way, workers, f0(ms), String.format("%.2fx", single / ms), Math.min(workers, cores) + "x");
            if (way.equals("threads") && workers == cores) {
                double speedUp = single / ms;
                targets.row("CPU-bound on " + cores + " threads: >= " + String.format("%.1f", 0.9 * cores) + "x", String.format("%.2fx", speedUp),
                        speedUp >= 0.9 * cores ? "met" : "missed");
            }
        }
        cpu.note("Lesson 03's prime count; child JVMs include their start-up and run cold. Ideal = min(workers, " + cores + " cores).");
        print("3. CPU-bound work: threads and processes (lesson 03)", cpu);
    }

    // 4. Lesson 01: the cost of handing control from one task to another.
    Table handOff(List<LessonRun> runs) {
        var table = new Table("hand-off between", "min ns", "median ns", "max ns", "median / event loop");
        double loop = median(runs, "hand-off ns", Map.of("between", "event-loop tasks"));
        for (String between : List.of("platform threads", "virtual threads", "event-loop tasks")) {
            var labels = Map.of("between", between);
            double median = median(runs, "hand-off ns", labels);
            table.row(between, f1(runs.stream().mapToDouble(r -> r.measure("hand-off ns min", labels)).min().orElseThrow()), f1(median),
                    f1(runs.stream().mapToDouble(r -> r.measure("hand-off ns max", labels)).max().orElseThrow()), f0(median / loop));
        }
        table.note("Lesson 01's own measurement; " + runs.size() + " lesson run(s). The numbers depend on the machine; the ratios less so.");
        return table;
    }

    // 5. Lesson 04: what each way of making count++ safe costs under contention.
    Table locks(List<LessonRun> runs) {
        var table = new Table("way", "1 thread ns", "2 threads ns", "4 threads ns", "4 threads / unsynchronized");
        var ways = runs.getFirst().measures("ns per increment").stream().map(m -> String.valueOf(m.get("way"))).distinct().toList();
        double wrong = median(runs, "ns per increment", Map.of("way", ways.getFirst(), "threads", 4));
        for (String way : ways) {
            double[] ns = new double[3];
            int[] threads = {1, 2, 4};
            for (int t = 0; t < 3; t++) ns[t] = median(runs, "ns per increment", Map.of("way", way, "threads", threads[t]));
            table.row(way, f1(ns[0]), f1(ns[1]), f1(ns[2]), String.format("%.1fx", ns[2] / wrong));
        }
        table.note("Lesson 04's own measurement: wall time / all increments, best of its tries; " + runs.size() + " lesson run(s).");
        return table;
    }

    private static double median(List<LessonRun> runs, String name, Map<String, ?> labels) {
        return Spread.of(runs.stream().mapToDouble(r -> r.measure(name, labels)).toArray()).median();
    }

    // 6. The timeline recorder's own cost (the lib's code, so JMH measures it).
    void recorder() throws Exception {
        var table = new Table("event", "threads", "min ns", "median ns", "max ns");
        for (int threads : List.of(1, 2)) {
            var jmh = jmh(Recording.class, threads);
            for (String kind : List.of("mark", "span")) {
                Statistics s = jmh.get(kind);
                table.row(kind, threads, f1(s.getMin()), f1(s.getPercentile(50)), f1(s.getMax()));
                if (kind.equals("mark") && threads == 1) {
                    targets.row("timeline: well under 1 us per event", f1(s.getPercentile(50)) + " ns",
                            s.getPercentile(50) < 500 ? "met" : "missed");
                }
            }
        }
        table.note("JMH; a span is two events (open, close). Budget: well under 1 us per event.");
        print("6. Timeline recorder overhead (the lib)", table);
    }

    /** Runs one JMH class with {@code threads} threads; results by method name. */
    private Map<String, Statistics> jmh(Class<?> benchmark, int threads) throws Exception {
        var options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .forks(mode.forks)
                .warmupIterations(mode.forks == 0 ? 0 : 1)
                .warmupTime(TimeValue.milliseconds(mode.iterationMs))
                .measurementIterations(mode.iterations)
                .measurementTime(TimeValue.milliseconds(mode.iterationMs))
                .threads(threads)
                .jvmArgsAppend(forkOptions())
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Map<String, Statistics> byMethod = new LinkedHashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            byMethod.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getStatistics());
        }
        return byMethod;
    }

    /** JDK 24+ warns when JMH uses sun.misc.Unsafe; older JDKs do not know the option that quiets it. */
    private static String[] forkOptions() {
        return Runtime.version().feature() >= 24
                ? new String[] {"-Xmx1g", "-Djava.awt.headless=true", "--sun-misc-unsafe-memory-access=allow"}
                : new String[] {"-Xmx1g", "-Djava.awt.headless=true"};
    }

    private void print(String title, Table table) {
        out.println("## " + title);
        out.println();
        out.print(table);
        out.println();
    }

    private static String f0(double x) {
        return String.format("%.0f", x);
    }

    private static String f1(double x) {
        return x >= 100 ? String.format("%.0f", x) : String.format("%.1f", x);
    }

    static void delete(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
