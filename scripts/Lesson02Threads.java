///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//JAVA_OPTIONS -XX:TieredStopAtLevel=1
//DESCRIPTION Lesson 02, threads: download N cats sequentially, one Thread per cat, a Thread subclass, a pool and virtual threads, and compare.

// What it shows: the note's cataas.py, threading part. Waiting on the network is most of a download,
// so threads that wait side by side finish in about one latency instead of N. Each way is written out
// below; the lib only serves, fetches and draws. Then two traps the GIL hides from Python programmers: results
// added to one ArrayList from many threads get lost, and a pool task's failure vanishes into a Future nobody
// reads; each with its fixes, declared and judged. notebooks/02_threads.ipynb shows the same code, cell by cell.
//
// JAVA_OPTIONS above keeps the JIT at C1, its quick compiler: a run lasts seconds on a machine of a few cores,
// and C2's compiler threads would spend a third or more of the CPU the downloads need (BENCHMARKS.md, section
// 3, measures both). Remove the line to see the difference; the lesson's code is the same either way.
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
import course.lesson.Check;
import course.lesson.Expect;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.show.Table;
import course.threads.StartingLine;
import course.timeline.Timeline;
import course.timeline.TimelineText;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
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

// tag::shared-list[]
/** Where the threads' results go: thread number {@code thread} adds to {@code listFor(thread)}. */
interface Sink {
    List<Integer> listFor(int thread);                                   // where thread number `thread` adds
    List<Integer> all(List<List<Integer>> perThread);                    // everything, once all have been joined
}

/** Broken on purpose: one ArrayList for all. Python's list.append is safe under the GIL; ArrayList.add is not. */
Sink oneArrayList() {
    List<Integer> shared = new ArrayList<>();
    return new Sink() {
        public List<Integer> listFor(int thread) { return shared; }
        public List<Integer> all(List<List<Integer>> perThread) { return shared; }
    };
}

/** Fix 1: the same list behind a lock (every add takes it). */
Sink oneSynchronizedList() {
    List<Integer> shared = Collections.synchronizedList(new ArrayList<>());
    return new Sink() {
        public List<Integer> listFor(int thread) { return shared; }
        public List<Integer> all(List<List<Integer>> perThread) { return shared; }
    };
}

/** Fix 2, usually the best: nothing shared; each thread fills its own list, merged after the joins. */
Sink aListPerThread() {
    return new Sink() {
        public List<Integer> listFor(int thread) { return new ArrayList<>(); }
        public List<Integer> all(List<List<Integer>> perThread) {
            return perThread.stream().flatMap(List::stream).toList();
        }
    };
}

/**
 * {@code threads} threads add {@code adds} numbers each, all released at once by a starting line. Returns how many
 * results are not in the list at the end. ArrayList.add is "store at size, then size + 1", and it grows its array
 * by copying, all without a lock: two threads store into one slot (one result lost), one copies the array while
 * another stores (lost), a slot stays null, or an add throws ArrayIndexOutOfBoundsException.
 */
long lostResults(Sink results, int threads, int adds) throws InterruptedException {
    var perThread = new ArrayList<List<Integer>>();
    for (int t = 0; t < threads; t++) perThread.add(results.listFor(t));
    StartingLine.run(threads, "adder", t -> {
        List<Integer> list = perThread.get(t);
        for (int i = 0; i < adds; i++) {
            try {
                list.add(i % 100);                                       // small Integers are cached: no allocation
            } catch (RuntimeException e) {                               // ArrayIndexOutOfBoundsException: lost too
            }
        }
    });
    Object[] all = results.all(perThread).toArray();                     // never throws, even on a corrupt ArrayList
    return (long) threads * adds - Arrays.stream(all).filter(Objects::nonNull).count();
}

Check sharedList(int runs) throws Exception {
    var check = new Check("results lost or corrupted", "results lost", runs);
    check.variant("one ArrayList (wrong)", Expect.HAZARD, () -> lostResults(oneArrayList(), 4, 1_000_000));
    check.variant("Collections.synchronizedList", Expect.NO_HAZARD, () -> lostResults(oneSynchronizedList(), 4, 1_000_000));
    check.variant("a list per thread, merged after join", Expect.NO_HAZARD, () -> lostResults(aListPerThread(), 4, 1_000_000));
    return check;
}
// end::shared-list[]

// tag::swallowed[]
/** One of {@code tasks} small jobs fails (number 2, on purpose); each way below says how anybody hears of it. */
interface Submitter {
    void runAll(ExecutorService pool, List<Callable<Void>> jobs, AtomicLong heard) throws Exception;
}

/** Broken on purpose: submit() keeps the task's exception in its Future, and nobody ever calls get(). */
void submitAndForget(ExecutorService pool, List<Callable<Void>> jobs, AtomicLong heard) {
    for (var job : jobs) pool.submit(job);
}

