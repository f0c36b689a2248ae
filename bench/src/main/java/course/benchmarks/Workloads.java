package course.benchmarks;

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatServer;
import course.timeline.Timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** Times {@code way} on N cats, {@code repetitions} times; throws if any download failed. */
    static Measured downloads(CatServer server, CatClient client, Way way, int n, int repetitions) throws Exception {
        double[] ms = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            Path folder = Files.createTempDirectory("bench-cats");
            try {
                var batch = new CatBatch(client, server.catUrl(), folder, Timeline.start());
                long start = System.nanoTime();
                way.downloadAll(n, batch);
                ms[r] = (System.nanoTime() - start) / 1e6;
                if (!batch.failures().isEmpty()) {
                    throw new IllegalStateException(way.name() + ", N=" + n + ": " + batch.failures().size()
                            + " failed, e.g. " + batch.failures().get(0).reason());
                }
            } finally {
                delete(folder);
            }
        }
        return Measured.of(ms);
    }

    /** Wall time in ms to count the primes below {@code limit} split across {@code threads} threads. */
    static double primesWithThreads(long limit, int threads) throws InterruptedException {
        long start = System.nanoTime();
        var workers = new ArrayList<Thread>();
        long[] found = new long[threads];
        for (int t = 0; t < threads; t++) {
            int share = t;
            workers.add(Thread.ofPlatform().start(() -> found[share] = course.procs.PrimeCount.countShare(limit, share, threads)));
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
