///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 05, Semaphore: let at most K of N cat downloads run at once (the server's own counter proves it), the over-release bug, and semaphore vs pool vs virtual threads.

// What it shows: the note's "a semaphore is a lock that can be acquired up to a limit; a counter underneath".
// N downloaders start at once and a Semaphore(K) lets K through; the embedded cat server counts requests in
// flight, and its peak proves the limit held. A lock is a semaphore of 1, except that permits have no owner:
// any thread may release, and releasing one you never got (the classic tryAcquire-then-release-in-finally
// bug) silently raises the limit; we count how far above K the server saw. Then the same capped job three
// ways: platform threads + semaphore, a fixed pool of K, virtual threads + semaphore.
//
// Run it:  jbang semaphore                     (from the repo root, after ./course setup)
//          jbang semaphore --count 200 --permits 8 --latency 20
//          jbang scripts/Lesson05Semaphore.java --help
//
// Seen on a 2-core cloud VM, JDK 25, 24 cats at 100 ms: K = 2/4/8/24 took 1380/703/341/141 ms against an
// ideal of 1200/600/300/100 ms, the server's peak in flight = K each time. Releasing in finally after a
// refused tryAcquire let all 24 in at once (K = 4) in 5 of 5 runs and left 24 permits; the fix never passed
// 4 and left 4. Platform threads + semaphore, a pool of 4, virtual threads + semaphore: 644, 642, 671 ms.

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatServer;
import course.cats.CatSource;
import course.cli.Args;
import course.cli.Cli;
import course.show.Table;
import course.threads.StartingLine;
import course.timeline.CounterSampler;
import course.timeline.Timeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

class Lesson05Semaphore {

    static final String USAGE = """
            Lesson 05, Semaphore: at most K downloads at once, proved by the cat server's own counter.

            usage: jbang semaphore [--count N] [--permits K] [--latency MS] [--repeat R] [--out DIR]
              --count N       cats, one downloader each, all started at once, 1-1000 (default 24)
              --permits K     the semaphore's permits: downloads allowed at once, 1-64 (default 4)
              --latency MS    the embedded cat server's latency, 20-5000 ms (default 100)
              --repeat R      runs of the over-release bug and of its fix, 1-100 (default 5)
              --out DIR       where the cats go (default cats/05-semaphore)
            """;

    // 1. At most K at a time: every downloader acquires a permit first, and gives it back in finally.
    static void capped(int count, Semaphore permits, CatBatch batch) throws InterruptedException {
        StartingLine.runVirtual(count, "downloader", cat -> {
            permits.acquire();              // waits while K downloads are in flight
            try {
                batch.fetch(cat);
            } finally {
                permits.release();
            }
        });
    }

    // 2. Broken on purpose: the release in finally runs even when tryAcquire said no. Each refusal adds a permit.
    static void brokenOverRelease(int count, Semaphore permits, long waitMs, CatBatch batch) throws InterruptedException {
        StartingLine.runVirtual(count, "downloader", cat -> {
            boolean done = false;
            while (!done) {
                try {
                    if (permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                        batch.fetch(cat);
                        done = true;
                    }
                } finally {
                    permits.release();      // WRONG: also when we got nothing
                }
            }
        });
    }

    // The discipline: release only what tryAcquire actually gave you.
    static void fixedOverRelease(int count, Semaphore permits, long waitMs, CatBatch batch) throws InterruptedException {
        StartingLine.runVirtual(count, "downloader", cat -> {
            while (!permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                // not our turn yet: try again (a real program might give up, or do something else)
            }
            try {
                batch.fetch(cat);
            } finally {
                permits.release();
            }
        });
    }

    // 3. The same cap three ways.
    static void platformThreadsAndSemaphore(int count, int k, CatBatch batch) throws InterruptedException {
        var permits = new Semaphore(k);
        StartingLine.run(count, "platform", cat -> {
            permits.acquire();
            try {
                batch.fetch(cat);
            } finally {
                permits.release();
            }
        });
    }

    static void fixedPool(int count, int k, CatBatch batch) {
        try (ExecutorService pool = Executors.newFixedThreadPool(k)) {   // K threads: K at a time by construction
            for (int cat = 0; cat < count; cat++) {
                int n = cat;
                pool.submit(() -> batch.fetch(n));
            }
        }
    }

    static void virtualThreadsAndSemaphore(int count, int k, CatBatch batch) throws InterruptedException {
        capped(count, new Semaphore(k), batch);   // a virtual thread per cat; the semaphore is the cap
    }

    interface Way {
        void run(int count, int k, CatBatch batch) throws InterruptedException;
    }

    public static void main(String... argv) {
        Cli.main("semaphore", USAGE, List.of("help"), argv, Lesson05Semaphore::run);
    }

