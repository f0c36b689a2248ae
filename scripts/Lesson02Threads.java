///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 21+
//DEPS dev.catcourse:course-lib:1.0.0
//DESCRIPTION Lesson 02, threads: download N cats sequentially, one Thread per cat, a Thread subclass, a pool and virtual threads, and compare.

// What it shows: the note's cataas.py, threading part. Waiting on the network is most of a download,
// so threads that wait side by side finish in about one latency instead of N. Each way is written out
// below; the lib only serves, fetches and draws.
//
// Run it:  jbang threads               (from the repo root, after ./course setup)
//          jbang scripts/Lesson02Threads.java --count 50 --pool-size 8
//          jbang threads --url https://cataas.com/cat     (the real site; needs the internet)
//
// Seen on a 2-core cloud VM, JDK 25, 20 cats at 150 ms: sequential 3.1 s, a thread per cat 0.19 s
// (16x), a pool of 4 0.80 s (3.9x), virtual threads 0.18 s (17x).

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatSource;
import course.cli.Args;
import course.cli.Cli;
import course.show.Progress;
import course.show.Table;
import course.timeline.Timeline;
import course.timeline.TimelineText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

class Lesson02Threads {

    static final String USAGE = """
            Lesson 02, threads: download cats five ways and compare their wall times.

            usage: jbang threads [--count N] [--pool-size K] [--url URL] [--out DIR] [--latency MS]
              --count N       cats per way, 1-500 (default 20)
              --pool-size K   threads in the fixed pool, 1-64 (default 4)
              --url URL       download from URL instead of the embedded cat server, e.g. https://cataas.com/cat
              --out DIR       where the cats go (default cats/02-threads); each way gets a folder
              --latency MS    the embedded server's latency, 0-5000 ms (default 150)
              --keep-going    exit 0 even if some downloads failed
            """;

    /** One way of running N downloads; each is written out below. */
    interface Way {
        void downloadAll(int count, CatBatch batch) throws InterruptedException;
    }

    // 1. The baseline: one cat after another, on the main thread.
    static void sequential(int count, CatBatch batch) {
        for (int cat = 0; cat < count; cat++) {
            batch.fetch(cat);
        }
    }

    // 2. The note's loop: start a Thread per cat, then join them all.
    static void threadPerCat(int count, CatBatch batch) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int cat = 0; cat < count; cat++) {
            int n = cat;
            Thread thread = new Thread(() -> batch.fetch(n), "cat-thread-" + n);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    // 3. The same, with a Thread subclass that overrides run(), as the note's philosophers do.
    static final class CatDownloader extends Thread {
        private final int cat;
        private final CatBatch batch;

        CatDownloader(int cat, CatBatch batch) {
            super("downloader-" + cat);
            this.cat = cat;
            this.batch = batch;
        }

        @Override
        public void run() {
            batch.fetch(cat);
        }
    }

    static void threadSubclass(int count, CatBatch batch) throws InterruptedException {
        List<CatDownloader> downloaders = new ArrayList<>();
        for (int cat = 0; cat < count; cat++) {
            var downloader = new CatDownloader(cat, batch);
            downloader.start();
            downloaders.add(downloader);
        }
        for (CatDownloader downloader : downloaders) {
            downloader.join();
        }
    }

    // 4. A fixed pool: K threads take the N downloads in turn. close() waits for every task.
    static void pool(int count, int size, CatBatch batch) {
        try (ExecutorService pool = Executors.newFixedThreadPool(size)) {
            for (int cat = 0; cat < count; cat++) {
                int n = cat;
                pool.submit(() -> batch.fetch(n));
            }
        }
    }

    // 5. Virtual threads: one per cat, as cheap as a task, parked (not blocking an OS thread) while waiting.
    static void virtualThreads(int count, CatBatch batch) {
        try (ExecutorService perTask = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int cat = 0; cat < count; cat++) {
                int n = cat;
                perTask.submit(() -> batch.fetch(n));
            }
        }
    }

    public static void main(String... argv) {
        Cli.main("threads", USAGE, List.of("help", "keep-going"), argv, Lesson02Threads::run);
    }

    static int run(Args args) throws Exception {
        int count = args.integer("count", 20, 1, 500);
        int poolSize = args.integer("pool-size", 4, 1, 64);
        String url = args.url("url", null);
        Path out = args.writableFolder("out", Path.of("cats", "02-threads"));
        Duration latency = args.millis("latency", Duration.ofMillis(150), 0, 5000);
        boolean keepGoing = args.flag("keep-going");
        args.noneLeft();

        record Run(String name, int concurrency, Way way) {
        }
        List<Run> runs = List.of(
                new Run("sequential", 1, Lesson02Threads::sequential),
                new Run("thread per cat", count, Lesson02Threads::threadPerCat),
                new Run("Thread subclass", count, Lesson02Threads::threadSubclass),
                new Run("pool of " + poolSize, poolSize, (n, batch) -> pool(n, poolSize, batch)),
                new Run("virtual threads", count, Lesson02Threads::virtualThreads));

        try (var source = CatSource.of(url, latency); var client = new CatClient()) {
            System.out.println("Cats from " + source + "; " + count + " per way, into " + out.toAbsolutePath());
            client.download(source.url(), Files.createDirectories(out));  // warm-up, and a clear error if the site is down
            var table = new Table("way", "threads", "wall ms", "speed-up", "ideal ms", "wall / ideal");
            double sequentialMs = 0;
            int failed = 0;
            Timeline poolTimeline = null;
            for (Run r : runs) {
                Path folder = Files.createDirectories(out.resolve(r.name().replace(' ', '-')));
                var timeline = Timeline.start();
                var progress = Progress.start(r.name(), count);
                var batch = new CatBatch(client, source.url(), folder, timeline, progress);
                long start = System.nanoTime();
                try (progress) {
                    r.way().downloadAll(count, batch);
                }
                double wallMs = (System.nanoTime() - start) / 1e6;
                timeline.stop();
                if (r.name().startsWith("pool")) poolTimeline = timeline;
                if (sequentialMs == 0) sequentialMs = wallMs;
                String ideal = source.latency().map(l -> String.valueOf(l.toMillis() * ((count + r.concurrency() - 1) / r.concurrency()))).orElse("-");
                String ratio = ideal.equals("-") ? "-" : String.format("%.2f", wallMs / Double.parseDouble(ideal));
                table.row(r.name(), batch.threadsUsed(), Math.round(wallMs), String.format("%.1fx", sequentialMs / wallMs), ideal, ratio);
                for (var failure : batch.failures()) System.out.println("  failed: cat " + failure.cat() + ": " + failure.reason());
                failed += batch.failures().size();
            }
            table.note("ideal = latency x ceil(N / threads); wall times from one run on a shared machine: expect noise.");
            System.out.println();
            System.out.print(table);
            System.out.println();
            System.out.println("Who downloaded what, when (pool of " + poolSize + "):");
            System.out.print(TimelineText.render(poolTimeline));
            if (failed > 0) {
                System.out.println(failed + " downloads failed.");
                return keepGoing ? 0 : 1;
            }
            return 0;
        }
    }
}
