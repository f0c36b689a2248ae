///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DEPS org.jetbrains.lincheck:lincheck:3.7
//DESCRIPTION Lesson 04, Lock: threads lose updates to a shared counter on every run; synchronized, ReentrantLock, AtomicLong and LongAdder fix it (and what each costs); check-then-act, ownership, tryLock.

// What it shows: the note's "a Lock guards shared data". Several threads add 1 to one counter; without a
// lock they lose updates (counted: expected - got). A counter paused now and then between its read and its
// write is declared to lose updates in every run (staging: it also inflates the loss); the same counter at full
// speed is counted beside it, never judged; the four fixes are declared to lose none, ever. Then what each fix
// costs per increment; check-then-act made of thread-safe steps (a lazily filled cache, fixed by
// computeIfAbsent); a lock has an owner (Java refuses to let another thread release it; Python's Lock did not);
// reentrancy, tryLock with a timeout, and fairness (barging). The notebook notebooks/04_lock.ipynb shows the
// regions marked "tag::" below, stamped from this file.
//
// Run it:  jbang locks                         (from the repo root; needs only a JDK 25 and jbang)
//          jbang locks --threads 8 --increments 200000 --repeat 5
//          jbang locks --results run.jsonl     (also writes what the run showed as JSON lines)
//          jbang scripts/Lesson04Lock.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/04_lock.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import course.lesson.Check;
import course.lesson.Expect;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.modelcheck.Rivals;
import course.modelcheck.Rivals.Rival;
import course.show.Table;
import course.threads.StartingLine;
import course.timeline.Timeline;
import course.timeline.TimelineText;

import course.show.Spread;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

// tag::counter[]
/** A shared counter; the ways below differ only in how increment() is guarded. */
interface Counter {
    void increment();
    long get();
}

// Broken on purpose. volatile puts every read and write of count in one order that all threads agree on, but
// read-then-write is still two steps: two threads running at the same moment on two cores both read 41 and
// both write 42, and a thread that loses its core between the two steps writes back a value older still,
// undoing every increment made meanwhile. pauseOneIn pauses it between the steps once in that many increments,
// at random: staging, so that the loss shows in every run (it also makes it bigger). 0: full speed.
final class BrokenUnsynchronizedCounter implements Counter {
    private final int pauseOneIn;                       // 0: never paused on purpose
    private volatile long count;
    BrokenUnsynchronizedCounter(int pauseOneIn) { this.pauseOneIn = pauseOneIn; }
    public void increment() {
        long seen = count;                                                  // 1. read
        if (pauseOneIn > 0 && ThreadLocalRandom.current().nextInt(pauseOneIn) == 0) {
            LockSupport.parkNanos(1_000);                                   //    (paused: the others go on)
        }
        count = seen + 1;                                                   // 2. write
    }
    public long get() { return count; }
}

/** {@code threads} threads each add {@code increments}; returns the wall time in ns. */
long hammer(Counter counter, int threads, int increments) throws InterruptedException {
    return StartingLine.run(threads, "adder", t -> {    // all start at once (behind one latch), all joined
        for (int i = 0; i < increments; i++) counter.increment();
    });
}

/** How many updates a fresh counter lost to {@code threads} x {@code increments}: 0 when it is safe. */
long lostUpdates(Counter counter, int threads, int increments) throws InterruptedException {
    hammer(counter, threads, increments);
    return (long) threads * increments - counter.get();
}
// end::counter[]

// tag::hiding[]
/** What a fresh counter lost in each of {@code runs} runs: counted, not judged. */
long[] lostInEachRun(Supplier<Counter> fresh, int threads, int increments, int runs) throws InterruptedException {
    long[] lost = new long[runs];
    for (int run = 0; run < runs; run++) lost[run] = lostUpdates(fresh.get(), threads, increments);
    return lost;
}

