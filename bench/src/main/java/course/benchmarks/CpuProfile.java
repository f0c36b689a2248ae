package course.benchmarks;

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatServer;
import course.timeline.Timeline;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where the CPU of one cat goes, on both ends: lesson 02's virtual-thread way (a virtual thread per cat calling
 * {@link CatBatch#fetch}, against the embedded {@link CatServer}, in one fresh JVM as the lesson runs), sampled
 * by async-profiler. Round 1 is cold (the JVM has just started: the JIT compiles as the cats arrive); the last
 * round is warm (the same JVM, after several rounds). Each profiled round's samples are sorted into the
 * {@link #CATEGORIES}, first match on the stack wins.
 *
 * <p>Run by {@link Benchmarks} in a child JVM, so that "cold" means cold; it prints one line per round:
 * {@code round <r> cats <n> wall-ms <x> cpu-ms <x> added-mean-ms <x> added-max-ms <x> failed <k> sys-ms <x>}
 * ({@code sys-ms -} where the kernel's share cannot be read), then, for a profiled round,
 * {@code samples <r> <category>\t<count>} lines. The cats go into FOLDER, which it leaves for the caller to delete.
 *
 * <pre>java -cp benchmarks.jar course.benchmarks.CpuProfile N LATENCY_MS ROUNDS FOLDER</pre>
 */
public final class CpuProfile {

    /** What a stack is counted as, by the frame it contains; checked in this order, first match wins. */
    static final List<Map.Entry<String, List<String>>> CATEGORIES = List.of(
            Map.entry("JIT compiler threads", List.of("CompileBroker::", "C2Compiler::", "Compiler::compile")),
            Map.entry("garbage collector", List.of("G1", "GCTask", "WorkerThread::run", "ConcurrentGCThread")),
            Map.entry("client: okhttp's connection pool", List.of("okhttp3/internal/connection/RealConnectionPool")),
            Map.entry("client: okhttp opening a connection", List.of("okhttp3/internal/connection/ConnectPlan")),
            Map.entry("client: saving the file (write, rename)", List.of("course/cats/CatClient.saveStreaming", "course/cats/Partials")),
            Map.entry("client: okhttp request and response", List.of("okhttp3/", "okio/")),
            Map.entry("server: the cat handler and its answer", List.of("course/cats/CatServer")),
            Map.entry("server: JDK HttpServer (accept, read, dispatch)", List.of("sun/net/httpserver/")),
            Map.entry("virtual threads: mount, unmount, carriers", List.of("ForkJoinPool", "VirtualThread", "Continuation", "cont_")),
            Map.entry("timers (sleeps, timeouts)", List.of("DelayScheduler", "ScheduledThreadPoolExecutor", "TimerThread")),
            Map.entry("class loading and linking", List.of("ClassLoader", "SystemDictionary", "LinkResolver")));
    static final String OTHER = "other (JVM, kernel, the timeline)";
    /** Exit code when async-profiler cannot load or sample on this machine. */
    static final int CANNOT_SAMPLE = 3;

    private CpuProfile() {
    }

    /** The category of one collapsed stack ({@code frame;frame;...}). */
    static String categoryOf(String stack) {
        for (var category : CATEGORIES) {
            for (String frame : category.getValue()) {
                if (stack.contains(frame)) return category.getKey();
            }
        }
        return OTHER;
    }

    /** Samples per category, from async-profiler's collapsed output ({@code stack count} per line). */
    static Map<String, Long> categorise(String collapsed) {
        var counts = new LinkedHashMap<String, Long>();
        for (var category : CATEGORIES) counts.put(category.getKey(), 0L);
        counts.put(OTHER, 0L);
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) continue;
            counts.merge(categoryOf(line.substring(0, space)), Long.parseLong(line.substring(space + 1).trim()), Long::sum);
        }
        return counts;
    }

    public static void main(String... args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long latencyMs = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AsyncProfiler profiler;
        String event;
        try {
            profiler = AsyncProfiler.getInstance();
            event = startable(profiler);
        } catch (RuntimeException | LinkageError e) {
            System.out.println("cannot-sample " + (e.getMessage() != null && e.getMessage().startsWith("async-profiler")
                    ? e.getMessage() : "async-profiler cannot load here: " + e));
            System.exit(CANNOT_SAMPLE);
            return;
        }
        System.out.println("event " + event);
        var settings = CatServer.Settings.DEFAULT.withLatency(Duration.ofMillis(latencyMs), Duration.ofMillis(Math.min(20, latencyMs / 5)));
        Path root = Files.createDirectories(Path.of(args[3]));
        try (var server = CatServer.start(settings);
             var client = new CatClient(CatClient.CONNECT_TIMEOUT, CatClient.READ_TIMEOUT)) {
            Files.delete(client.download(server.catUrl(), root).path());   // the lesson's one warm-up cat
            for (int round = 1; round <= rounds; round++) {
                boolean profiled = round == 1 || round == rounds;
                var batch = new CatBatch(client, server.catUrl(), Files.createDirectories(root.resolve("round-" + round)), Timeline.start());
                server.resetCounters();
                if (profiled) profiler.execute("start,event=" + event + ",interval=1ms");
                long cpu = os.getProcessCpuTime();
                double sys = kernelMs();
                long start = System.nanoTime();
                fetchAll(batch, n);
                double wallMs = (System.nanoTime() - start) / 1e6;
                double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
                double sysMs = kernelMs() - sys;
                String collapsed = null;
                if (profiled) {
                    profiler.stop();
                    collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
                }
                System.out.printf("round %d cats %d wall-ms %.1f cpu-ms %.1f added-mean-ms %.1f added-max-ms %.1f failed %d sys-ms %s%n",
                        round, batch.downloads().size(), wallMs, cpuMs,
                        server.meanAnswer().toNanos() / 1e6 - latencyMs, server.slowestAnswer().toNanos() / 1e6 - latencyMs,
                        batch.failures().size(), Double.isNaN(sysMs) ? "-" : String.format("%.0f", sysMs));
                if (collapsed != null) {
                    for (var count : categorise(collapsed).entrySet()) {
                        System.out.printf("samples %d %s\t%d%n", round, count.getKey(), count.getValue());
                    }
                }
            }
        }
    }

    /**
     * This process's CPU time in the kernel so far, in ms, from {@code /proc/self/stat} (field 15, {@code stime}, in
     * clock ticks of 10 ms: Linux's USER_HZ is 100); NaN where there is no such file.
     */
    static double kernelMs() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]) * 10.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Lesson 02's virtual-thread way: cats 0 to n - 1, a virtual thread each; returns when all are done. */
    static void fetchAll(CatBatch batch, int n) {
        try (ExecutorService perCat = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int cat = 0; cat < n; cat++) {
                int i = cat;
                perCat.submit(() -> batch.fetch(i));
            }
        }
    }

    /** The sampling event a run's output names. */
    static String event(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("event ")).map(l -> l.substring(6)).findFirst().orElse("unknown");
    }

    /**
     * CPU time from perf events where the kernel allows them (they alone see kernel stacks); else a per-thread CPU-time
     * timer ({@code ctimer}, then {@code itimer}), which needs no permission (containers often forbid perf events).
     */
    private static String startable(AsyncProfiler profiler) throws Exception {
        List<String> tried = new ArrayList<>();
        for (String event : List.of("cpu", "ctimer", "itimer")) {
            try {
                profiler.execute("start,event=" + event + ",interval=1ms");
                profiler.stop();
                return event;
            } catch (RuntimeException | java.io.IOException e) {
                tried.add(event + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("async-profiler cannot sample here: " + String.join("; ", tried));
    }
}
