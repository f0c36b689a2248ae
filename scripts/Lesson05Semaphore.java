///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DEPS org.jetbrains.lincheck:lincheck:3.7
//DESCRIPTION Lesson 05, Semaphore: let at most K of N cat downloads run at once (the server's own counter proves it), the over-release bug, and semaphore vs pool vs virtual threads.

// What it shows: the note's "a semaphore is a lock that can be acquired up to a limit; a counter underneath".
// N downloaders start at once and a Semaphore(K) lets K through; the embedded cat server counts requests in
// flight, and its peak proves the limit held (it counts a request out before the answer's last bytes leave, so
// before the client can release its permit). A semaphore caps concurrency, not requests per second. A lock is a semaphore of 1, except that permits have no owner:
// any thread may release, and releasing one you never got (the classic tryAcquire-then-release-in-finally
// bug) silently raises the limit; a check runs the bug and its fix R times each and judges what each must
// show. Then the same capped job three ways: platform threads + semaphore, a fixed pool of K, virtual
// threads + semaphore. The notebook notebooks/05_semaphore.ipynb shows the code between the tag:: and
// end:: lines, cell by cell; main below tells the same story in the terminal.
//
// Run it:  jbang semaphore                     (from the repo root; needs only a JDK 25 and jbang)
//          jbang semaphore --count 200 --permits 8 --latency 50
//          jbang scripts/Lesson05Semaphore.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/05_semaphore.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import course.cats.*;
import course.lesson.*;
import course.modelcheck.Rivals;
import course.modelcheck.Rivals.Rival;
import course.permits.CounterText;
import course.show.Table;
import course.threads.StartingLine;
import course.timeline.*;

import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.IntStream;

final Options OPTIONS = Options.of("semaphore", "Lesson 05, Semaphore: at most K downloads at once, proved by the cat server's own counter.")
        .integer("count", 24, 1, 1000, "cats, one downloader each, all started at once")
        .integer("permits", 4, 1, 64, "the semaphore's permits: downloads allowed at once")
        .millis("latency", 100, 20, 5000, "the embedded cat server's latency")
        .integer("repeat", 5, 1, 100, "runs of the over-release bug and of its fix")
        .folder("out", Path.of("cats", "05-semaphore"), "where the cats go");

// What the notebook's setup cell makes: the knobs, and the cat server whose counters are the evidence. One
// declaration a line: JDK 25's javac refuses `int N, K;` at the top level of a compact source file.
int N;                                          // cats, one downloader each
int K;                                          // permits
int RUNS;                                       // runs of the over-release bug and of its fix
long LATENCY_MS;
long WAIT_MS;                                   // how long a downloader waits in tryAcquire before it is refused
CatSource source;
CatServer server;
CatClient client;
Path CATS;