/** How long LockSupport.parkNanos(1_000), the staged pause, really stops a thread: the median of 200, in µs. */
double stagedPauseMicros() {
    double[] us = new double[200];
    for (int i = 0; i < us.length; i++) {
        long t0 = System.nanoTime();
        LockSupport.parkNanos(1_000);                   // asks for 1 µs; the OS wakes it when its timer fires
        us[i] = (System.nanoTime() - t0) / 1_000.0;
    }
    return Spread.of(us).median();
}

/** What the staged counter and the same counter at full speed lost, run by run, in % of all increments. */
Table stagedAndFullSpeed(long[] staged, long[] fullSpeed, long expected) {
    var table = new Table("counter", "runs that lost updates", "fewest lost", "median lost", "most lost");
    for (var row : List.of(Map.entry("paused 1 in 1000 (staged)", staged), Map.entry("full speed", fullSpeed))) {
        long[] lost = row.getValue();
        var share = Spread.of(Arrays.stream(lost).mapToDouble(l -> 100.0 * l / expected).toArray());
        long runsThatLost = Arrays.stream(lost).filter(l -> l != 0).count();
        table.row(row.getKey(), runsThatLost + " of " + lost.length, "%.1f%%".formatted(share.min()),
                "%.1f%%".formatted(share.median()), "%.1f%%".formatted(share.max()));
        // written to --results (if given) for the tests
        Results.measure("runs that lost updates", runsThatLost, Map.of("variant", row.getKey()));
        Results.measure("median % lost", share.median(), Map.of("variant", row.getKey()));
    }
    return table.note("% of all " + expected + " increments, each run with a fresh counter");
}
// end::hiding[]

// tag::slow-motion[]
/** Two threads increment a shared count {@code rounds} times each, both reading before either writes. */
long slowMotion(Timeline timeline, int rounds) throws InterruptedException {
    long[] count = {0};                                 // shared on purpose, unguarded: the barriers order each step
    var bothRead = new CyclicBarrier(2);
    var bothWrote = new CyclicBarrier(2);
    StartingLine.run(2, "thread", t -> {
        for (int r = 0; r < rounds; r++) {
            long seen = count[0];
            timeline.state("read " + seen);
            Thread.sleep(20);                           // the window, wide enough to see
            bothRead.await(2, TimeUnit.SECONDS);
            count[0] = seen + 1;
            timeline.state("wrote " + (seen + 1));
            Thread.sleep(15);
            bothWrote.await(2, TimeUnit.SECONDS);
        }
        timeline.end();
    });
    return count[0];
}
// end::slow-motion[]

// tag::fixes[]
final class SynchronizedCounter implements Counter {
    private long count;                                 // guarded by this
    public synchronized void increment() { count++; }
    public synchronized long get() { return count; }
}

final class LockedCounter implements Counter {
    private final ReentrantLock lock = new ReentrantLock();
    private long count;                                 // guarded by lock
    public void increment() {
        lock.lock();                                    // lock, then try: unlock in finally, however the body ends
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }
    public long get() { lock.lock(); try { return count; } finally { lock.unlock(); } }
}

final class AtomicCounter implements Counter {
    private final AtomicLong count = new AtomicLong();
    public void increment() { count.incrementAndGet(); }    // one atomic read-modify-write: nobody waits for a lock
    public long get() { return count.get(); }
}

final class AdderCounter implements Counter {
    private final LongAdder count = new LongAdder();
    public void increment() { count.increment(); }          // spreads contention over cells, adds them up on read
    public long get() { return count.sum(); }
}

/** A way to count, by name; each fresh() is a new counter. */
record Way(String name, Supplier<Counter> fresh) {}

List<Way> FIXES = List.of(new Way("synchronized", SynchronizedCounter::new),
        new Way("ReentrantLock", LockedCounter::new),
        new Way("AtomicLong", AtomicCounter::new),
        new Way("LongAdder", AdderCounter::new));
// end::fixes[]

// tag::held[]
// Python's "with lock:" in Java: a resource that unlocks when the try block ends. The JDK ships no such class;
// the code you will read uses lock() / try / finally (or synchronized).
record Held(Lock lock) implements AutoCloseable {
    static Held hold(Lock lock) { lock.lock(); return new Held(lock); }
    public void close() { lock.unlock(); }
}

