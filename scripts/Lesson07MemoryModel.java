///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 07, the memory model: a stop flag the reader never sees once C2 compiled its loop, writes seen out of order (store buffering), unsafe publication tried; volatile, AtomicBoolean and a lock on both sides fix them; happens-before in one picture.

// What it shows: a lock does two things, it excludes (lesson 04) and it orders memory: what a thread wrote before
// an unlock is visible to the thread that next locks the same lock. Without such an order (a happens-before edge)
// the Java Memory Model lets a thread never see another's write, or see two writes out of order, and HotSpot and
// the hardware take that licence:
// 1. A stop flag that never stops: a reader spins on a plain boolean; once C2 has compiled the loop, the reader
//    no longer sees the write that sets the flag (here: in every run). The stall detector reports where the reader spins; only ending its JVM
//    ends it, so it runs in a child JVM (this file, run again with --child). volatile, an AtomicBoolean and a lock
//    taken by the reader too fix it; a lock taken by the writer alone does not.
// 2. Store buffering: x = 1; r1 = y against y = 1; r2 = x, run many times with both threads released together.
//    (0, 0) comes out with plain fields (x86 lets a load pass an earlier store to another address) and with
//    setRelease/getAcquire; never with volatile. Unsafe publication is tried too, and its count reported as seen.
// 3. Happens-before: what synchronized, volatile, start/join, a Semaphore and a final field each guarantee.
// The notebook notebooks/07_memory_model.ipynb shows the regions marked "tag::" below, stamped from this file.
// Best read after lesson 04, whose lock it completes.
//
// Run it:  jbang memory-model                     (from the repo root; needs only a JDK 25 and jbang)
//          jbang memory-model --repeat 5 --trials 50000
//          jbang memory-model --results run.jsonl (also writes what the run showed as JSON lines)
//          jbang scripts/Lesson07MemoryModel.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/07_memory_model.ipynb (the same
// code). No figure here is copied from a run by hand.

import course.jmm.Actors;
import course.jmm.HappensBefore;
import course.jmm.Jit;
import course.jmm.OutcomeChart;
import course.jmm.Outcomes;
import course.lesson.Check;
import course.lesson.Expect;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.timeline.Timeline;
import course.timeline.TimelineText;
import course.vthreads.LessonChild;
import course.watch.Leftovers;
import course.watch.StallDetector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

// tag::flags[]
/** One thread spins until another sets the flag. The ways below differ only in how the flag is written and read. */
interface StopFlag {
    void spin();                                        // returns once it sees the flag set
    void set();
}

// Broken on purpose: no happens-before orders the writer's write before the reader's reads, so the Java Memory
// Model allows the reader never to see it. C2 takes that licence: the loop stores nothing and synchronizes
// with nothing, so the load of stop is loop-invariant, and the compiled loop reads it once, before looping.
final class PlainFlag implements StopFlag {
    private boolean stop;
    public void spin() { while (!stop) { } }
    public void set() { stop = true; }
}

// Broken on purpose, lesson 04's trap: the writer takes the lock, the reader does not. An unlock orders what
// came before it only for a thread that later locks the same monitor, and this reader never locks it.
final class WriterLockedFlag implements StopFlag {
    private boolean stop;                               // written under this, read without it (wrong)
    public void spin() { while (!stop) { } }
    public synchronized void set() { stop = true; }
}

// A write to a volatile field happens-before every read of it that comes later in the synchronization order, so
// a volatile read is never folded into one read before the loop: the compiled loop reads the field every turn.
final class VolatileFlag implements StopFlag {
    private volatile boolean stop;
    public void spin() { while (!stop) { } }
    public void set() { stop = true; }
}

final class AtomicFlag implements StopFlag {
    private final AtomicBoolean stop = new AtomicBoolean();
    public void spin() { while (!stop.get()) { } }      // get() and set() read and write with volatile semantics
    public void set() { stop.set(true); }
}

// The lock on both sides: the writer's unlock happens-before the reader's next lock of the same monitor.
final class LockedFlag implements StopFlag {
    private boolean stop;                               // guarded by this
    private synchronized boolean isSet() { return stop; }
    public void spin() { while (!isSet()) { } }
    public synchronized void set() { stop = true; }
}

