///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 02, threads: download N cats sequentially, one Thread per cat, a Thread subclass, a pool and virtual threads, and compare.

// What it shows: the note's cataas.py, threading part. Waiting on the network is most of a download,
// so threads that wait side by side finish in about one latency instead of N. Each way is written out
// below; the lib only serves, fetches and draws. notebooks/02_threads.ipynb shows the same code, cell by cell.
//
// Run it:  jbang threads               (from the repo root; needs only a JDK 25 and jbang)
//          jbang scripts/Lesson02Threads.java --count 50 --pool-size 8
//          jbang threads --url https://cataas.com/cat     (the real site; needs the internet)
//          jbang threads --help
//
// What it printed on this project's machine: the stored outputs of notebooks/02_threads.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import com.sun.management.OperatingSystemMXBean;
import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatSource;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.show.Table;
import course.timeline.Timeline;
import course.timeline.TimelineText;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

// tag::job[]
/** The same job for every way: {@code n} cats from one source, each way into a folder of its own under {@code folder}. */
record Job(CatClient client, CatSource source, Path folder, int n) {

    /**
     * One cat before any timing: it opens the connection and loads the classes a download needs, so that the
     * first way timed does not pay for them; and a site that is down ends the lesson here, with one line.
     * Skipped when the embedded server fails on purpose: a failed warm-up would prove nothing.
     */
    void warmUp() throws IOException {
        boolean failsOnPurpose = source.server()
                .map(s -> s.settings().errorRate() + s.settings().cutRate() + s.settings().stallRate() > 0).orElse(false);
        if (failsOnPurpose) return;
        Files.delete(client.download(source.url(), folder).path());
    }
}

/** One way of downloading n cats into a batch: which threads call {@code batch.fetch(cat)} is the whole lesson. */
interface Way {
    void downloadAll(int n, CatBatch batch) throws Exception;
}

/** What one way did: its batch (the cats, the failures, the timeline), its wall time, and the CPU time spent meanwhile. */
record Result(String key, String name, int concurrency, CatBatch batch, double wallMs, double cpuMs) {
}

/**
 * Runs {@code way} on the job's cats, into a folder named after it, and times it. {@code key} is the way's
 * name on the command line ({@code --way}); {@code concurrency} is how many downloads it can run at once.
 */
Result measure(Job job, String key, String name, int concurrency, Way way) throws Exception {
    Path folder = Files.createDirectories(job.folder().resolve(name.replace(' ', '-')));
    var batch = new CatBatch(job.client(), job.source().url(), folder, Timeline.start());
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    way.downloadAll(job.n(), batch);
    double wallMs = (System.nanoTime() - start) / 1e6;
    double cpuMs = (processCpuNanos() - cpuStart) / 1e6;
    batch.timeline().stop();
    // For --results FILE, which the tests and the benchmarks read; in a notebook these go nowhere.
    var labels = Map.of("way", key, "cats", job.n(), "concurrency", concurrency);
    Results.measure("wall ms", wallMs, labels);
    Results.measure("cpu ms", cpuMs, labels);
    Results.record("downloads", Map.of("way", key, "ok", batch.downloads().size(), "failed", batch.failures().size()));
    System.out.printf("%s: %d cats in %.0f ms on %d thread(s), %d failed%n",
            name, batch.downloads().size(), wallMs, batch.threadsUsed(), batch.failures().size());
    batch.failures().stream().limit(5).forEach(f -> System.out.println("  failed: cat " + f.cat() + ": " + f.reason()));
    if (batch.failures().size() > 5) System.out.println("  ... and " + (batch.failures().size() - 5) + " more failures");
    return new Result(key, name, concurrency, batch, wallMs, cpuMs);
}

/**
 * The CPU time this process has used so far. It counts the whole process: the downloading threads, but also
 * the embedded cat server (it runs in this JVM) and the JVM's own compiler and garbage-collector threads.
 */
long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
}
// end::job[]

// tag::sequential[]
/** 1. The baseline: one cat after another, on the calling thread. */
void sequential(int n, CatBatch batch) {
    for (int cat = 0; cat < n; cat++) {
        batch.fetch(cat);
    }
}
// end::sequential[]

// tag::thread-per-cat[]
/** 2. The note's loop: start a Thread per cat, then join them all. */
void threadPerCat(int n, CatBatch batch) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int cat = 0; cat < n; cat++) {
        int i = cat;                                         // a lambda may only capture effectively final variables
        Thread thread = new Thread(() -> batch.fetch(i), "cat-thread-" + i);
        thread.start();
        threads.add(thread);
    }
    for (Thread thread : threads) {
        thread.join();                                       // wait for every one: no download outlives this method
    }
}
// end::thread-per-cat[]