/** Threads add to one tally, each addition inside try (Held): returns the tally. */
long countWithHeld(int threads, int increments) throws InterruptedException {
    var lock = new ReentrantLock();
    long[] tally = {0};                                 // guarded by lock
    StartingLine.run(threads, "with-lock", t -> {
        for (int i = 0; i < increments; i++) {
            try (var _ = Held.hold(lock)) {             // "with lock:"
                tally[0]++;
            }
        }
    });
    return tally[0];
}
// end::held[]

// tag::cost[]
/** The yardstick: fast, and wrong (the volatile counter above, at full speed). */
Way UNSYNCHRONIZED = new Way("volatile, unsynchronized (wrong)", () -> new BrokenUnsynchronizedCounter(0));

/** Wall time per increment, best of 3: with more threads lower is better, as they share the work. */
double nsPerIncrement(Way way, int threads, int increments) throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int trial = 0; trial < 3; trial++) best = Math.min(best, hammer(way.fresh().get(), threads, increments));
    return best / ((double) threads * increments);
}

/** Each way with 1, 2 and 4 threads, after a warm-up (so that the JIT has compiled the hot code). */
Table cost(Way yardstick, List<Way> ways, int increments) throws InterruptedException {
    var all = new ArrayList<>(List.of(yardstick));
    all.addAll(ways);
    for (var way : all) hammer(way.fresh().get(), 2, 200_000);                         // warm-up
    var table = new Table("way", "1 thread", "2 threads", "4 threads", "x wrong @1", "x wrong @2", "x wrong @4");
    int[] threadCounts = {1, 2, 4};
    double[] wrong = null;
    for (var way : all) {
        double[] ns = new double[threadCounts.length];
        for (int c = 0; c < ns.length; c++) {
            ns[c] = nsPerIncrement(way, threadCounts[c], increments);
            // written to --results (if given) for the tests and the benchmarks
            Results.measure("ns per increment", ns[c], Map.of("way", way.name(), "threads", threadCounts[c]));
        }
        if (way == yardstick) wrong = ns;
        table.row(way.name(), ns[0], ns[1], ns[2], "%.1fx".formatted(ns[0] / wrong[0]),
                "%.1fx".formatted(ns[1] / wrong[1]), "%.1fx".formatted(ns[2] / wrong[2]));
    }
    return table.note("ns per increment = wall time / all increments, best of 3, in this run only,"
            + " on a shared machine: rerun to see the noise");
}
// end::cost[]

// tag::check-then-act[]
/** Hands out one value per key, made on first use (lazy initialisation) by a load that takes a while. */
interface Cache {
    Object get(String key);
}

// Broken on purpose: each step is thread-safe (a ConcurrentHashMap), the two together are not. Between "not
// there" and put(), another thread finds it not there too, and loads it again.
final class CheckThenActCache implements Cache {
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final Function<String, Object> load;
    CheckThenActCache(Function<String, Object> load) { this.load = load; }
    public Object get(String key) {
        Object value = values.get(key);                 // check: not there yet ...
        if (value == null) {
            value = load.apply(key);                    // ... so load it (so may another thread, right now)
            values.put(key, value);                     // act: the last put wins, the other value was made for nothing
        }
        return value;
    }
}

final class ComputeIfAbsentCache implements Cache {
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();
    private final Function<String, Object> load;
    ComputeIfAbsentCache(Function<String, Object> load) { this.load = load; }
    public Object get(String key) {
        return values.computeIfAbsent(key, load);       // check and act in one step: load runs at most once a key,
    }                                                   // and whoever asks for that key meanwhile waits for it
}

/** {@code threads} threads ask a fresh cache for the same {@code keys} keys, in order; returns the loads beyond one a key. */
long extraLoads(Function<Function<String, Object>, Cache> cacheWith, int threads, int keys) throws InterruptedException {
    var loads = new AtomicLong();
    Cache cache = cacheWith.apply(key -> {
        loads.incrementAndGet();
        LockSupport.parkNanos(1_000_000);               // a load takes about a millisecond: a file, a query
        return new Object();
    });
    StartingLine.run(threads, "asker", t -> {
        for (int k = 0; k < keys; k++) cache.get("key " + k);
    });
    return loads.get() - keys;
}
// end::check-then-act[]