/** A way to make a flag, what it must show, by name. */
record Flag(String name, Expect expect, Supplier<StopFlag> fresh) {}

// The fixes first: a broken reader spins for as long as its JVM lives, on a core of its own.
List<Flag> FLAGS = List.of(new Flag("volatile", Expect.NO_HAZARD, VolatileFlag::new),
        new Flag("AtomicBoolean", Expect.NO_HAZARD, AtomicFlag::new),
        new Flag("lock on both sides", Expect.NO_HAZARD, LockedFlag::new),
        new Flag("plain boolean (wrong)", Expect.HAZARD, PlainFlag::new),
        new Flag("lock on the writer only (wrong)", Expect.HAZARD, WriterLockedFlag::new));
// end::flags[]

// tag::stop-flag[]
/**
 * In the child JVM: a reader spins on a fresh flag; once the JIT has compiled the loop it runs in at {@code tier}
 * (4: C2; 1: C1), we set the flag and a stall detector gives the reader {@code limit} to stop. Returns how many ms
 * it was stalled: 0 when it stopped in time. The timeline gets a lane per flag: the spin, the compile, the write.
 */
long setWhileItSpins(Flag flag, Duration limit, int tier, Timeline timeline, Map<String, Object> facts) throws InterruptedException {
    StopFlag stop = flag.fresh().get();
    var spinning = timeline.span(flag.name(), "spins");
    var stoppedAt = new AtomicLong();
    // a daemon thread, because nothing else can end it: interrupt() is a request it never reads, Thread.stop()
    // throws UnsupportedOperationException since JDK 20; when the child's main returns, the JVM ends, and it too.
    Thread reader = Thread.ofPlatform().daemon().name("reader").start(() -> {
        stop.spin();
        stoppedAt.set(System.nanoTime());
        spinning.close();
    });
    // spin() is called once, so C2 compiles its loop while it runs (on-stack replacement, once the loop is hot): we
    // wait until the JVM's own list of compiled code (jcmd Compiler.codelist) has it at that tier, then until the
    // reader has run 20 ms more CPU time, millions of turns, in which the running loop moves into that code.
    facts.put(flag.name() + " | compiled", Jit.awaitCompiled(stop.getClass(), "spin", tier, Duration.ofSeconds(20)));
    Jit.awaitCpuTime(reader, Duration.ofMillis(20), Duration.ofSeconds(20));
    timeline.mark(flag.name(), tier == 4 ? "C2" : "C1");
    long wrote = System.nanoTime();
    timeline.mark(flag.name(), "set");
    stop.set();
    try (var detector = StallDetector.watch("reader (" + flag.name() + ")", limit, reader, s -> spinning.close())) {
        reader.join(limit.multipliedBy(3));             // no beat: the reader ending is what we wait for
        var stall = detector.stall();
        stall.ifPresent(s -> facts.put(flag.name() + " | where", s.where(1).strip()));
        if (stall.isEmpty()) facts.put(flag.name() + " | stopped after us", (stoppedAt.get() - wrote) / 1_000);
        return stall.map(s -> s.silence().toMillis()).orElse(reader.isAlive() ? limit.toMillis() : 0L);
    }
}
// end::stop-flag[]

// tag::child[]
/** Runs every flag once in a child JVM (this very file, run again with --child: see main), its JIT up to C2. */
LessonChild.Reply flagsInAChildJVM(Duration limit) throws Exception {
    return flagsInAChildJVM(limit, 4);
}

/** The same with the child's JIT stopped at {@code tier}: 1 is C1 alone, no C2. */
LessonChild.Reply flagsInAChildJVM(Duration limit, int tier) throws Exception {
    return LessonChild.run("scripts/Lesson07MemoryModel.java",
            List.of("-XX:TieredStopAtLevel=" + tier),   // after LessonChild's own =1, so this one counts
            Duration.ofSeconds(90), "--child", String.valueOf(limit.toMillis()), String.valueOf(tier));
}

/** How long the reader of {@code flag} was stalled in that child: 0 if it stopped within the limit. */
long stalledMs(LessonChild.Reply child, Flag flag) {
    return Long.parseLong(child.facts().get(flag.name() + " | stalled ms"));
}
// end::child[]

