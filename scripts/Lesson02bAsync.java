///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//PREVIEW
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 02b, async: the note's fourth way (asyncio) in Java, callbacks and a structured scope; the note's four ways in Python beside the Java, on one server.

// What it shows: the note's cataas.py has a fourth way, asyncio + aiohttp: one thread, an event loop, and
// callbacks. Java's counterpart is an HTTP client that sends every request at once and completes each
// answer in a callback on a few threads (java.net.http.HttpClient.sendAsync + CompletableFuture). Then the
// counterpart of asyncio.TaskGroup: virtual threads in a StructuredTaskScope, where one failure cancels the
// others, and the cat server's own count of requests in flight shows them stop. Last, the note's own four
// ways, run by python/cats.py (written for this course) against the same embedded server as the Java ways,
// all in one table with the server's counters. notebooks/02b_async.ipynb shows the code between the tag::
// and end:: lines, cell by cell.
//
// PREVIEW: StructuredTaskScope is a preview API in JDK 25 (JEP 505), so this script, and only this one,
// is compiled and run with --enable-preview (the //PREVIEW line above tells jbang). Preview APIs change
// between releases: this code is for JDK 25 exactly.
//
// Run it:  jbang async                  (from the repo root; needs only a JDK 25 and jbang; Python is optional)
//          jbang async --count 50 --latency 100
//          jbang async --part scope --repeat 20
//          jbang scripts/Lesson02bAsync.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/02b_async.ipynb (the same code).
// No figure here is copied from a run by hand.

import com.sun.management.OperatingSystemMXBean;
import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatServer;
import course.cats.CatSource;
import course.lesson.Check;
import course.lesson.Expect;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.permits.CounterText;
import course.procs.PythonCats;
import course.show.Bars;
import course.show.Table;
import course.timeline.CounterSampler;
import course.timeline.Timeline;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

final Options OPTIONS = Options.of("async", "Lesson 02b, async: callbacks, a structured scope, and the note's Python beside the Java.")
        .integer("count", 10, 1, 500, "cats per way (the note's CATS_QTY is 10)")
        .millis("latency", 150, 20, 5000, "the embedded cat server's latency")
        .integer("pool-size", 4, 1, 64, "threads in the fixed pool")
        .integer("callback-threads", 2, 1, 16, "threads that run the async client's callbacks")
        .integer("repeat", 5, 1, 100, "runs of each scope in the cancellation check")
        .choice("part", "all", List.of("all", "compare", "scope"), "the comparison of ways, the scope's cancellation, or both")
        .choice("python", "auto", List.of("auto", "no"), "run the note's four ways in Python too, when python3 has requests and aiohttp")
        .folder("out", Path.of("cats", "02b-async"), "where the cats go; each way gets a folder");

// What the notebook's setup cell makes. One declaration a line: javac refuses `int N, K;` at the top level.
int N;                                          // cats per way
long LATENCY_MS;
CatSource source;
CatServer server;
CatClient client;
Path CATS;

// tag::tally[]
/** What a way achieved: cats saved, cats failed, and how many threads (or processes) ran a download. */
record Tally(int ok, int failed, long workers) {}

/** One way of downloading n cats into a folder. */
interface Way {
    Tally downloadAll(int n, Path folder) throws Exception;
}

interface BatchWay {
    void downloadAll(int n, CatBatch batch) throws Exception;
}

/** A way of lesson 02, on a CatBatch that counts what arrived and which threads fetched it. */
Way batched(BatchWay way) {
    return (n, folder) -> {
        var batch = new CatBatch(client, source.url(), folder, Timeline.start());
        way.downloadAll(n, batch);
        return new Tally(batch.downloads().size(), batch.failures().size(), batch.threadsUsed());
    };
}
// end::tally[]

// tag::threads[]
/** Lesson 02's ways, in brief: the lib's CatBatch downloads cat i on whichever thread calls batch.fetch(i). */
void sequential(int n, CatBatch batch) {
    for (int cat = 0; cat < n; cat++) batch.fetch(cat);
}

void threadPerCat(int n, CatBatch batch) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int cat = 0; cat < n; cat++) {
        int i = cat;
        threads.add(Thread.ofPlatform().name("cat-thread-" + i).start(() -> batch.fetch(i)));
    }
    for (Thread thread : threads) thread.join();
}

void pool(int n, int size, CatBatch batch) {
    try (ExecutorService pool = Executors.newFixedThreadPool(size)) {
        for (int cat = 0; cat < n; cat++) {
            int i = cat;
            pool.submit(() -> batch.fetch(i));
        }
    }                                           // close() waits for every task
}