// tag::ownership[]
/** What our unlock() of a fork that another thread holds did. */
record Unlocked(String threw, boolean stillLocked, boolean heldByUs) {
    public String toString() {
        return "unlock() threw " + threw + "; still locked: " + stillLocked + ", by us: " + heldByUs;
    }
}

/** Philosopher 1 holds a fork; we, his neighbour, try to put it down for him, as the note's philosopher did. */
Unlocked unlockANeighboursFork() throws InterruptedException {
    var fork = new ReentrantLock();
    var pickedUp = new CountDownLatch(1);
    var putDown = new CountDownLatch(1);
    Thread owner = Thread.ofPlatform().name("philosopher 1").start(() -> {
        fork.lock();
        try {
            pickedUp.countDown();
            putDown.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // put it down now
        } finally {
            fork.unlock();
        }
    });
    try {
        pickedUp.await();
        String threw = "nothing";
        try {
            fork.unlock();                              // the neighbour releasing someone else's fork
        } catch (IllegalMonitorStateException e) {
            threw = e.getClass().getSimpleName();
        }
        return new Unlocked(threw, fork.isLocked(), fork.isHeldByCurrentThread());
    } finally {
        putDown.countDown();
        owner.join();
    }
}
// end::ownership[]

// tag::reentrancy[]
/** The thread that holds a ReentrantLock takes it again; returns the hold count, then releases it twice. */
int lockTwice(ReentrantLock lock) {
    lock.lock();
    try {
        lock.lock();                                    // the same thread again: fine (Python's Lock would hang here)
        try {
            return lock.getHoldCount();
        } finally {
            lock.unlock();
        }
    } finally {
        lock.unlock();
    }
}
// end::reentrancy[]

// tag::try-lock[]
/** What tryLock(timeout) answered, and after how long. */
record Tried(long timeoutMs, boolean got, long afterMs) {
    public String toString() { return "tryLock(" + timeoutMs + " ms): " + got + " after " + afterMs + " ms"; }
}

/** Another thread holds a lock for {@code holdMs}; meanwhile we try it with each timeout in turn. */
List<Tried> tryLockWhileAnotherHoldsIt(long holdMs, long... timeoutsMs) throws InterruptedException {
    var busy = new ReentrantLock();
    var holding = new CountDownLatch(1);
    Thread holder = Thread.ofPlatform().name("holder").start(() -> {
        busy.lock();
        try {
            holding.countDown();
            Thread.sleep(holdMs);
        } catch (InterruptedException e) {
            // let go early
        } finally {
            busy.unlock();
        }
    });
    try {
        holding.await();
        var tries = new ArrayList<Tried>();
        for (long ms : timeoutsMs) {
            long t0 = System.nanoTime();
            boolean got = busy.tryLock(ms, TimeUnit.MILLISECONDS);
            tries.add(new Tried(ms, got, (System.nanoTime() - t0) / 1_000_000));
            if (got) busy.unlock();
        }
        return tries;
    } finally {
        holder.interrupt();                             // still holding it after our last try: let go now
        holder.join();
    }
}
// end::try-lock[]

// tag::barging[]
/**
 * A thread waits in lock() while we hold the lock; we unlock and at once take it again, with lock() or with
 * tryLock(). Returns in how many of {@code tries} we got it first, ahead of the thread already waiting (barging).
 */
int barges(boolean fair, boolean withTryLock, int tries) throws InterruptedException {
    int barged = 0;
    for (int t = 0; t < tries; t++) {
        var lock = new ReentrantLock(fair);
        var order = new ConcurrentLinkedQueue<String>(); // who had the lock, in turn
        lock.lock();
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            lock.lock();
            try { order.add("waiter"); } finally { lock.unlock(); }
        });
        try {
            while (!lock.hasQueuedThread(waiter)) Thread.sleep(1);     // until it waits for us
        } finally {
            lock.unlock();                                              // wakes the waiter ...
        }
        if (!(withTryLock && lock.tryLock())) lock.lock();             // ... and straight back in
        try { order.add("us"); } finally { lock.unlock(); }
        waiter.join();
        if (order.peek().equals("us")) barged++;
    }
    return barged;
}
// end::barging[]