void main(String... argv) {
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    N = given.integer("count");
    K = given.integer("permits");
    RUNS = given.integer("repeat");
    LATENCY_MS = given.millis("latency").toMillis();
    WAIT_MS = LATENCY_MS / 5;                   // far shorter than a download: a downloader kept waiting is refused
    CATS = given.folder("out");
    try (var embedded = CatSource.embedded(given.millis("latency")); var cats = new CatClient()) {
        source = embedded;
        server = embedded.server().orElseThrow();
        client = cats;
        client.download(source.url(), CATS);    // one warm-up cat
        System.out.printf("%d downloaders at once; cats from %s%n%n", N, source);

        System.out.println("1. A Semaphore(K) lets K downloads through at a time");
        var cappedRun = measure((n, batch) -> capped(n, new Semaphore(K), batch));
        System.out.printf("%d cats in %d ms (ideal %d ms); the server saw at most %d at once, with %d permits%n%n",
                cappedRun.batch().downloads().size(), cappedRun.wallMs(), ideal(N, K), cappedRun.peak(), K);
        System.out.println(CounterText.render(cappedRun.timeline(), "in flight", K, "permits = " + K));
        System.out.print(byPermits());

        System.out.println("\n2. A lock is a semaphore of 1, but a permit has no owner");
        Results.measure("permits after one release too many", aPermitHasNoOwner(), Map.of("permits", 1));
        if (N <= K) {
            System.out.printf("%nWith N = %d downloaders and K = %d permits nobody is ever refused: no over-release to show.%n", N, K);
        } else {
            var leaky = new Semaphore(K);
            var brokenRun = measure((n, batch) -> brokenReleaseEvenWhenRefused(n, leaky, WAIT_MS, batch));
            System.out.printf("%nRelease in finally even when tryAcquire(%d ms) said no: K = %d, but the server saw %d at once; the semaphore now has %d permits%n%n",
                    WAIT_MS, K, brokenRun.peak(), leaky.availablePermits());
            System.out.println(CounterText.render(brokenRun.timeline(), "in flight", K, "intended cap K = " + K));
            System.out.printf("The bug and its fix, %d runs each:%n", RUNS);
            System.out.print(overRelease(RUNS));
        }

        System.out.printf("%n3. The same cap (K = %d), three ways%n", K);
        System.out.print(threeWays());

        if (N > K) {                            // as in section 2: where nobody is refused, no over-release is shown
            System.out.printf("%n4. Now let the model checker find the over-release itself: Lincheck, two downloaders, one permit%n%n");
            System.out.print(Rivals.judge(100,
                    new Rival("release even when refused (wrong)", Expect.HAZARD, OVER_RELEASE),
                    new Rival("release only what you got", Expect.NO_HAZARD, OVER_RELEASE_FIXED)));
        }
        return 0;
    }
}

// tag::measure[]
/** One job of N downloads as the cat server saw it: the wall time, the server's own peak, in flight over time. */
record Run(long wallMs, int peak, Timeline timeline, CatBatch batch) {}

/** N downloads, done some way: the way is what each section changes. */
interface Job {
    void downloadAll(int n, CatBatch batch) throws Exception;
}

/** Runs one job while a sampler thread notes server.inFlight() every millisecond; the sampler ends before this returns. */
Run measure(Job job) throws Exception {
    var timeline = Timeline.start();
    var batch = new CatBatch(client, source.url(), CATS, timeline);
    server.resetCounters();
    long start = System.nanoTime();
    try (var sampler = CounterSampler.sample(timeline, "in flight", server::inFlight)) {
        job.downloadAll(N, batch);
    }
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    timeline.stop();
    if (!batch.failures().isEmpty()) {          // a peak over fewer than N downloads would prove less than it seems to
        throw new IllegalStateException(batch.failures().size() + " of " + N + " downloads failed, the first: "
                + batch.failures().getFirst().reason());
    }
    return new Run(wallMs, server.peakInFlight(), timeline, batch);
}

/** What k at a time should take: latency x ceil(n / k), one latency per wave of k. */
long ideal(int n, int k) {
    return LATENCY_MS * ((n + k - 1) / k);
}
// end::measure[]

// tag::capped[]
/** At most K at a time: each downloader takes a permit before it downloads, and gives it back in finally. */
void capped(int n, Semaphore permits, CatBatch batch) throws InterruptedException {
    StartingLine.runVirtual(n, "downloader", cat -> {
        permits.acquire();                      // waits while every permit is out
        try {                                   // we hold a permit from here on
            batch.fetch(cat);
        } finally {
            permits.release();                  // also when the download failed
        }
    });
}
// end::capped[]

