package course.benchmarks;

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatServer;
import course.procs.CatFetch;
import course.procs.JavaLauncher;
import course.procs.PoolWorker;
import course.procs.PrimeCount;
import course.procs.Termination;
import course.procs.Worker;
import course.timeline.Timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Whole workloads, timed end to end with plain clocks: downloads of N cats, and CPU-bound work. */
final class Workloads {

    private Workloads() {
    }

    /** A way to download N cats; {@code concurrency} is how many it runs at once (for the floor). */
    interface Way {
        String name();

        int concurrency(int n);

        void downloadAll(int n, CatBatch batch) throws Exception;
    }

    static Way named(String name, java.util.function.IntUnaryOperator concurrency, Download body) {
        return new Way() {
            public String name() {
                return name;
            }

            public int concurrency(int n) {
                return concurrency.applyAsInt(n);
            }

            public void downloadAll(int n, CatBatch batch) throws Exception {
                body.run(n, batch);
            }
        };
    }

    @FunctionalInterface
    interface Download {
        void run(int n, CatBatch batch) throws Exception;
    }

    static final int POOL = 50;

    static List<Way> threadWays() {
        return List.of(
                named("sequential", n -> 1, (n, batch) -> {
                    for (int i = 0; i < n; i++) batch.fetch(i);
                }),
                named("thread per cat", n -> n, (n, batch) -> {
                    List<Thread> threads = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int cat = i;
                        threads.add(Thread.ofPlatform().start(() -> batch.fetch(cat)));
                    }
                    for (Thread t : threads) t.join();
                }),
                named("pool of " + POOL, n -> Math.min(n, POOL), (n, batch) -> {
                    try (ExecutorService pool = Executors.newFixedThreadPool(POOL)) {
                        for (int i = 0; i < n; i++) {
                            int cat = i;
                            pool.submit(() -> batch.fetch(cat));
                        }
                    }
                }),
                named("virtual threads", n -> n, (n, batch) -> {
                    try (ExecutorService perCat = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < n; i++) {
                            int cat = i;
                            perCat.submit(() -> batch.fetch(cat));
                        }
                    }
                }));
    }

    /** Child JVMs start faster when they skip the optimising compiler: a download needs none. */
    static final List<String> CHILD_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static final int WORKERS = 4;

    /** The note's multiprocessing way, and a pool of worker JVMs; both need the URL, so built per server. */
    static List<Way> processWays(String url) {
        return List.of(
                named("process per cat", n -> n, (n, batch) -> {
                    List<Process> children = new ArrayList<>();
                    try {
                        for (int i = 0; i < n; i++) {
                            children.add(new ProcessBuilder(JavaLauncher.command(CHILD_OPTIONS, CatFetch.class, url,
                                    batch.folder().resolve("cat-" + i + ".png").toString()))
                                    .redirectInput(JavaLauncher.NO_STDIN).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
                        }
                        for (Process child : children) {
                            if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
                                throw new IllegalStateException("child " + child.pid() + " failed or ran past 60 s");
                            }
                        }
                    } finally {
                        Termination.endAll(children, Duration.ofSeconds(1));
                    }
                }),
                named("pool of " + WORKERS + " worker JVMs", n -> Math.min(n, WORKERS), (n, batch) -> {
                    var next = new AtomicInteger();
                    var failures = new AtomicInteger();
                    List<Thread> feeders = new ArrayList<>();
                    for (int w = 0; w < WORKERS; w++) {
                        feeders.add(Thread.ofPlatform().start(() -> {
                            try (var worker = Worker.start(JavaLauncher.command(CHILD_OPTIONS, PoolWorker.class))) {
                                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                                    String reply = worker.ask("cat " + url + " " + batch.folder().resolve("cat-" + i + ".png"), Duration.ofSeconds(30));
                                    if (!reply.startsWith("ok")) failures.incrementAndGet();
                                }
                            } catch (Exception e) {
                                failures.incrementAndGet();
                            }
                        }));
                    }
                    for (Thread feeder : feeders) feeder.join();
                    if (failures.get() > 0) throw new IllegalStateException(failures.get() + " pool tasks failed");
                }));
    }

    /** Wall time in ms to count the primes below {@code limit} in {@code processes} child JVMs, start-up included. */
    static double primesWithProcesses(long limit, int processes) throws Exception {
        long start = System.nanoTime();
        List<Process> children = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                children.add(new ProcessBuilder(JavaLauncher.command(PrimeCount.class, String.valueOf(limit), String.valueOf(p),
                        String.valueOf(processes))).redirectInput(JavaLauncher.NO_STDIN)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process child : children) {
                if (!child.waitFor(120, TimeUnit.SECONDS) || child.exitValue() != 0) {
                    throw new IllegalStateException("prime-counting child " + child.pid() + " failed or ran past 120 s");
                }
            }
        } finally {
            Termination.endAll(children, Duration.ofSeconds(1));
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Wall times, and the CPU time this JVM spent per cat (client and embedded server together). */
    record Timed(Measured wallMs, Measured cpuMicrosPerCat) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Times {@code way} on N cats, {@code repetitions} times; throws if any download failed. */
    static Timed downloads(CatServer server, CatClient client, Way way, int n, int repetitions) throws Exception {
        double[] ms = new double[repetitions];
        double[] cpu = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            Path folder = Files.createTempDirectory("bench-cats");
            try {
                var batch = new CatBatch(client, server.catUrl(), folder, Timeline.start());
                long cpuStart = OS.getProcessCpuTime();
                long start = System.nanoTime();
                way.downloadAll(n, batch);
                ms[r] = (System.nanoTime() - start) / 1e6;
                cpu[r] = (OS.getProcessCpuTime() - cpuStart) / 1e3 / n;
                int saved = batch.downloads().size();
                if (saved == 0) {
                    try (Stream<Path> files = Files.list(folder)) {
                        saved = (int) files.filter(f -> f.getFileName().toString().startsWith("cat-")).count();
                    }
                }
                if (saved != n) throw new IllegalStateException(way.name() + ", N=" + n + ": " + saved + " of " + n + " cats saved");
                if (!batch.failures().isEmpty()) {
                    throw new IllegalStateException(way.name() + ", N=" + n + ": " + batch.failures().size()
                            + " failed, e.g. " + batch.failures().get(0).reason());
                }
            } finally {
                delete(folder);
            }
        }
        return new Timed(Measured.of(ms), Measured.of(cpu));
    }

    /** Wall time in ms to count the primes below {@code limit} split across {@code threads} threads. */
    static double primesWithThreads(long limit, int threads) throws InterruptedException {
        long start = System.nanoTime();
        var workers = new ArrayList<Thread>();
        long[] found = new long[threads];
        for (int t = 0; t < threads; t++) {
            int share = t;
            workers.add(Thread.ofPlatform().start(() -> found[share] = PrimeCount.countShare(limit, share, threads)));
        }
        for (Thread w : workers) w.join();
        return (System.nanoTime() - start) / 1e6;
    }

    static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
        Files.deleteIfExists(folder);
    }

    static Duration latency(CatServer server) {
        return server.settings().latency();
    }
}