// tag::approve[]
// The exercise's Bank calls this before it moves money: a call out of the bank, to code it does not control
// (a fraud service). Usually instant; once in 100 calls (at random) it pauses for a moment.
void approve(long amount) {
    if (ThreadLocalRandom.current().nextInt(100) == 0) LockSupport.parkNanos(1_000);
}
// end::approve[]

// tag::modelcheck-code[]
// Sections 1 and 3 as code for a model checker: the shared state in fields, each void thread...() on a thread of
// its own, holds() checked once both have ended. No barrier, no pause: the checker picks the switches.
String LOST_UPDATE = """
        int counter;
        void thread1() { counter++; }                     // read, then write: two steps
        void thread2() { counter++; }
        boolean holds() { return counter == 2; }
        """;
String LOST_UPDATE_FIXED = """
        int counter;
        void thread1() { increment(); }
        void thread2() { increment(); }
        synchronized void increment() { counter++; }      // read and write, one thread at a time
        boolean holds() { return counter == 2; }
        """;
String CHECK_THEN_ACT = """
        final Map<String, Object> values = new ConcurrentHashMap<>();   // each call is thread-safe
        final AtomicInteger loads = new AtomicInteger();
        void thread1() { get("cat"); }
        void thread2() { get("cat"); }
        Object get(String key) {
            Object value = values.get(key);               // check: not there yet ...
            if (value == null) {
                loads.incrementAndGet();                  // ... so load it
                value = new Object();
                values.put(key, value);                   // act
            }
            return value;
        }
        boolean holds() { return loads.get() == 1; }      // loaded once
        """;
String CHECK_THEN_ACT_FIXED = """
        final Map<String, Object> values = new ConcurrentHashMap<>();
        final AtomicInteger loads = new AtomicInteger();
        void thread1() { get("cat"); }
        void thread2() { get("cat"); }
        Object get(String key) {
            return values.computeIfAbsent(key, k -> { loads.incrementAndGet(); return new Object(); });
        }
        boolean holds() { return loads.get() == 1; }
        """;
// end::modelcheck-code[]

Options OPTIONS = Options.of("locks", "Lesson 04, Lock: lost updates on every run, four fixes and their cost, check-then-act, ownership, fairness.")
        .integer("threads", 4, 2, 64, "threads adding to one counter (and asking the cache)")
        .integer("increments", 1_000_000, 100_000, 10_000_000, "increments per thread")
        .integer("repeat", 20, 1, 100, "runs of each race and of each fix")
        .millis("hold", 200, 10, 5000, "how long another thread holds the lock we try with a timeout");

