package course.benchmarks;

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatServer;
import course.procs.ChildRun;
import course.procs.JavaLauncher;
import course.procs.PythonCats;
import course.show.Spread;
import course.show.Table;
import course.timeline.Timeline;
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
import java.time.Duration;
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
    /**
     * Every section's cats: in a RAM folder ({@code /dev/shm}) where there is one, else in the temporary folder, and
     * deleted only when all sections are done. On some filesystems (ext4 without a journal) a file created in the
     * minutes after many were deleted costs several times more (section 3 measures it): the disk's recent history
     * must not decide the figures, and no run may pay for the one before it.
     */
    private Path cats;
    /** What a file costs on the temporary folder's disk and in the cats' folder, measured first: {fresh, after deletions}; see {@link #fileCost}. */
    private double[] diskFile, catsFile;
    static final int PROBED_FILES = 2000;

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
        Path probe = Files.createTempDirectory("bench-files");
        try {
            diskFile = fileCost(probe.resolve("cats"), PROBED_FILES, 5 * 1024);
        } finally {
            delete(probe);
        }
        Path ram = Path.of("/dev/shm");
        cats = Files.isDirectory(ram) && Files.isWritable(ram) ? Files.createTempDirectory(ram, "bench-cats") : Files.createTempDirectory("bench-cats");
        catsFile = fileCost(cats.resolve("0-files"), PROBED_FILES, 5 * 1024);
        out.println("Cats are written to " + cats.getParent() + (cats.startsWith(ram) ? " (RAM)" : "") + "; see section 3's last lines.");
        out.println();
        try {
            sections();
        } finally {
            delete(cats);
        }
    }

    private void sections() throws Exception {
        downloads();
        javaAgainstPython();
        whereTheCpuGoes();
        if (mode == Mode.TINY) {
            out.println("(tiny mode: the other lessons are not run; ./course bench runs them all)");
            out.println();
        } else {
            processes(runs("processes"));
            print("6. Context switch (hand-off)", handOff(runs("cooperative")));
            print("7. Locks under contention", locks(runs("locks", "--repeat", "1")));
        }
        recorder();
        targets.note("A download target missed while the wall time sits near the CPU floor means the cores, not the threads,");
        targets.note("were the limit: client and server share this machine's cores, and every cat costs both of them CPU.");
        print("9. Targets", targets);
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
        Path cats = this.cats.resolve("1-downloads");
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
                if (n == mode.sizes.getLast() && way.key().equals("virtual")) {
                    double ratio = ms.median() / floor;
                    targets.row(way.name() + ", N = " + n + ": within 3x of the floor (stretch: 1.5x)", String.format("%.2fx", ratio),
                            ratio <= 3 ? (ratio <= 1.5 ? "met, stretch too" : "met") : String.format("missed: %.2fx the CPU floor of %.0f ms, which no way can beat on %d cores",
                                    ms.median() / cpuFloorMs, cpuFloorMs, cores));
                    targets.row("CPU per cat, both ends, N = " + n + ": at most 250 us", f0(cpuPerCatMicros) + " us",
                            cpuPerCatMicros <= 250 ? "met" : String.format("missed by %.1fx: see section 3 for where it goes", cpuPerCatMicros / 250));
                }
            }
        }
        table.note("Each run is `jbang threads --way W --count N --latency " + mode.latencyMs + " --pool-size " + POOL
                + "`: a fresh JVM, as a learner runs it; the lesson");
        table.note("times the way alone (after its one warm-up cat). " + mode.repetitions + " runs each. The embedded server adds up to "
                + Math.min(20, mode.latencyMs / 5) + " ms of jitter to each answer.");
        table.note("The cats go to " + this.cats.getParent() + (this.cats.startsWith("/dev/shm") ? " (RAM), not to the disk" : "") + ": see section 3's last lines.");
        table.note("CPU us / cat: the lesson's process CPU time (client and embedded server: HTTP on both ends, the file");
        table.note("written and renamed) per cat; CPU floor = that x N / " + cores + " cores: no way can beat it, whatever the latency.");
        print("1. Cat downloads (lesson 02)", table);
    }

    // 2. The note's Python against lesson 02, on one server: the Python learner's side-by-side.
    void javaAgainstPython() throws Exception {
        String title = "2. Java against the note's Python (lesson 02 and python/cats.py)";
        var table = new Table("N", "way", "median ms", "median / floor", "client CPU us / cat", "server adds ms");
        var python = PythonCats.find();
        if (python.isEmpty()) {
            table.note("skipped: no Python to compare with. " + PythonCats.HOW_TO_GET);
            print(title, table);
            return;
        }
        List<Integer> sizes = mode == Mode.TINY ? List.of(5) : List.of(100, 1000, 2000);
        var latency = Duration.ofMillis(mode.latencyMs);
        var settings = CatServer.Settings.DEFAULT.withLatency(latency, Duration.ofMillis(Math.min(20, mode.latencyMs / 5)));
        Path cats = Files.createDirectories(this.cats.resolve("2-python"));
        try (var server = CatServer.start(settings); var client = new CatClient()) {
            warmUp(server, client, cats, Math.min(500, sizes.getLast()));
            for (int n : sizes) {
                Map<String, double[]> wall = new LinkedHashMap<>(), cpu = new LinkedHashMap<>(), added = new LinkedHashMap<>();
                for (String way : List.of("Python threads (the note's)", "Python asyncio + aiohttp", "Python asyncio, whole run",
                        "Java, thread per cat", "Java, virtual threads", "Java, virtual threads, whole run", WARM)) {
                    wall.put(way, new double[mode.repetitions]);
                    cpu.put(way, new double[mode.repetitions]);
                    added.put(way, new double[mode.repetitions]);
                }
                for (int r = 0; r < mode.repetitions; r++) {
                    for (String way : wall.keySet()) {
                        if (way.endsWith("whole run")) continue;  // measured with the run it belongs to
                        Path out = Files.createDirectories(cats.resolve(n + "-" + r + "-" + way.replaceAll("[^a-z]+", "-")));
                        server.resetCounters();
                        if (way.startsWith("Python")) {
                            long start = System.nanoTime();
                            var run = python.get().run(way.contains("asyncio") ? "asyncio" : "threads", server.catUrl(), n, out,
                                    Duration.ofSeconds(60));
                            double whole = (System.nanoTime() - start) / 1e6;
                            if (run.failed() > 0) throw new IllegalStateException("cats.py " + way + ": " + run.failed() + " of " + n + " failed");
                            wall.get(way)[r] = run.wallMs();
                            cpu.get(way)[r] = run.cpuMs() * 1000 / n;
                            if (way.contains("asyncio")) {
                                wall.get("Python asyncio, whole run")[r] = whole;
                                cpu.get("Python asyncio, whole run")[r] = Double.NaN;
                                added.get("Python asyncio, whole run")[r] = Double.NaN;
                            }
                        } else if (way.equals(WARM)) {
                            var batch = new CatBatch(client, server.catUrl(), out, Timeline.start());
                            long start = System.nanoTime();
                            CpuProfile.fetchAll(batch, n);
                            wall.get(way)[r] = (System.nanoTime() - start) / 1e6;
                            if (!batch.failures().isEmpty()) throw new IllegalStateException(WARM + ": " + batch.failures().size() + " of " + n + " failed");
                            cpu.get(way)[r] = Double.NaN;  // this JVM's CPU time includes the server's
                        } else {
                            String key = way.contains("virtual") ? "virtual" : "thread";
                            long start = System.nanoTime();
                            var run = LessonRun.of(jbang, 600, "threads", "--url", server.catUrl(), "--way", key,
                                    "--count", String.valueOf(n), "--out", out.toString());
                            double whole = (System.nanoTime() - start) / 1e6;
                            var labels = Map.of("way", key, "cats", n);
                            wall.get(way)[r] = run.measure("wall ms", labels);
                            cpu.get(way)[r] = run.measure("cpu ms", labels) * 1000 / n;
                            if (key.equals("virtual")) {
                                wall.get("Java, virtual threads, whole run")[r] = whole;
                                cpu.get("Java, virtual threads, whole run")[r] = Double.NaN;
                                added.get("Java, virtual threads, whole run")[r] = Double.NaN;
                            }
                        }
                        added.get(way)[r] = server.meanAnswer().toNanos() / 1e6 - mode.latencyMs;
                    }
                }
                for (String way : wall.keySet()) {
                    var ms = Spread.of(wall.get(way));
                    double cpuMedian = Spread.of(cpu.get(way)).median(), addedMedian = Spread.of(added.get(way)).median();
                    table.row(n, way, f0(ms.median()), String.format("%.2f", ms.median() / mode.latencyMs),
                            Double.isNaN(cpuMedian) ? "" : f0(cpuMedian), Double.isNaN(addedMedian) ? "" : f1(addedMedian));
                }
                double asyncio = Spread.of(wall.get("Python asyncio + aiohttp")).median();
                double virtual = Spread.of(wall.get("Java, virtual threads")).median();
                double warm = Spread.of(wall.get(WARM)).median();
                String coldJvm = String.format("missed: a fresh JVM's JIT (%.0f us of CPU per cat, client only); the same code in a warm JVM: %.2fx",
                        Spread.of(cpu.get("Java, virtual threads")).median(), asyncio / warm);
                if (n >= 1000) {
                    targets.row("virtual threads vs the note's asyncio, N = " + n + ": at least 2x faster", String.format("%.2fx", asyncio / virtual),
                            asyncio / virtual >= 2 ? "met" : coldJvm);
                } else if (n == 100) {
                    targets.row("virtual threads vs the note's asyncio, N = 100: never slower", String.format("%.2fx", asyncio / virtual),
                            virtual <= asyncio ? "met" : coldJvm);
                }
                if (n == sizes.getLast()) {
                    double addedMs = Spread.of(added.get("Java, virtual threads")).median();
                    targets.row("server's added delay at N = " + n + " (virtual threads): at most 10 ms", f1(addedMs) + " ms",
                            addedMs <= 10 ? "met" : "missed: the server shares 2 cores with a client that keeps them busy");
                }
            }
        }
        table.note("One cat server (this JVM, " + mode.latencyMs + " ms latency, up to " + Math.min(20, mode.latencyMs / 5)
                + " ms jitter, warmed up first) answers every client in turn; " + mode.repetitions + (mode.repetitions == 1 ? " run" : " runs") + " each, interleaved.");
        table.note("Python: " + python.get().python() + " python/cats.py --way threads|asyncio (aiohttp's default: at most 100 connections).");
        table.note("Java: jbang threads --url <that server> --way thread|virtual, a fresh JVM each. median ms: each program's own");
        table.note("timing of its downloads, start-up excluded; \"whole run\": the python3 or jbang process from start to exit.");
        table.note("warm JVM: the lesson's virtual-thread way (CatBatch.fetch, a virtual thread per cat) run in this JVM after 3 rounds");
        table.note("of warm-up, its code compiled by the JIT: what the fresh JVM's figure pays for compiling as it goes.");
        table.note("client CPU: the client process's CPU time per cat (Python's includes its threads); the server's is not in it.");
        table.note("server adds: the server's mean answer time (request read to last byte sent) minus the latency.");
        print(title, table);
    }

    /**
     * Warms the server's code paths, so that the first client timed does not pay for its JIT; and the client's, for
     * the {@link #WARM} row: the same lib code as the lesson's virtual-thread way, compiled by now.
     */
    private static void warmUp(CatServer server, CatClient client, Path folder, int n) throws Exception {
        Path warm = Files.createDirectories(folder.resolve("warm-up"));
        for (int round = 0; round < 3; round++) {
            CpuProfile.fetchAll(new CatBatch(client, server.catUrl(), Files.createDirectories(warm.resolve("round-" + round)),
                    Timeline.start()), n);
        }
    }

    /** Section 2's row for the lesson's virtual-thread way in a warm JVM: what the cold rows pay for the JIT. */
    static final String WARM = "Java, virtual threads, warm JVM";

    // 3. Where a cat's CPU goes, both ends, cold and warm: lesson 02's virtual threads under async-profiler.
    void whereTheCpuGoes() throws Exception {
        int n = mode == Mode.TINY ? 20 : 2000;
        int rounds = mode == Mode.TINY ? 2 : 5;
        var table = new Table("where the CPU goes", "cold us / cat", "cold %", "cold, C1 only us / cat", "warm us / cat", "warm %");
        Profiled c2 = profile(n, rounds), c1 = c2 == null ? null : profile(n, 1, "-XX:TieredStopAtLevel=1");
        if (c2 == null || c1 == null) {
            table.note("skipped: " + cannotSample);
            print("3. Where a cat's CPU goes (lesson 02's virtual threads, both ends)", table);
            return;
        }
        double[] coldTotal = {0}, c1Total = {0}, warmTotal = {0};
        for (String category : c2.cold.shares().keySet()) {
            double cold = c2.cold.microsPerCat(category, n), warm = c2.warm.microsPerCat(category, n), coldC1 = c1.cold.microsPerCat(category, n);
            coldTotal[0] += cold;
            c1Total[0] += coldC1;
            warmTotal[0] += warm;
            table.row(category, f0(cold), f0(100 * c2.cold.shares().get(category)), f0(coldC1), f0(warm), f0(100 * c2.warm.shares().get(category)));
        }
        table.row("all (the process's CPU time)", f0(coldTotal[0]), "100", f0(c1Total[0]), f0(warmTotal[0]), "100");
        table.row("of which in the kernel (system time)", kernel(c2.cold, n), kernelShare(c2.cold), kernel(c1.cold, n), kernel(c2.warm, n),
                kernelShare(c2.warm));
        table.row("wall ms for the " + n + " cats", f0(c2.cold.wallMs), "", f0(c1.cold.wallMs), f0(c2.warm.wallMs), "");
        table.row("server adds ms (mean / slowest)", f1(c2.cold.addedMeanMs) + " / " + f0(c2.cold.addedMaxMs), "",
                f1(c1.cold.addedMeanMs) + " / " + f0(c1.cold.addedMaxMs), f1(c2.warm.addedMeanMs) + " / " + f0(c2.warm.addedMaxMs), "");
        double warmWork = warmTotal[0] - c2.warm.microsPerCat("JIT compiler threads", n) - c2.warm.microsPerCat("garbage collector", n);
        var largest = c2.cold.shares().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " " + f0(100 * e.getValue()) + "%").toList();
        targets.row("CPU per cat, both ends, cold (section 3): at most 250 us", f0(coldTotal[0]) + " us",
                coldTotal[0] <= 250 ? "met" : String.format("missed by %.1fx: %s", coldTotal[0] / 250, String.join(", ", largest)));
        double warmKernel = c2.warm.sysMs * 1000 / n;
        targets.row("the same, warm, JIT and GC left out: at most 250 us", f0(warmWork) + " us",
                warmWork <= 250 ? "met" : String.format("missed by %.1fx: the work itself%s", warmWork / 250, Double.isNaN(warmKernel) ? ""
                        : String.format("; the kernel alone took %.0f us per cat (sockets on both ends, files, wake-ups)", warmKernel)));

        table.note("Warm, without the JIT and the GC, a cat still costs " + f0(warmWork) + " us: a TCP connection, an HTTP exchange on");
        table.note("each end, a file written and renamed. At that price " + n + " cats need " + f0(warmWork * n / 1000 / cores)
                + " ms of " + cores + " cores, whatever the threads.");
        table.note(n + " cats at once, a virtual thread each (lesson 02's way) against the embedded server (" + mode.latencyMs
                + " ms), in one fresh JVM, sampled every ms of CPU");
        table.note("by async-profiler (" + c2.event + " event), JIT compiler, GC and kernel included. cold: the first round after the");
        table.note("lesson's one warm-up cat, as `jbang threads` runs it; warm: round " + rounds + " in the same JVM. C1 only:");
        table.note("-XX:TieredStopAtLevel=1, which lesson 02's script sets. A stack counts once, for the first category it contains.");
        table.note("Kernel: the process's system time (/proc/self/stat), part of each column's CPU above.");
        table.note(String.format("A file written and renamed (5 KB, one at a time, %d of them, before all sections), into an empty folder and", PROBED_FILES));
        table.note(String.format("2 s after deleting as many: %.0f and %.0f us each on the disk (%s), %.0f and %.0f us in %s.",
                diskFile[0], diskFile[1], Path.of(System.getProperty("java.io.tmpdir")), catsFile[0], catsFile[1], cats.getParent()));
        table.note("ext4 without a journal reuses no inode freed in the last minute (five, until its block is written back): each new");
        table.note("file steps past them, so the disk's figures depend on what was deleted minutes earlier, by anyone. Sections 1 to 3");
        table.note("write their cats to " + cats.getParent() + " and delete them at the end, so that no run pays for the one before it.");
        print("3. Where a cat's CPU goes (lesson 02's virtual threads, both ends)", table);
    }

    /** One profiled round: its CPU samples by category, and what it took. */
    record Round(Map<String, Double> shares, double wallMs, double cpuMs, double addedMeanMs, double addedMaxMs, double sysMs) {
        double microsPerCat(String category, int n) {
            return shares.get(category) * cpuMs * 1000 / n;
        }
    }

    record Profiled(String event, Round cold, Round warm) {
    }

    /** Why the profile was skipped, when async-profiler cannot load or sample on this machine. */
    private String cannotSample;
    private int profiles;

    /** Runs {@link CpuProfile} in a fresh JVM with these options; its first and last rounds, or null if it cannot sample here. */
    private Profiled profile(int n, int rounds, String... jvmOptions) throws Exception {
        var options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        options.addAll(List.of(jvmOptions));
        Path folder = cats.resolve("3-profile-" + (++profiles));
        var run = ChildRun.run(JavaLauncher.command(options, CpuProfile.class, String.valueOf(n), String.valueOf(mode.latencyMs),
                String.valueOf(rounds), folder.toString()), Duration.ofSeconds(300));
        List<String> lines = run.output().stream().map(l -> l.replaceFirst("^\\[[0-9]+\\] ", "")).toList();
        if (!run.timedOut() && run.exitCode() == CpuProfile.CANNOT_SAMPLE) {
            cannotSample = lines.stream().filter(l -> l.startsWith("cannot-sample ")).map(l -> l.substring("cannot-sample ".length()))
                    .findFirst().orElse("async-profiler cannot load or sample here");
            return null;
        }
        if (run.timedOut() || run.exitCode() != 0) throw new IllegalStateException("the profile: " + run.outcome() + ": " + run.lastWords());
        return new Profiled(CpuProfile.event(lines), round(lines, 1), round(lines, rounds));
    }

    private static String kernel(Round round, int n) {
        return Double.isNaN(round.sysMs) ? "-" : f0(round.sysMs * 1000 / n);
    }

    private static String kernelShare(Round round) {
        return Double.isNaN(round.sysMs) ? "" : f0(100 * round.sysMs / round.cpuMs);
    }

    static Round round(List<String> lines, int round) {
        String[] r = lines.stream().filter(l -> l.startsWith("round " + round + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no round " + round + " in the profile's output: " + lines)).split(" ");
        if (!r[13].equals("0")) throw new IllegalStateException("round " + round + " of the profile: " + r[13] + " downloads failed");
        var samples = new LinkedHashMap<String, Long>();
        for (String line : lines) {
            if (!line.startsWith("samples " + round + " ")) continue;
            String[] kv = line.substring(("samples " + round + " ").length()).split("\t");
            samples.put(kv[0], Long.parseLong(kv[1]));
        }
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) throw new IllegalStateException("round " + round + " of the profile has no samples");
        var shares = new LinkedHashMap<String, Double>();
        samples.forEach((k, v) -> shares.put(k, (double) v / total));
        double sysMs = r.length > 15 && !r[15].equals("-") ? Double.parseDouble(r[15]) : Double.NaN;
        return new Round(shares, Double.parseDouble(r[5]), Double.parseDouble(r[7]), Double.parseDouble(r[9]), Double.parseDouble(r[11]), sysMs);
    }

    // 4 and 5. Lesson 03: what a thread and a process cost to start, and CPU-bound work on threads and processes.
    void processes(List<LessonRun> runs) {
        var start = new Table("what starts and ends", "median", "x virtual thread");
        double virtual = median(runs, "start µs", Map.of("what", "virtual thread"));
        for (String what : List.of("virtual thread", "platform thread", "child JVM")) {
            double us = median(runs, "start µs", Map.of("what", what));
            start.row(what, us >= 1000 ? String.format("%.1f ms", us / 1000) : String.format("%.1f us", us), f0(us / virtual));
        }
        start.note("Lesson 03's own measurement (start, then wait for the end), median of its runs; " + runs.size() + " lesson run(s).");
        print("4. Start-up cost (lesson 03)", start);

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
        print("5. CPU-bound work: threads and processes (lesson 03)", cpu);
    }

    // 6. Lesson 01: the cost of handing control from one task to another.
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

    // 7. Lesson 04: what each way of making count++ safe costs under contention.
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

    // 8. The timeline recorder's own cost (the lib's code, so JMH measures it).
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
        print("8. Timeline recorder overhead (the lib)", table);
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

    /**
     * What creating one file costs here, in us: {@code n} files of {@code bytes} each written and renamed into an
     * empty folder, one after the other, then deleted, and two seconds later {@code n} more written the same way
     * into the same folder. Returns {fresh, after the deletion}. ext4 without a journal does not reuse an inode
     * freed in an earlier second of the last minute (of the last five, while its inode table block waits to be
     * written back): each new file first steps past all of them (Linux's fs/ext4/ialloc.c, {@code recently_deleted}).
     * The second figure shows what a run pays for the files the run before it deleted.
     */
    static double[] fileCost(Path folder, int n, int bytes) throws java.io.IOException, InterruptedException {
        Files.createDirectories(folder);
        byte[] picture = new byte[bytes];
        double[] micros = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Path partial = folder.resolve(".partial-" + pass + "-" + i), cat = folder.resolve("cat-" + pass + "-" + i + ".png");
                Files.write(partial, picture, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                Files.move(partial, cat, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            micros[pass] = (System.nanoTime() - start) / 1e3 / n;
            if (pass == 0) {
                for (int i = 0; i < n; i++) Files.delete(folder.resolve("cat-0-" + i + ".png"));
                Thread.sleep(2_000);  // a deletion within the same second as a creation does not count as recent
            }
        }
        return micros;
    }

    static void delete(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