/** Fix 1: keep the futures and read each one; get() throws the task's exception, wrapped in an ExecutionException. */
void submitThenGet(ExecutorService pool, List<Callable<Void>> jobs, AtomicLong heard) throws InterruptedException {
    List<Future<Void>> futures = new ArrayList<>();
    for (var job : jobs) futures.add(pool.submit(job));
    for (var future : futures) {
        try {
            future.get();
        } catch (ExecutionException e) {
            heard.incrementAndGet();
        }
    }
}

/** Fix 2: invokeAll() waits for every job and hands back the futures, to be read the same way. */
void invokeAllThenGet(ExecutorService pool, List<Callable<Void>> jobs, AtomicLong heard) throws InterruptedException {
    for (var future : pool.invokeAll(jobs)) {
        if (future.state() == Future.State.FAILED) heard.incrementAndGet();   // future.exceptionNow() says what
    }
}

/** Fix 3: execute() keeps no Future: an exception escapes the task, and the worker thread's uncaught-exception handler gets it. */
void executeWithHandler(ExecutorService pool, List<Callable<Void>> jobs, AtomicLong heard) {
    for (var job : jobs) {
        pool.execute(() -> {
            try {
                job.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);                      // escapes run(): the handler hears it
            }
        });
    }
}

/**
 * Runs {@code tasks} jobs, one failing, on a pool of 2 whose threads hand an exception that escapes a task to an
 * uncaught-exception handler that counts it (what execute() relies on); returns how many failures nobody heard of.
 */
long unheardFailures(Submitter submitter, int tasks) throws Exception {
    var heard = new AtomicLong();
    List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
    ThreadFactory reporting = task -> {
        Thread worker = new Thread(task);
        worker.setUncaughtExceptionHandler((thread, e) -> heard.incrementAndGet());  // what execute() reaches
        workers.add(worker);
        return worker;
    };
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
        int job = i;
        jobs.add(() -> {
            if (job == 2) throw new IllegalStateException("job 2 failed");
            return null;
        });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(2, reporting)) {
        submitter.runAll(pool, jobs, heard);
    }
    for (Thread worker : List.copyOf(workers)) worker.join();          // a handler runs before its thread ends
    return 1 - heard.get();
}

Check swallowedFailures(int runs) throws Exception {
    var check = new Check("a failed task nobody heard of", "failures unheard", runs);
    check.variant("submit(), futures never read (wrong)", Expect.HAZARD,
            () -> unheardFailures((pool, jobs, heard) -> submitAndForget(pool, jobs, heard), 5));
    check.variant("submit(), then get() each", Expect.NO_HAZARD,
            () -> unheardFailures((pool, jobs, heard) -> submitThenGet(pool, jobs, heard), 5));
    check.variant("invokeAll(), then read each", Expect.NO_HAZARD,
            () -> unheardFailures((pool, jobs, heard) -> invokeAllThenGet(pool, jobs, heard), 5));
    check.variant("execute() + uncaught-exception handler", Expect.NO_HAZARD,
            () -> unheardFailures((pool, jobs, heard) -> executeWithHandler(pool, jobs, heard), 5));
    return check;
}
// end::swallowed[]

// The story: the five ways in turn on one job, side by side, then who downloaded what, when.

final Options OPTIONS = Options.of("threads", "Lesson 02, threads: download cats five ways and compare their wall times.")
        .integer("count", 20, 1, 2000, "cats per way")
        .choice("way", "all", List.of("all", "sequential", "thread", "subclass", "pool", "virtual"), "the ways to run")
        .integer("pool-size", 4, 1, 64, "threads in the fixed pool")
        .folder("out", Path.of("cats", "02-threads"), "where the cats go; each way gets a folder")
        .millis("timeout", CatClient.READ_TIMEOUT.toMillis(), 100, 60_000, "give up on a silent server after this long")
        .flag("keep-going", "exit 0 even if some downloads failed (they are still counted and shown)")
        .integer("repeat", 20, 1, 100, "runs of each variant in the two traps (a shared ArrayList, a swallowed failure; with --way all)")
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

        if (only.equals("all")) {             // the traps are part of the whole lesson, not of one way's timing
            System.out.printf("%nTwo traps, each variant %d times. Many threads adding to one ArrayList:%n", given.integer("repeat"));
            Check list = sharedList(given.integer("repeat"));
            System.out.print(list);
            System.out.println("\nA pool task that fails, and who hears of it:");
            Check swallowed = swallowedFailures(given.integer("repeat"));
            System.out.print(swallowed);
            if (!list.asDeclared() || !swallowed.asDeclared()) return 1;
        }

        int failed = results.stream().mapToInt(r -> r.batch().failures().size()).sum();
        if (failed == 0) return 0;
        boolean keepGoing = given.flag("keep-going");
        System.err.println("threads: " + failed + " downloads failed" + (keepGoing ? " (tolerated: --keep-going)" : ""));
        return keepGoing ? 0 : 1;
    }
}