void main(String... argv) {
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    int threads = given.integer("threads"), increments = given.integer("increments"), runs = given.integer("repeat");
    long holdMs = given.millis("hold").toMillis(), expected = (long) threads * increments;
    System.out.printf("1. The race: %d threads x %,d increments of one counter = %,d expected, %d runs%n%n", threads, increments, expected, runs);
    var lost = new Check("lost updates", "updates lost", runs);
    String staged = "unsynchronized, paused 1 in 1000 (wrong)";
    lost.variant(staged, Expect.HAZARD, () -> lostUpdates(new BrokenUnsynchronizedCounter(1000), threads, increments));
    System.out.print(lost);
    long[] fullSpeed = lostInEachRun(() -> new BrokenUnsynchronizedCounter(0), threads, increments, runs);
    System.out.printf("%nObserved, not declared: the staged counter next to the same counter at full speed (no pauses)%n%n");
    System.out.print(stagedAndFullSpeed(lost.amounts(staged), fullSpeed, expected));
    double pauseUs = stagedPauseMicros();
    Results.measure("staged pause us", pauseUs, Map.of("asked us", 1));
    System.out.printf("LockSupport.parkNanos(1_000) asks for 1 us; it paused for a median %.0f us on this machine%n", pauseUs);

    System.out.printf("%nIn slow motion: 2 threads, 3 increments each, a barrier between each one's read and its write%n");
    var slow = Timeline.start();
    long count = slowMotion(slow, 3);
    slow.stop();
    Results.measure("slow motion count", count, Map.of("increments", 6));
    System.out.printf("6 increments, count = %d%n", count);
    System.out.print(TimelineText.render(slow));

    System.out.printf("%n2. The fixes, %d runs each, added to the same check%n%n", runs);
    System.out.printf("try-with-resources (Held), once: %,d of %,d%n%n", countWithHeld(threads, 100_000), threads * 100_000L);
    for (var way : FIXES) lost.variant(way.name(), Expect.NO_HAZARD, () -> lostUpdates(way.fresh().get(), threads, increments));
    System.out.print(lost);

    System.out.printf("%nWhat each costs under contention: ns per increment (wall time / all increments), best of 3%n%n");
    System.out.print(cost(UNSYNCHRONIZED, FIXES, increments));

    System.out.printf("%n3. Check-then-act: %d threads ask a fresh cache for the same 20 keys, %d runs each%n%n", threads, runs);
    var madeTwice = new Check("a value loaded twice", "extra loads", runs);
    madeTwice.variant("get, then put (wrong)", Expect.HAZARD, () -> extraLoads(CheckThenActCache::new, threads, 20));
    madeTwice.variant("computeIfAbsent", Expect.NO_HAZARD, () -> extraLoads(ComputeIfAbsentCache::new, threads, 20));
    System.out.print(madeTwice);

    System.out.printf("%n4. Ownership: only the thread that locked a ReentrantLock may unlock it%n");
    var unlocked = unlockANeighboursFork();
    Results.record("ownership", Map.of("threw", unlocked.threw(), "stillLocked", unlocked.stillLocked(), "heldByUs", unlocked.heldByUs()));
    System.out.println("   we tried to put down a fork philosopher 1 holds: " + unlocked);

    System.out.printf("%n5. Reentrancy, tryLock with a timeout, fairness%n");
    var reentrant = new ReentrantLock();
    int holdCount = lockTwice(reentrant);
    Results.record("reentrancy", Map.of("holdCount", holdCount, "lockedAfter", reentrant.isLocked()));
    System.out.printf("   locked twice by one thread: hold count %d; after two unlocks, locked: %s%n", holdCount, reentrant.isLocked());
    for (var tried : tryLockWhileAnotherHoldsIt(holdMs, 50, 1000)) {
        Results.record("tryLock", Map.of("timeoutMs", tried.timeoutMs(), "got", tried.got(), "afterMs", tried.afterMs(), "holdMs", holdMs));
        System.out.printf("   %s (another thread holds it %d ms)%n", tried, holdMs);
    }
    for (var how : List.of(Map.entry(false, false), Map.entry(true, false), Map.entry(true, true))) {
        int barged = barges(how.getKey(), how.getValue(), runs);
        String call = how.getValue() ? "tryLock()" : "lock()";
        Results.measure("barged", barged, Map.of("fair", how.getKey(), "call", call, "tries", runs));
        System.out.printf("   new ReentrantLock(%s), back in with %s: ahead of the waiting thread in %d of %d tries%n", how.getKey(), call, barged, runs);
    }
    System.out.printf("%n6. Now let the model checker find the bad order itself: Lincheck, no staging%n%n");
    System.out.print(Rivals.judge(100,
            new Rival("counter++ (wrong)", Expect.HAZARD, LOST_UPDATE),
            new Rival("synchronized increment()", Expect.NO_HAZARD, LOST_UPDATE_FIXED),
            new Rival("get, then put (wrong)", Expect.HAZARD, CHECK_THEN_ACT),
            new Rival("computeIfAbsent", Expect.NO_HAZARD, CHECK_THEN_ACT_FIXED)));
    return 0;
}