void virtualThreads(int n, CatBatch batch) {
    try (ExecutorService perCat = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int cat = 0; cat < n; cat++) {
            int i = cat;
            perCat.submit(() -> batch.fetch(i));
        }
    }
}
// end::threads[]

// tag::callbacks[]
/**
 * The event-loop way, aiohttp's way: all n requests go out at once and no thread waits for any of them. The
 * client's one selector thread watches every socket; when an answer is whole, its callback (thenAccept) saves
 * it on one of {@code callbackThreads} threads. CompletableFuture.allOf(...) is asyncio.gather(...).
 */
Tally callbacks(int n, Path folder, int callbackThreads) throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();          // the threads that ran a callback
    var saved = new AtomicInteger();
    try (ExecutorService onAnswer = Executors.newFixedThreadPool(callbackThreads, Thread.ofPlatform().name("callback-", 0).factory());
         HttpClient http = HttpClient.newBuilder().executor(onAnswer).connectTimeout(Duration.ofSeconds(5)).build()) {
        var request = HttpRequest.newBuilder(URI.create(source.url())).timeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int cat = 0; cat < n; cat++) {
            Path file = folder.resolve("cat-" + cat + ".png");
            var answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());   // returns at once
            sent.add(answer);
            done.add(answer.thenAccept(response -> {              // runs later, when the answer is whole
                threads.add(Thread.currentThread().getName());
                if (response.statusCode() == 200 && saveAtomically(response.body(), file)) saved.incrementAndGet();
            }));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).get();
        } finally {
            sent.forEach(answer -> answer.cancel(true));          // interrupted: abort what is still on its way
        }
    }                                                             // close(): the client's thread ends, then the pool's
    return new Tally(saved.get(), n - saved.get(), threads.size() + 1);   // + the client's selector thread
}

/** Written under a hidden name, then renamed: a failure leaves no half a cat. */
boolean saveAtomically(byte[] picture, Path file) {
    Path partial = file.resolveSibling("." + file.getFileName() + ".part");
    try {
        Files.write(partial, picture);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return true;
    } catch (java.io.IOException e) {
        return false;
    }
}
// end::callbacks[]

// tag::scope[]
/**
 * Structured concurrency (JDK 25 preview, JEP 505): each litter of cats is a subtask on a virtual thread of its
 * own, forked in a scope that cannot be left before every subtask has ended. How the scope answers a failure is
 * its Joiner: open() (awaitAllSuccessfulOrThrow) cancels the scope at the first failure, which interrupts the
 * other subtasks, and join() throws it, as asyncio.TaskGroup does; Joiner.awaitAll() cancels nobody, like
 * asyncio.gather(..., return_exceptions=True).
 */
String litters(Joiner<Object, Void> joiner, int litters, int cats, CatBatch batch, Runnable failure) throws InterruptedException {
    try (var scope = StructuredTaskScope.open(joiner)) {
        for (int l = 0; l < litters; l++) {
            int litter = l;
            scope.fork(() -> {
                for (int c = 0; c < cats; c++) {
                    if (litter == 0 && c == 1) failure.run();     // litter 0 fails before its second cat
                    batch.fetch(litter * cats + c);               // throws CancellationException once interrupted
                }
            });
        }
        scope.join();
        return "join() returned";
    } catch (StructuredTaskScope.FailedException e) {
        return "join() threw: " + e.getCause().getMessage();
    }
}
// end::scope[]

// tag::cancel[]
/**
 * One failure, staged: litter 0 downloads its first cat, waits half a latency (so that it fails while the
 * others are mid-download, with no request about to start), then fails. Counts the requests the server
 * received after the failure, and samples its in-flight counter.
 */