// tag::pairs[]
/** Store buffering, jcstress's SB test: actor 1 writes x then reads y, actor 2 writes y then reads x. */
interface Pair {
    int actor1();                                       // x = 1; return y
    int actor2();                                       // y = 1; return x
}

// Broken on purpose: (0, 0) says each read came before the other's write. The JMM allows it (a data race: no
// happens-before between the threads), and x86 does it: a store waits in the core's store buffer while a later
// load of another address reads the cache. The JIT may also reorder the two plain accesses.
final class PlainPair implements Pair {
    int x, y;
    public int actor1() { x = 1; return y; }
    public int actor2() { y = 1; return x; }
}

// Wrong for this: a release write keeps every access before it before it, an acquire read keeps every access after
// it after it, but neither keeps a write before a later read of another variable: (0, 0) is still allowed.
final class ReleaseAcquirePair implements Pair {
    final AtomicInteger x = new AtomicInteger(), y = new AtomicInteger();
    public int actor1() { x.setRelease(1); return y.getAcquire(); }
    public int actor2() { y.setRelease(1); return x.getAcquire(); }
}

// Volatile accesses are all in one total order (the synchronization order), consistent with each thread's
// program order, and a volatile read sees the last write before it in that order: whichever write comes first,
// the other thread's read comes after it, so at least one actor reads 1. (0, 0) is forbidden.
final class VolatilePair implements Pair {
    volatile int x, y;
    public int actor1() { x = 1; return y; }
    public int actor2() { y = 1; return x; }
}

record Way(String name, Expect expect, Supplier<Pair> fresh) {}

List<Way> PAIRS = List.of(new Way("plain fields (wrong)", Expect.HAZARD, PlainPair::new),
        new Way("setRelease / getAcquire (wrong here)", Expect.HAZARD, ReleaseAcquirePair::new),
        new Way("volatile", Expect.NO_HAZARD, VolatilePair::new));

/** {@code trials} trials, a fresh pair each, both actors released together: how often each (r1, r2) came out. */
Outcomes storeBuffering(Way way, int trials) throws InterruptedException {
    return Actors.run(trials, way.fresh(), Pair::actor1, Pair::actor2);
}
// end::pairs[]

// tag::publication[]
/** A box whose field is not final, and one whose field is. */
final class Box { int value; Box(int value) { this.value = value; } }
final class FinalBox { final int value; FinalBox(int value) { this.value = value; } }

/** Where actor 1 puts a new box and actor 2 looks: a plain field, no happens-before between them. */
final class Shelf { Box box; FinalBox finalBox; }

/** Actor 2 reads -1 (no box yet), 42, or 0: a box seen before its value, which the JMM allows for Box. */
Outcomes unsafePublication(int trials, boolean finalField) throws InterruptedException {
    return finalField
            ? Actors.run(trials, Shelf::new, s -> { s.finalBox = new FinalBox(42); return 0; },
                    s -> { FinalBox b = s.finalBox; return b == null ? -1 : b.value; })
            : Actors.run(trials, Shelf::new, s -> { s.box = new Box(42); return 0; },
                    s -> { Box b = s.box; return b == null ? -1 : b.value; });
}
// end::publication[]

Options OPTIONS = Options.of("memory-model", "Lesson 07, the memory model: a stop flag never seen, writes seen out of order, and their fixes.")
        .integer("repeat", 20, 1, 100, "runs of each flag (a child JVM per run) and of each store-buffering pair")
        .millis("stall-limit", 500, 100, 5000, "a reader still spinning this long after the write is stalled")
        .integer("trials", 100_000, 1_000, 1_000_000, "store-buffering trials per run");

