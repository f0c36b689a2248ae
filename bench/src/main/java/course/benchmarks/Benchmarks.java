package course.benchmarks;

import course.cats.CatClient;
import course.cats.CatServer;
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
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every speed claim of the lessons, measured on this machine: {@code ./course bench} (quick, a few
 * minutes), {@code ./course bench --full}, {@code --record} to write BENCHMARKS.md. Each figure comes with
 * its limit (the floor, the ideal, or the fastest way) as a ratio, because one machine's absolute numbers
 * say little about another's.
 */
public final class Benchmarks {

    /** How hard to try: JMH iterations and forks, workload sizes and repetitions. */
    enum Mode {
        TINY(0, 1, 20, 1, 20, List.of(5), 200_000L),
        QUICK(1, 3, 300, 3, 100, List.of(20, 200, 2000), 6_000_000L),
        FULL(2, 5, 500, 5, 100, List.of(20, 200, 2000), 12_000_000L);

        final int forks, iterations, iterationMs, repetitions, latencyMs;
        final List<Integer> sizes;
        final long primeLimit;

        Mode(int forks, int iterations, int iterationMs, int repetitions, int latencyMs, List<Integer> sizes, long primeLimit) {
            this.forks = forks;
            this.iterations = iterations;
            this.iterationMs = iterationMs;
            this.repetitions = repetitions;
            this.latencyMs = latencyMs;
            this.sizes = sizes;
            this.primeLimit = primeLimit;
        }
    }

    private final Mode mode;
    private final PrintStream out;
    private final Table targets = new Table("target", "measured", "verdict");
    private String serverNote;

    Benchmarks(Mode mode, PrintStream out) {
        this.mode = mode;
        this.out = out;
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
        var copy = new ByteArrayOutputStream();
        var both = new PrintStream(new TeeStream(System.out, copy), true, StandardCharsets.UTF_8);
        new Benchmarks(mode, both).runAll();
        if (record) {
            Path file = Path.of("BENCHMARKS.md");
            Files.writeString(file, Report.markdown(mode.name().toLowerCase(), copy.toString(StandardCharsets.UTF_8)));
            System.out.println("written: " + file.toAbsolutePath());
        }
    }

    void runAll() throws Exception {
        out.printf("Benchmarks (%s mode) on %d cores, JDK %s, %s%n%n", mode.name().toLowerCase(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), LocalDate.now());
        downloads();
        startUp();
        handOff();
        cpuBound();
        counters();
        recorder();
        targets.note("A download target missed while the wall time sits near the CPU floor means the cores, not the threads,");
        targets.note("were the limit: client and server share this machine's cores, and every cat costs both of them CPU.");
        print("7. Targets", targets);
    }

    private void downloadTarget(String way, int n, double medianMs, long floorMs, double cpuFloorMs) {
        double ratio = medianMs / floorMs;
        String verdict = ratio <= 1.5 ? "met"
                : String.format("missed: %.2fx the CPU floor of %.0f ms, which no way can beat on %d cores", medianMs / cpuFloorMs,
                cpuFloorMs, Runtime.getRuntime().availableProcessors());
        targets.row(way + ", N = " + n + ": within 1.5x of the floor", String.format("%.2fx", ratio), verdict);
    }