long requestsAfterFailure(Joiner<Object, Void> joiner, boolean draw) throws Exception {
    var atFailure = new AtomicLong(-1);
    var timeline = Timeline.start();
    var batch = new CatBatch(client, source.url(), Files.createDirectories(CATS.resolve("scope")), timeline);
    server.resetCounters();
    long start = System.nanoTime();
    String joined;
    try (var sampler = CounterSampler.sample(timeline, "in flight", server::inFlight)) {
        joined = litters(joiner, 4, 5, batch, () -> {
            try {
                Thread.sleep(LATENCY_MS / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            atFailure.set(server.requests());
            throw new IllegalStateException("litter 0 failed on purpose, " + (System.nanoTime() - start) / 1_000_000 + " ms in");
        });
        Thread.sleep(LATENCY_MS + 50);          // the scope has ended; the server still counts what it was sent: watch it
    }
    timeline.stop();
    long after = server.requests() - atFailure.get();
    if (draw) System.out.print(joined + "\n" + CounterText.render(timeline, "in flight", 4, "4 litters")
            + "requests after the failure: " + after + "; all requests: " + server.requests() + " of 4 x 5\n");
    return after;
}

Check cancellation(int runs) throws Exception {
    var check = new Check("downloads started after one failed", "requests", runs);
    check.variant("Joiner.awaitAll() (gather without cancellation)", Expect.HAZARD, () -> requestsAfterFailure(Joiner.awaitAll(), false));
    check.variant("open() (TaskGroup: the rest are cancelled)", Expect.NO_HAZARD,
            () -> requestsAfterFailure(Joiner.awaitAllSuccessfulOrThrow(), false));
    return check;
}
// end::cancel[]

// tag::compare[]
/** One cat each way before anything is timed: the connections open and the classes load now, not in the first way. */
void warmUp() throws Exception {
    Path warm = Files.createDirectories(CATS.resolve("warm-up"));
    Files.delete(client.download(source.url(), warm).path());
    callbacks(1, warm, 1);
    Files.delete(warm.resolve("cat-0.png"));
}

/** One way as the client and the cat server saw it; the floor is one latency per wave of downloads. */
record Row(String language, String way, int concurrency, Tally tally, double wallMs, double cpuMs, int peak, double answerMs) {
    long floorMs(long latencyMs, int n) { return latencyMs * ((n + concurrency - 1) / concurrency); }
}

/** Runs a Java way, timed; the server's counters are reset first, so they count this way only. */
Row java(String way, int concurrency, Way body) throws Exception {
    Path folder = Files.createDirectories(CATS.resolve("java-" + way.replace(' ', '-')));
    server.resetCounters();
    long cpu = cpuNanos(), start = System.nanoTime();
    Tally tally = body.downloadAll(N, folder);
    double wallMs = (System.nanoTime() - start) / 1e6;
    return recorded(new Row("Java", way, concurrency, tally, wallMs, (cpuNanos() - cpu) / 1e6, server.peakInFlight(), answerMs()));
}

/** Runs one of the note's ways in Python (a child process); wall and CPU as cats.py measured them around its downloads. */
Row python(PythonCats python, String way, int concurrency) throws Exception {
    server.resetCounters();
    long cpu = cpuNanos();
    var run = python.run(way, source.url(), N, CATS.resolve("python"), Duration.ofSeconds(10));
    double cpuMs = run.cpuMs() + (cpuNanos() - cpu) / 1e6;        // Python's CPU, plus this JVM's: the server's work
    var tally = new Tally(run.ok(), run.failed(), run.workers());
    return recorded(new Row("Python", way, concurrency, tally, run.wallMs(), cpuMs, server.peakInFlight(), answerMs()));
}

/** The CPU time of this JVM so far: the Java client's threads, the cat server's, and the JVM's own. */
long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
}

double answerMs() {
    return server.meanAnswer().toNanos() / 1e6;
}

Row recorded(Row row) {
    var labels = Map.of("language", row.language(), "way", row.way(), "cats", N, "concurrency", row.concurrency());
    Results.measure("wall ms", row.wallMs(), labels);
    Results.measure("cpu ms", row.cpuMs(), labels);
    Results.measure("peak in flight", row.peak(), labels);
    Results.measure("answer ms", row.answerMs(), labels);
    Results.record("downloads", Map.of("language", row.language(), "way", row.way(), "ok", row.tally().ok(),
            "failed", row.tally().failed(), "workers", row.tally().workers()));
    System.out.printf("%s %s: %d cats in %.0f ms on %d %s, the server saw at most %d at once%n", row.language(), row.way(),
            row.tally().ok(), row.wallMs(), row.tally().workers(), row.way().equals("processes") ? "processes" : "thread(s)", row.peak());
    return row;
}

/** Lesson 02's ways, the event-loop way, and, when python3 has requests and aiohttp, the note's four. */
List<Row> everyWay(int poolSize, int callbackThreads, Optional<PythonCats> python) throws Exception {
    var rows = new ArrayList<Row>();
    rows.add(java("sequential", 1, batched((n, batch) -> sequential(n, batch))));
    rows.add(java("thread per cat", N, batched((n, batch) -> threadPerCat(n, batch))));
    rows.add(java("pool of " + poolSize, poolSize, batched((n, batch) -> pool(n, poolSize, batch))));
    rows.add(java("virtual threads", N, batched((n, batch) -> virtualThreads(n, batch))));
    rows.add(java("callbacks", N, (n, folder) -> callbacks(n, folder, callbackThreads)));
    if (python.isPresent()) {
        for (String way : List.of("sequential", "threads", "processes", "asyncio")) {
            rows.add(python(python.get(), way, way.equals("sequential") ? 1 : N));
        }
    }
    return rows;
}

Table table(List<Row> rows) {
    var table = new Table("language", "way", "cats", "threads", "wall ms", "floor ms", "wall / floor", "cpu ms / cat",
            "peak in flight", "answer ms");
    for (var r : rows) {
        long floor = r.floorMs(LATENCY_MS, N);
        table.row(r.language(), r.way(), r.tally().ok(), r.tally().workers(), Math.round(r.wallMs()), floor,
                String.format("%.2f", r.wallMs() / floor), String.format("%.1f", r.cpuMs() / N), r.peak(), Math.round(r.answerMs()));
    }
    return table.note("floor = latency x ceil(N / concurrency); threads: that ran a download (processes for Python's processes; "
                    + "callbacks: callback threads + the client's selector thread)")
            .note("cpu: this JVM (client and cat server) plus, for Python, cats.py's own; peak and answer: the server's counters")
            .note("one run each on a shared machine: expect noise");
}
// end::compare[]

// tag::picture[]
/** The table's columns as one picture: a panel per measure, a bar per way, Java and Python in two colours. */
BufferedImage picture(List<Row> rows) {
    var bars = new Bars(N + " cats a way from one cat server (" + LATENCY_MS + " ms a cat): each way as the client and the server saw it")
            .marks("floor: one latency per wave of downloads");
    for (var r : rows) bars.row(r.language(), r.way());
    return bars.panel("wall ms", rows.stream().mapToDouble(Row::wallMs).toArray(),
                    rows.stream().mapToDouble(r -> r.floorMs(LATENCY_MS, N)).toArray())
            .panel("threads (or processes)", rows.stream().mapToDouble(r -> r.tally().workers()).toArray())
            .panel("cpu ms per cat", rows.stream().mapToDouble(r -> r.cpuMs() / N).toArray())
            .panel("server: peak in flight", rows.stream().mapToDouble(Row::peak).toArray())
            .panel("server: mean answer ms", rows.stream().mapToDouble(Row::answerMs).toArray())
            .draw();
}
// end::picture[]

void main(String... argv) {
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    N = given.integer("count");
    LATENCY_MS = given.millis("latency").toMillis();
    CATS = given.folder("out");
    String part = given.choice("part");
    try (var embedded = CatSource.embedded(given.millis("latency")); var cats = new CatClient()) {
        source = embedded;
        server = embedded.server().orElseThrow();
        client = cats;
        warmUp();
        System.out.printf("Cats from %s, %d per way, into %s%n%n", source, N, CATS);
        boolean asDeclared = true;
        if (!part.equals("scope")) {
            Optional<PythonCats> python = given.choice("python").equals("no") ? Optional.empty() : PythonCats.find();
            System.out.println(python.map(p -> "Python: " + p.python() + " runs python/cats.py")
                    .orElse("Python's ways skipped: " + (given.choice("python").equals("no") ? "--python no" : "needs " + PythonCats.HOW_TO_GET)));
            var rows = everyWay(given.integer("pool-size"), given.integer("callback-threads"), python);
            System.out.println();
            System.out.print(table(rows));
            int failed = rows.stream().mapToInt(r -> r.tally().failed()).sum();
            if (failed > 0) {
                System.err.println("async: " + failed + " downloads failed");
                return 1;
            }
        }
        if (!part.equals("compare")) {
            System.out.println("\nFour litters of five cats in one scope; litter 0 fails. The server's requests in flight:");
            System.out.println("\nJoiner.awaitAll(), like asyncio.gather(..., return_exceptions=True):");
            requestsAfterFailure(Joiner.awaitAll(), true);
            System.out.println("\nStructuredTaskScope.open(), like asyncio.TaskGroup:");
            requestsAfterFailure(Joiner.awaitAllSuccessfulOrThrow(), true);
            int runs = given.integer("repeat");
            System.out.printf("%nEach %d times:%n", runs);
            Check check = cancellation(runs);
            System.out.print(check);
            asDeclared = check.asDeclared();
        }
        return asDeclared ? 0 : 1;
    }
}