void main(String... argv) throws Exception {
    if (argv.length == 3 && argv[0].equals("--child") && argv[1].matches("[0-9]{1,6}") && argv[2].matches("[14]")) {
        // the child JVM of part 1, started by flagsInAChildJVM
        var timeline = Timeline.start();
        var facts = new TreeMap<String, Object>(Map.of("jdk", Runtime.version()));
        for (var flag : FLAGS) {
            facts.put(flag.name() + " | stalled ms",
                    setWhileItSpins(flag, Duration.ofMillis(Long.parseLong(argv[1])), Integer.parseInt(argv[2]), timeline, facts));
        }
        timeline.stop();
        LessonChild.reply(timeline, facts);
        return;                                            // the JVM ends, with the readers that still spin
    }
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    int runs = given.integer("repeat"), trials = given.integer("trials");
    Duration limit = given.millis("stall-limit");
    var leftovers = Leftovers.baseline();
    System.out.printf("1. A stop flag: a reader spins until it sees the flag; we set it once C2 compiled the loop.%n"
            + "   %d child JVMs, each runs every flag once; stalled = still spinning %d ms after the write%n%n", runs, limit.toMillis());
    List<LessonChild.Reply> children = new ArrayList<>();
    for (int run = 0; run < runs; run++) children.add(flagsInAChildJVM(limit));
    var first = children.getFirst();
    System.out.print(TimelineText.render(first.timeline()));
    for (var flag : FLAGS) {
        String where = first.facts().get(flag.name() + " | where");
        System.out.printf("   %-32s %s; %s%n", flag.name(), first.facts().get(flag.name() + " | compiled"),
                where == null ? "stopped " + first.facts().get(flag.name() + " | stopped after us") + " us after the write" : "stalled, " + where);
    }
    var stalls = new Check("the reader never sees the flag", "ms stalled", runs);
    for (var flag : FLAGS) {
        var each = children.iterator();                    // the children ran the flags: each run judges one child
        stalls.variant(flag.name(), flag.expect(), () -> stalledMs(each.next(), flag));
    }
    System.out.println();
    System.out.print(stalls);
    System.out.println("Every stalled reader ended with its JVM: only ending the process ends a thread that never looks.");
    var c1 = flagsInAChildJVM(limit, 1);
    var plain = FLAGS.get(3);                              // plain boolean (wrong)
    for (var flag : FLAGS) Results.measure("stalled ms with C1 only", stalledMs(c1, flag), Map.of("flag", flag.name()));
    System.out.printf("Observed, not declared: with C1 alone (-XX:TieredStopAtLevel=1) the plain reader %s.%n", stalledMs(c1, plain) == 0
            ? "stopped " + c1.facts().get(plain.name() + " | stopped after us") + " us after the write: C1's loop re-read the field" : "stalled too");

    System.out.printf("%n2. Store buffering: x = 1; r1 = y  against  y = 1; r2 = x, %,d trials per run, %d runs%n%n", trials, runs);
    var reordered = new Check("both reads came before both writes: (0, 0)", "(0, 0) seen", runs);
    var totals = new LinkedHashMap<String, Outcomes>();
    for (var way : PAIRS) storeBuffering(way, trials);   // a warm-up, not counted: C2 compiles the actors, as in jcstress
    for (var way : PAIRS) {
        reordered.variant(way.name(), way.expect(), () -> {
            var outcomes = storeBuffering(way, trials);
            totals.merge(way.name(), outcomes, Outcomes::plus);
            return outcomes.count("0, 0");
        });
    }
    totals.forEach((way, outcomes) -> outcomes.counts().forEach((outcome, n) ->
            Results.measure("store buffering outcomes", n, Map.of("way", way, "outcome", outcome))));
    System.out.print(OutcomeChart.table(totals, "0, 0"));
    System.out.println();
    System.out.print(reordered);

    System.out.printf("%nUnsafe publication: a new Box(42) put on a plain field while another thread looks, %,d trials%n", trials * runs);
    for (boolean finalField : new boolean[] {false, true}) {
        var seen = unsafePublication(trials * runs, finalField);
        String box = finalField ? "FinalBox (final field)" : "Box (plain field)";
        Results.measure("box seen without its value", seen.count("0, 0"), Map.of("box", box, "trials", trials * runs));
        System.out.printf("   %-24s seen without its value in %d of %,d trials (%s)%n", box, seen.count("0, 0"), seen.trials(), seen);
    }
    System.out.println("Observed, not declared: the JMM allows a Box without its value; x86 keeps stores in order, so here only"
            + " the JIT could reorder them. A final field forbids it everywhere (if the constructor does not leak this).");

    System.out.printf("%n3. Happens-before: what each tool guarantees%n%n");
    System.out.print(HappensBefore.table());
    System.out.println();
    leftovers.check();
    return 0;
}