// tag::by-permits[]
/** The same N downloads with half of K, K, twice K and N permits, each next to its ideal. */
Table byPermits() throws Exception {
    var table = new Table("permits K", "wall ms", "ideal ms", "wall / ideal", "peak in flight", "limit held");
    for (int k : IntStream.of(Math.max(1, K / 2), K, 2 * K, N).map(c -> Math.min(c, N)).sorted().distinct().toArray()) {
        var run = measure((n, batch) -> capped(n, new Semaphore(k), batch));
        table.row(k, run.wallMs(), ideal(N, k), String.format("%.2f", (double) run.wallMs() / ideal(N, k)), run.peak(),
                run.peak() <= k ? "yes" : "NO");
        Results.measure("peak in flight", run.peak(), Map.of("variant", "semaphore", "permits", k));
        Results.measure("wall ms", run.wallMs(), Map.of("way", "semaphore", "cats", N, "permits", k));
    }
    return table.note("ideal = latency x ceil(N / K); peak = the server's own count of requests at once; "
            + "one run each on a shared machine: expect noise");
}
// end::by-permits[]

// tag::no-owner[]
/** A permit is a count, not a possession: any thread may release one, and every release adds one. */
int aPermitHasNoOwner() throws InterruptedException {
    var oneLock = new Semaphore(1);             // one permit: a lock, or nearly
    Thread taker = Thread.ofPlatform().name("taker").start(oneLock::acquireUninterruptibly);
    taker.join();                               // the taker took the only permit, and ended without giving it back
    System.out.println("the taker took the only permit; permits now " + oneLock.availablePermits());
    oneLock.release();                          // we release the taker's permit: allowed
    System.out.println("we released it for the taker: no error; permits now " + oneLock.availablePermits());
    oneLock.release();                          // one release too many: allowed too
    System.out.println("one release too many: no error either; permits now " + oneLock.availablePermits()
            + ", a 'lock' that lets 2 in");
    return oneLock.availablePermits();
}
// end::no-owner[]

// tag::broken[]
/**
 * Broken on purpose, as in many published examples: try for a permit with a timeout, and release "to be safe"
 * in finally. The release runs also when tryAcquire said no, and a permit has no owner to object: each refusal
 * adds a permit for good. The downloaders retry until they get in, so every refusal raises the limit.
 */
void brokenReleaseEvenWhenRefused(int n, Semaphore permits, long waitMs, CatBatch batch) throws InterruptedException {
    StartingLine.runVirtual(n, "downloader", cat -> {
        boolean done = false;
        while (!done) {
            try {
                if (permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                    batch.fetch(cat);
                    done = true;
                }
            } finally {
                permits.release();              // WRONG: also when we got nothing
            }
        }
    });
}
// end::broken[]

// tag::fixed[]
/** The discipline: release exactly what you acquired. The try begins only once tryAcquire has said yes. */
void releaseOnlyWhatYouGot(int n, Semaphore permits, long waitMs, CatBatch batch) throws InterruptedException {
    StartingLine.runVirtual(n, "downloader", cat -> {
        while (!permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
            // not our turn: try again (a real program might give up, or do something else meanwhile)
        }
        try {                                   // we hold a permit from here on
            batch.fetch(cat);
        } finally {
            permits.release();
        }
    });
}
// end::fixed[]

// tag::over-release[]
/** N downloaders sharing one semaphore, each retrying tryAcquire(waitMs) until it gets in. */
interface Discipline {
    void downloadAll(int n, Semaphore permits, long waitMs, CatBatch batch) throws Exception;
}

/**
 * The bug and its fix, each run {@code runs} times on a fresh Semaphore(K). A run shows the hazard by how far
 * above K the server's own peak went (0: the cap held); each variant declares whether it must show it, and the
 * check judges it. Also prints the permits each semaphore was left with.
 */