// tag::subclass[]
/** 3. The same with a Thread subclass that overrides run(), as the note's philosophers do. */
class CatDownloader extends Thread {
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

void threadSubclass(int n, CatBatch batch) throws InterruptedException {
    List<CatDownloader> downloaders = new ArrayList<>();
    for (int cat = 0; cat < n; cat++) {
        var downloader = new CatDownloader(cat, batch);
        downloader.start();
        downloaders.add(downloader);
    }
    for (var downloader : downloaders) downloader.join();
}
// end::subclass[]

// tag::pool[]
/** 4. A fixed pool: {@code size} threads take the n downloads from a queue in turn. */
void pool(int n, int size, CatBatch batch) {
    try (ExecutorService pool = Executors.newFixedThreadPool(size)) {
        for (int cat = 0; cat < n; cat++) {
            int i = cat;
            pool.submit(() -> batch.fetch(i));
        }
    }                                                        // close() waits for all submitted tasks
}
// end::pool[]

// tag::virtual[]
/** 5. Virtual threads: one per cat; while one waits for the network, its carrier runs another. */
void virtualThreads(int n, CatBatch batch) {
    ThreadFactory named = Thread.ofVirtual().name("virtual-", 0).factory();   // named, for the timeline's lanes
    try (ExecutorService perCat = Executors.newThreadPerTaskExecutor(named)) {
        for (int cat = 0; cat < n; cat++) {
            int i = cat;
            perCat.submit(() -> batch.fetch(i));
        }
    }
}
// end::virtual[]

// tag::side-by-side[]
/**
 * The ways side by side. Ideal is the best a way could do, one latency per wave of downloads: latency x
 * ceil(n / concurrency). Only the embedded server's latency is known (we set it), so only it has an ideal.
 */
Table sideBySide(Job job, List<Result> results) {
    var table = new Table("way", "cats", "threads", "wall ms", "cpu ms", "speed-up", "ideal ms", "wall / ideal");
    double firstMs = results.getFirst().wallMs();
    for (var r : results) {
        var idealMs = job.source().latency().map(l -> l.toMillis() * ((job.n() + r.concurrency() - 1) / r.concurrency()));
        table.row(r.name(), r.batch().downloads().size(), r.batch().threadsUsed(), Math.round(r.wallMs()), Math.round(r.cpuMs()),
                String.format("%.1fx", firstMs / r.wallMs()), idealMs.map(String::valueOf).orElse("-"),
                idealMs.filter(ms -> ms > 0).map(ms -> String.format("%.2f", r.wallMs() / ms)).orElse("-"));
    }
    table.note("speed-up against the first way; ideal = latency x ceil(N / concurrency)");
    table.note("cpu ms: the whole process, the embedded server included; one run on a shared machine: expect noise");
    return table;
}
// end::side-by-side[]

// The story: the five ways in turn on one job, side by side, then who downloaded what, when.

final Options OPTIONS = Options.of("threads", "Lesson 02, threads: download cats five ways and compare their wall times.")
        .integer("count", 20, 1, 2000, "cats per way")
        .choice("way", "all", List.of("all", "sequential", "thread", "subclass", "pool", "virtual"), "the ways to run")
        .integer("pool-size", 4, 1, 64, "threads in the fixed pool")
        .folder("out", Path.of("cats", "02-threads"), "where the cats go; each way gets a folder")
        .millis("timeout", CatClient.READ_TIMEOUT.toMillis(), 100, 60_000, "give up on a silent server after this long")
        .flag("keep-going", "exit 0 even if some downloads failed (they are still counted and shown)")
        .cats();

void main(String... argv) {
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    int count = given.integer("count");
    int poolSize = given.integer("pool-size");
    String only = given.choice("way");
    record Run(String key, String name, int concurrency, Way way) {
    }
    List<Run> runs = Stream.of(
                    new Run("sequential", "sequential", 1, this::sequential),
                    new Run("thread", "thread per cat", count, this::threadPerCat),
                    new Run("subclass", "Thread subclass", count, this::threadSubclass),
                    new Run("pool", "pool of " + poolSize, poolSize, (n, batch) -> pool(n, poolSize, batch)),
                    new Run("virtual", "virtual threads", count, this::virtualThreads))
            .filter(run -> only.equals("all") || only.equals(run.key())).toList();

    CatSource source = given.cats();
    try (var client = new CatClient(CatClient.CONNECT_TIMEOUT, given.millis("timeout"))) {
        var job = new Job(client, source, given.folder("out"), count);
        System.out.println("Cats from " + source + "; " + count + " per way, into " + job.folder().toAbsolutePath());
        job.warmUp();
        List<Result> results = new ArrayList<>();
        for (Run run : runs) {
            results.add(measure(job, run.key(), run.name(), run.concurrency(), run.way()));
        }
        System.out.println();
        System.out.print(sideBySide(job, results));

        // The pool's timeline shows the waves: each of its threads takes the next cat when it is done.
        Result shown = results.stream().filter(r -> r.key().equals("pool")).findFirst().orElse(results.getFirst());
        System.out.println();
        System.out.println("Who downloaded what, when (" + shown.name() + "):");
        System.out.print(TimelineText.render(shown.batch().timeline()));
        source.server().ifPresent(server -> {
            System.out.printf("The server answered %d requests: %d cats, %d errors, %d cut off, %d stalled.%n",
                    server.requests(), server.served(), server.failed(), server.cutOff(), server.stalled());
            Results.record("server", Map.of("requests", server.requests(), "cats", server.served(), "errors", server.failed(),
                    "cutOff", server.cutOff(), "stalled", server.stalled()));
        });

        int failed = results.stream().mapToInt(r -> r.batch().failures().size()).sum();
        if (failed == 0) return 0;
        boolean keepGoing = given.flag("keep-going");
        System.err.println("threads: " + failed + " downloads failed" + (keepGoing ? " (tolerated: --keep-going)" : ""));
        return keepGoing ? 0 : 1;
    }
}
