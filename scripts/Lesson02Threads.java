///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
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

            usage: jbang threads [--count N] [--way W] [--pool-size K] [--out DIR] [--timeout MS] [--keep-going]
                                 [--url URL] [--latency MS] [--error-rate R] [--cut-rate R] [--stall-rate R]
              --count N       cats per way, 1-2000 (default 20)
              --way W         all (default), sequential, thread, subclass, pool or virtual
              --pool-size K   threads in the fixed pool, 1-64 (default 4)
              --out DIR       where the cats go (default cats/02-threads); each way gets a folder
              --timeout MS    give up on a silent server after this long, 100-60000 (default 10000)
              --keep-going    exit 0 even if some downloads failed (they are still counted and shown)
            """ + CatSource.OPTIONS;

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
        int count = args.integer("count", 20, 1, 2000);
        String only = args.choice("way", "all", List.of("all", "sequential", "thread", "subclass", "pool", "virtual"));
        int poolSize = args.integer("pool-size", 4, 1, 64);
        Path out = args.writableFolder("out", Path.of("cats", "02-threads"));
        Duration timeout = args.millis("timeout", CatClient.READ_TIMEOUT, 100, 60_000);
        boolean keepGoing = args.flag("keep-going");

        record Run(String key, String name, int concurrency, Way way) {
        }
        List<Run> runs = List.of(
                new Run("sequential", "sequential", 1, Lesson02Threads::sequential),
                new Run("thread", "thread per cat", count, Lesson02Threads::threadPerCat),
                new Run("subclass", "Thread subclass", count, Lesson02Threads::threadSubclass),
                new Run("pool", "pool of " + poolSize, poolSize, (n, batch) -> pool(n, poolSize, batch)),
                new Run("virtual", "virtual threads", count, Lesson02Threads::virtualThreads))
                .stream().filter(r -> only.equals("all") || only.equals(r.key())).toList();

        try (var source = CatSource.from(args); var client = new CatClient(CatClient.CONNECT_TIMEOUT, timeout)) {
            args.noneLeft();
            System.out.println("Cats from " + source + "; " + count + " per way, into " + out.toAbsolutePath());
            warmUp(client, source, out);
            var table = new Table("way", "cats", "threads", "wall ms", "speed-up", "ideal ms", "wall / ideal");
            double firstMs = 0;
            int failed = 0;
            Timeline shown = null;
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
                if (shown == null || r.key().equals("pool")) shown = timeline;
                if (firstMs == 0) firstMs = wallMs;
                String ideal = source.latency().map(l -> String.valueOf(l.toMillis() * ((count + r.concurrency() - 1) / r.concurrency()))).orElse("-");
                String ratio = ideal.equals("-") ? "-" : String.format("%.2f", wallMs / Double.parseDouble(ideal));
                table.row(r.name(), batch.downloads().size(), batch.threadsUsed(), Math.round(wallMs), String.format("%.1fx", firstMs / wallMs), ideal, ratio);
                batch.failures().stream().limit(5).forEach(f -> System.out.println("  failed: cat " + f.cat() + ": " + f.reason()));
                if (batch.failures().size() > 5) System.out.println("  ... and " + (batch.failures().size() - 5) + " more failures");
                failed += batch.failures().size();
            }
            table.note("speed-up against the first way shown; ideal = latency x ceil(N / threads).");
            table.note("wall times from one run on a shared machine: expect noise.");
            System.out.println();
            System.out.print(table);
            System.out.println();
            System.out.println("Who downloaded what, when (" + (only.equals("all") ? "pool of " + poolSize : only) + "):");
            System.out.print(TimelineText.render(shown));
            source.server().ifPresent(s -> System.out.printf("The server answered %d requests: %d cats, %d errors, %d cut off, %d stalled.%n",
                    s.requests(), s.served(), s.failed(), s.cutOff(), s.stalled()));
            if (failed > 0) {
                System.err.println("threads: " + failed + " downloads failed" + (keepGoing ? " (tolerated: --keep-going)" : ""));
                return keepGoing ? 0 : 1;
            }
            return 0;
        }
    }

    /** One cat before timing: connects once, warms the JIT, and stops early with one line if the site is down. */
    static void warmUp(CatClient client, CatSource source, Path out) throws Exception {
        var faultless = source.server().map(s -> s.settings().errorRate() + s.settings().cutRate() + s.settings().stallRate() == 0).orElse(true);
        if (!faultless) return;  // with faults on purpose, a failed warm-up proves nothing
        Path cat = client.download(source.url(), out).path();
        Files.delete(cat);
    }
}