    static int run(Args args) throws Exception {
        int count = args.integer("count", 24, 1, 1000);
        int k = args.integer("permits", 4, 1, 64);
        Duration latency = args.millis("latency", Duration.ofMillis(100), 20, 5000);
        int repeat = args.integer("repeat", 5, 1, 100);
        Path out = args.writableFolder("out", Path.of("cats", "05-semaphore"));
        args.noneLeft();

        try (var source = CatSource.embedded(latency); var client = new CatClient()) {
            CatServer server = source.server().orElseThrow();
            client.download(source.url(), Files.createDirectories(out));      // warm-up
            long latencyMs = latency.toMillis();
            System.out.printf("%d downloaders at once, the embedded cat server at %d ms latency%n%n", count, latencyMs);

            System.out.println("1. A Semaphore(K) lets K downloads through at a time");
            var table = new Table("permits K", "wall ms", "ideal ms", "wall / ideal", "peak in flight", "held");
            Timeline shown = null;
            for (int permits : List.of(Math.max(1, k / 2), k, Math.min(count, k * 2), count).stream().distinct().toList()) {
                var timeline = Timeline.start();
                var batch = new CatBatch(client, source.url(), out, timeline);
                server.resetCounters();
                long start = System.nanoTime();
                try (var sampler = CounterSampler.sample(timeline, "in flight", server::inFlight)) {
                    capped(count, new Semaphore(permits), batch);
                }
                long wallMs = (System.nanoTime() - start) / 1_000_000;
                timeline.stop();
                long ideal = latencyMs * ((count + permits - 1) / permits);
                table.row(permits, wallMs, ideal, String.format("%.2f", (double) wallMs / ideal), server.peakInFlight(),
                        server.peakInFlight() <= permits ? "yes" : "NO");
                if (!batch.failures().isEmpty()) throw new IllegalStateException(batch.failures().size() + " downloads failed: " + batch.failures().getFirst().reason());
                if (permits == k) shown = timeline;
            }
            System.out.print(table.note("ideal = latency x ceil(N / K); peak = the server's own count of requests at once; one run, expect noise"));
            System.out.printf("%nIn flight over time, K = %d (sampled every ms):%n%s%n", k, sparkline(shown, "in flight", 80));

            System.out.println("\n2. A lock is a semaphore of 1, but a permit has no owner");
            var oneLock = new Semaphore(1);
            var held = new CountDownLatch(1);
            Thread taker = Thread.ofPlatform().name("taker").start(() -> {
                oneLock.acquireUninterruptibly();
                held.countDown();
            });
            held.await();
            taker.join();
            oneLock.release();                    // main releases the taker's permit: no exception, unlike a ReentrantLock
            System.out.println("   main released a permit the taker acquired: fine, permits now " + oneLock.availablePermits());
            oneLock.release();                    // one release too many
            System.out.println("   one release too many: no error either, permits now " + oneLock.availablePermits() + " (a 'lock' that lets 2 in)");

            long waitMs = Math.max(1, latencyMs / 5);
            System.out.printf("%n   tryAcquire(%d ms), release in finally, %d runs of each (K = %d):%n", waitMs, repeat, k);
            var overRelease = new Table("way", "runs", "runs above K", "highest peak", "permits after (K = " + k + ")");
            record Release(String name, boolean broken) {}
            for (var way : List.of(new Release("release even when refused (wrong)", true), new Release("release only what you got", false))) {
                int above = 0, highest = 0, after = 0;
                for (int r = 0; r < repeat; r++) {
                    var permits = new Semaphore(k);
                    var batch = new CatBatch(client, source.url(), out, Timeline.start());
                    server.resetCounters();
                    if (way.broken()) brokenOverRelease(count, permits, waitMs, batch);
                    else fixedOverRelease(count, permits, waitMs, batch);
                    if (server.peakInFlight() > k) above++;
                    highest = Math.max(highest, server.peakInFlight());
                    after = Math.max(after, permits.availablePermits());
                }
                overRelease.row(way.name(), repeat, above, highest, after);
            }
            System.out.print(overRelease.note("peak = the cat server's own count of requests at once"));

            System.out.printf("%n3. The same cap (K = %d), three ways%n", k);
            var ways = new Table("way", "wall ms", "ideal ms", "peak in flight");
            record Named(String name, Way way) {}
            for (var way : List.of(new Named("platform threads + semaphore", Lesson05Semaphore::platformThreadsAndSemaphore),
                    new Named("fixed pool of K", Lesson05Semaphore::fixedPool),
                    new Named("virtual threads + semaphore", Lesson05Semaphore::virtualThreadsAndSemaphore))) {
                var batch = new CatBatch(client, source.url(), out, Timeline.start());
                server.resetCounters();
                long start = System.nanoTime();
                way.way().run(count, k, batch);
                ways.row(way.name(), (System.nanoTime() - start) / 1_000_000, latencyMs * ((count + k - 1) / k), server.peakInFlight());
            }
            System.out.print(ways.note("one run each on a shared machine; the cap, not the kind of thread, sets the time"));
            return 0;
        }
    }

    /** A counter's value over time as digits (9 for 9 or more), one character per slice of the timeline. */
    static String sparkline(Timeline timeline, String series, int width) {
        var samples = timeline.counter(series);
        long slice = Math.max(1, timeline.durationNanos() / width);
        var line = new StringBuilder();
        int i = 0;
        long value = 0;
        for (int c = 0; c < width; c++) {
            long peak = value;
            while (i < samples.size() && samples.get(i).nanos() < (c + 1) * slice) {
                value = samples.get(i++).value();
                peak = Math.max(peak, value);
            }
            line.append(peak > 9 ? '9' : (char) ('0' + peak));
        }
        return "   " + line + "\n   0 ms" + " ".repeat(Math.max(1, width - 12)) + timeline.durationNanos() / 1_000_000 + " ms";
    }
}