Check overRelease(int runs) throws Exception {
    record Rival(String name, Expect expect, Discipline discipline) {}
    var check = new Check("more than K in flight", "above K", runs);
    for (var rival : List.of(
            new Rival("release even when refused (wrong)", Expect.HAZARD,
                    (n, permits, waitMs, batch) -> brokenReleaseEvenWhenRefused(n, permits, waitMs, batch)),
            new Rival("release only what you got", Expect.NO_HAZARD,
                    (n, permits, waitMs, batch) -> releaseOnlyWhatYouGot(n, permits, waitMs, batch)))) {
        var left = new LongSummaryStatistics();  // the permits each run's semaphore ended with
        check.variant(rival.name(), rival.expect(), () -> {
            var permits = new Semaphore(K);
            var run = measure((n, batch) -> rival.discipline().downloadAll(n, permits, WAIT_MS, batch));
            left.accept(permits.availablePermits());
            Results.measure("permits after", permits.availablePermits(), Map.of("variant", rival.name(), "permits", K));
            return Math.max(0, run.peak() - K);
        });
        System.out.printf("%s: each semaphore started with %d permits and ended with %s%n", rival.name(), K,
                left.getMin() == left.getMax() ? left.getMin() : left.getMin() + " to " + left.getMax());
    }
    return check;
}
// end::over-release[]

// tag::three-ways[]
/** A platform thread per cat, K of them downloading at a time. */
void platformThreadsAndSemaphore(int n, int k, CatBatch batch) throws InterruptedException {
    var permits = new Semaphore(k);
    StartingLine.run(n, "platform", cat -> {
        permits.acquire();
        try {
            batch.fetch(cat);
        } finally {
            permits.release();
        }
    });
}

/** K threads, so K at a time by construction; the other tasks wait in the pool's queue. */
void fixedPool(int n, int k, CatBatch batch) {
    try (ExecutorService pool = Executors.newFixedThreadPool(k)) {
        for (int cat = 0; cat < n; cat++) {
            int i = cat;
            pool.submit(() -> batch.fetch(i));
        }
    }                                           // close() waits for every task
}

/** The same cap three ways: the third is capped() from section 1, a virtual thread per cat. */
Table threeWays() throws Exception {
    record Way(String name, Job job) {}
    var table = new Table("way", "threads used", "wall ms", "ideal ms", "peak in flight");
    for (var way : List.of(
            new Way("platform threads + semaphore", (n, batch) -> platformThreadsAndSemaphore(n, K, batch)),
            new Way("fixed pool of K", (n, batch) -> fixedPool(n, K, batch)),
            new Way("virtual threads + semaphore", (n, batch) -> capped(n, new Semaphore(K), batch)))) {
        var run = measure(way.job());
        table.row(way.name(), run.batch().threadsUsed(), run.wallMs(), ideal(N, K), run.peak());
        Results.measure("peak in flight", run.peak(), Map.of("variant", way.name(), "permits", K));
        Results.measure("wall ms", run.wallMs(), Map.of("way", way.name(), "cats", N, "permits", K));
    }
    return table.note("one run each on a shared machine: expect noise; threads used = distinct threads that downloaded");
}
// end::three-ways[]

// tag::modelcheck-code[]
// The over-release as code for a model checker: the shared state in fields, each void thread...() on a thread of
// its own. tryAcquire() here does not wait: a refusal is what the bug needs, not a timeout. One permit, so two
// downloaders inside at once is the bug, caught where it happens.
String OVER_RELEASE = """
        final Semaphore permits = new Semaphore(1);
        int inside;                                   // downloaders between acquire and release
        void thread1() { download(); }
        void thread2() { download(); }
        void download() {
            boolean done = false;
            while (!done) {
                try {
                    if (permits.tryAcquire()) {
                        inside++;
                        if (inside > 1) throw new AssertionError(inside + " inside at once, with 1 permit");
                        inside--;
                        done = true;
                    }
                } finally {
                    permits.release();                // WRONG: also when we got nothing
                }
            }
        }
        """;
String OVER_RELEASE_FIXED = """
        final Semaphore permits = new Semaphore(1);
        int inside;
        void thread1() { download(); }
        void thread2() { download(); }
        void download() {
            while (!permits.tryAcquire()) {
                Thread.yield();                       // not our turn: try again
            }
            try {                                     // we hold a permit from here on
                inside++;
                if (inside > 1) throw new AssertionError(inside + " inside at once, with 1 permit");
                inside--;
            } finally {
                permits.release();
            }
        }
        """;
// end::modelcheck-code[]