    // 1. Cat downloads against the floor: latency x ceil(N / concurrency).
    void downloads() throws Exception {
        var settings = CatServer.Settings.DEFAULT.withLatency(Duration.ofMillis(mode.latencyMs), Duration.ZERO);
        var table = new Table("way", "N", "min ms", "median ms", "max ms", "floor ms", "median / floor", "CPU us / cat", "CPU floor ms");
        int cores = Runtime.getRuntime().availableProcessors();
        int maxN = mode.sizes.get(mode.sizes.size() - 1);
        System.setProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(maxN));
        try (var server = CatServer.start(settings);
             var client = new CatClient(CatClient.CONNECT_TIMEOUT, CatClient.READ_TIMEOUT, maxN)) {
            var ways = new ArrayList<>(Workloads.threadWays());
            ways.addAll(Workloads.processWays(server.catUrl()));
            for (var way : ways) {
                List<Integer> sizes = mode.sizes.stream().filter(n -> sensible(way.name(), n)).toList();
                // warm-up at the largest N: the JIT, the connection pools and the file system all learn
                Workloads.downloads(server, client, way, sizes.getLast(), 1);
                for (int n : sizes) {
                    server.resetCounters();
                    var timed = Workloads.downloads(server, client, way, n, mode.repetitions);
                    var m = timed.wallMs();
                    long floor = (long) mode.latencyMs * ((n + way.concurrency(n) - 1) / way.concurrency(n));
                    double cpuPerCat = timed.cpuMicrosPerCat().median();
                    boolean children = way.name().startsWith("process") || way.name().contains("JVMs");
                    table.row(way.name(), n, m.min("%.0f"), m.median("%.0f"), m.max("%.0f"), floor, String.format("%.2f", m.median() / floor),
                            String.format("%.0f", cpuPerCat) + (children ? "*" : ""), children ? "-" : String.format("%.0f", cpuPerCat * n / 1000 / cores));
                    if (n == mode.sizes.getLast() && way.name().equals("virtual threads")
                            || n == 200 && way.name().equals("thread per cat")) {
                        downloadTarget(way.name(), n, m.median(), floor, cpuPerCat * n / 1000 / cores);
                    }
                    if (n == mode.sizes.getLast() && way.name().equals("virtual threads")) {
                        serverNote = String.format("Is the server the bottleneck? During virtual threads at N = %d it answered a cat in %d ms"
                                + " on average, %d ms at the slowest (latency %d ms), from a request's arrival to its last byte.",
                                n, server.meanAnswer().toMillis(), server.slowestAnswer().toMillis(), mode.latencyMs);
                    }
                }
            }
        }
        if (serverNote != null) table.note(serverNote);
        table.note("Embedded server at " + mode.latencyMs + " ms latency, no jitter; " + mode.repetitions
                + " runs each after a warm-up run at the way's largest N; a run is every cat saved to disk.");
        table.note("CPU us / cat: CPU time of this JVM (client and server: HTTP on both ends, the file written and renamed)");
        table.note("per cat; CPU floor = that x N / " + cores + " cores: no way can beat it, whatever the latency. * = parent only:");
        table.note("the child JVMs' own CPU is not counted. Targets: virtual threads within 1.5x of the floor at N = 2,000;");
        table.note("platform threads within 1.5x at N = 200.");
        print("1. Cat downloads", table);
    }

    /** The sizes worth timing for a way: 200 sequential downloads or 2,000 OS threads or JVMs teach nothing new. */
    private static boolean sensible(String way, int n) {
        if (way.equals("sequential") || way.equals("process per cat")) return n <= 20;
        if (way.equals("thread per cat") || way.contains("worker JVMs")) return n <= 200;
        return true;
    }

    // 2. Start-up cost of a platform thread, a virtual thread, a child JVM.
    void startUp() throws Exception {
        var jmh = jmh(ThreadStart.class, 1);
        double[] childMs = new double[Math.max(3, mode.repetitions)];
        String javaBin = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (int r = 0; r < childMs.length; r++) {
            long start = System.nanoTime();
            var child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Nothing.class.getName())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException("a no-op child JVM ran past 60 s");
            }
            childMs[r] = (System.nanoTime() - start) / 1e6;
        }
        var child = Measured.of(childMs);
        double virtual = jmh.get("virtualThread").getPercentile(50);
        var table = new Table("what starts and ends", "min", "median", "max", "median / virtual thread");
        table.row("virtual thread", ns(jmh.get("virtualThread").getMin()), ns(virtual), ns(jmh.get("virtualThread").getMax()), "1");
        Statistics platform = jmh.get("platformThread");
        table.row("platform thread", ns(platform.getMin()), ns(platform.getPercentile(50)), ns(platform.getMax()),
                String.format("%.0f", platform.getPercentile(50) / virtual));
        table.row("child JVM (no-op main)", ms(child.min()), ms(child.median()), ms(child.max()),
                String.format("%.0f", child.median() * 1e6 / virtual));
        table.note("Threads: JMH, start() then join() of an empty Runnable. Child JVM: ProcessBuilder start to exit, "
                + childMs.length + " runs, same JDK and class path.");
        print("2. Start-up cost", table);
    }

    // 3. Hand-off (context switch) cost.
    void handOff() throws Exception {
        var jmh = jmh(HandOff.class, 1);
        double loop = jmh.get("eventLoopTasks").getPercentile(50);
        var table = new Table("hand-off between", "min ns", "median ns", "max ns", "median / event loop");
        for (var e : List.of(Map.entry("two platform threads", "platformThreads"), Map.entry("two virtual threads", "virtualThreads"),
                Map.entry("two event-loop tasks", "eventLoopTasks"))) {
            Statistics s = jmh.get(e.getValue());
            table.row(e.getKey(), f(s.getMin()), f(s.getPercentile(50)), f(s.getMax()), String.format("%.0f", s.getPercentile(50) / loop));
        }
        table.note("Threads: ping-pong over a SynchronousQueue, per message (each parks one thread and wakes the other).");
        table.note("Event loop: two tasks of one thread queue each other. The numbers depend on the machine; the ratios less so.");
        print("3. Context switch (hand-off)", table);
    }

    // 4. CPU-bound speed-up with threads against the core count.
    void cpuBound() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Workloads.primesWithThreads(mode.primeLimit / 4, cores);  // warm-up
        var table = new Table("split across", "min ms", "median ms", "max ms", "speed-up", "ideal");
        double single = 0;
        for (int threads : List.of(1, 2, 4)) {
            double[] ms = new double[mode.repetitions];
            for (int r = 0; r < ms.length; r++) ms[r] = Workloads.primesWithThreads(mode.primeLimit, threads);
            var m = Measured.of(ms);
            if (threads == 1) single = m.median();
            table.row(threads + (threads == 1 ? " thread" : " threads"), m.min("%.0f"), m.median("%.0f"), m.max("%.0f"),
                    String.format("%.2fx", single / m.median()), String.format("%dx", Math.min(threads, cores)));
            if (threads == cores) {
                double speedUp = single / m.median();
                targets.row("CPU-bound on " + cores + " threads: >= " + (cores == 2 ? "1.8" : "0.9 x cores") + "x",
                        String.format("%.2fx", speedUp), speedUp >= 0.9 * cores ? "met" : "missed");
            }
        }
        for (int processes : List.of(1, 2)) {
            double[] ms = new double[mode.repetitions];
            for (int r = 0; r < ms.length; r++) ms[r] = Workloads.primesWithProcesses(mode.primeLimit, processes);
            var m = Measured.of(ms);
            table.row(processes + (processes == 1 ? " child JVM" : " child JVMs"), m.min("%.0f"), m.median("%.0f"), m.max("%.0f"),
                    String.format("%.2fx", single / m.median()), String.format("%dx", Math.min(processes, cores)));
        }
        table.note("Counting primes below " + mode.primeLimit + ", split in interleaved blocks; " + mode.repetitions
                + " runs each; speed-up against 1 thread. Ideal = min(threads, " + cores + " cores).");
        table.note("Child JVMs include their start-up (and run cold, without the parent's warmed-up JIT). Target: threads >= 1.8x on 2 cores.");
        print("4. CPU-bound work: threads and processes", table);
    }

    // 5. Ways to make count++ safe, under contention.
    void counters() throws Exception {
        var table = new Table("way", "1 thread ns", "2 threads ns", "4 threads ns", "8 threads ns");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int threads : List.of(1, 2, 4, 8)) {
            var jmh = jmh(Counters.class, threads);
            for (String way : List.of("synchronizedBlock", "reentrantLock", "atomicLong", "longAdder")) {
                rows.computeIfAbsent(way, k -> new ArrayList<>()).add(f(jmh.get(way).getPercentile(50)));
            }
        }
        rows.forEach((way, cells) -> table.row(way, cells.get(0), cells.get(1), cells.get(2), cells.get(3)));
        table.note("JMH, median ns per increment as seen by each thread, all threads on one shared counter.");
        print("5. Locks under contention", table);
    }

    // 6. The timeline recorder's own cost.
    void recorder() throws Exception {
        var table = new Table("event", "threads", "min ns", "median ns", "max ns");
        for (int threads : List.of(1, 2)) {
            var jmh = jmh(Recording.class, threads);
            for (String kind : List.of("mark", "span")) {
                Statistics s = jmh.get(kind);
                table.row(kind, threads, f(s.getMin()), f(s.getPercentile(50)), f(s.getMax()));
                if (kind.equals("mark") && threads == 1) {
                    targets.row("timeline: well under 1 us per event", f(s.getPercentile(50)) + " ns",
                            s.getPercentile(50) < 500 ? "met" : "missed");
                }
            }
        }
        table.note("JMH; a span is two events (open, close). Budget: well under 1 us per event.");
        print("6. Timeline recorder overhead", table);
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

    private static String f(double ns) {
        return ns >= 100 ? String.format("%.0f", ns) : String.format("%.1f", ns);
    }

    private static String ns(double ns) {
        return ns >= 1_000_000 ? String.format("%.1f ms", ns / 1e6) : ns >= 1000 ? String.format("%.1f us", ns / 1000) : String.format("%.0f ns", ns);
    }

    private static String ms(double ms) {
        return String.format("%.0f ms", ms);
    }
}
