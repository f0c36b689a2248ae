///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 01, cooperative vs preemptive multitasking: an event loop stalls when one task hangs, threads do not; virtual threads in between; what a switch costs.

// What it shows: the note's theory. On a cooperative event loop (one thread, tasks hand control back by
// returning) one hanging task stops every task, until a stall detector stops the loop. On platform threads
// the OS preempts: one spinning thread does not stop the others, and Thread.stop() is no way to end it.
// Virtual threads are cooperative on their carriers: in a child JVM with one carrier (this very file, run
// again with --one-carrier) a spinning one starves a ticking one, a sleeping one does not, and one that calls
// Thread.yield() promises nothing (it is counted). And a hand-off (park/unpark) costs most between platform
// threads, where the OS must wake the other thread, less between virtual threads, least between event-loop
// tasks. The notebook notebooks/01_cooperative_vs_preemptive.ipynb shows the code between the tag:: and end::
// lines, stamped from this file.
//
// Run it:  jbang cooperative                      (from the repo root; needs only a JDK 25 and jbang)
//          jbang cooperative --demo cooperative --repeat 20 --misbehave blocking
//          jbang scripts/Lesson01Cooperative.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/01_cooperative_vs_preemptive.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import course.lesson.Check;
import course.lesson.Expect;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.show.Spread;
import course.show.Table;
import course.timeline.Gaps;
import course.timeline.Timeline;
import course.timeline.TimelineText;
import course.vthreads.LessonChild;
import course.watch.Bounded;
import course.watch.Leftovers;
import course.watch.StallDetector;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

// tag::knobs[]
/** The ticking tasks of parts 1 and 2: how many, how many ticks, how often, how much work a tick is, what a stall is. */
record Knobs(int tasks, int ticks, Duration period, Duration tickWork, Duration stallLimit) {
    /** Task B misbehaves at this tick. */
    int hangAt() { return Math.min(4, ticks / 2); }

    String taskName(int i) { return "task " + (char) ('A' + i); }

    List<String> taskNames() { return IntStream.range(0, tasks).mapToObj(this::taskName).toList(); }

    /** From one tick to the next when nobody is in the way: the wait plus the work. */
    double idealGapMs() { return (period.toNanos() + tickWork.toNanos()) / 1e6; }

    /** How long a demo may run before we stop it: twice its ideal time, and 10 s to spare. */
    Duration patience() { return Duration.ofNanos(2L * ticks * (period.toNanos() + tickWork.toNanos())).plusSeconds(10); }
}

/** Stands for real work: keeps this thread on the CPU for {@code d} (a busy loop, not a sleep). */
void work(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) Thread.onSpinWait();
}
// end::knobs[]

// tag::event-loop[]
/** A cooperative task: step() runs until the task's next hand-over, then returns when it wants to run again. */
interface Task {
    long DONE = -1;

    /** Nanoseconds to wait before the next step; 0 = again as soon as the others had a turn; DONE = finished. */
    long step() throws InterruptedException;
}

/** One thread runs every task, one step at a time. Not thread-safe: only the thread that calls run() touches it. */
class EventLoop {
    private record Wakeup(long at, Task task) {}

    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private final PriorityQueue<Wakeup> waiting = new PriorityQueue<>(Comparator.comparingLong(Wakeup::at));
    long steps;                                            // how many times a task was given the thread

    void submit(Task task) { ready.add(task); }

    /** Runs until every task is done; an interrupt of its thread ends it early with InterruptedException. */
    void run() throws InterruptedException {
        while (!ready.isEmpty() || !waiting.isEmpty()) {
            if (Thread.interrupted()) throw new InterruptedException("event loop stopped");
            long now = System.nanoTime();
            while (!waiting.isEmpty() && waiting.peek().at() <= now) ready.add(waiting.poll().task());
            Task task = ready.poll();
            if (task == null) {                            // everybody waits: sleep until the first wake-up
                TimeUnit.NANOSECONDS.sleep(waiting.peek().at() - now);
                continue;
            }
            long wait = task.step();                       // the task has the thread until step() returns
            steps++;
            if (wait == 0) ready.add(task);
            else if (wait != Task.DONE) waiting.add(new Wakeup(System.nanoTime() + wait, task));
        }
    }
}
// end::event-loop[]

// tag::ticker[]
/** Ticks knobs.ticks() times, every knobs.period(); a tick is knobs.tickWork() on its own lane, then a beat. */
class Ticker implements Task {
    final Knobs knobs;
    final String name;
    final Timeline timeline;
    final StallDetector detector;
    int tick;                                              // only the loop's thread touches it

    Ticker(Knobs knobs, String name, Timeline timeline, StallDetector detector) {
        this.knobs = knobs;
        this.name = name;
        this.timeline = timeline;
        this.detector = detector;
    }

    public long step() throws InterruptedException {
        try (var span = timeline.span(name, "tick " + tick)) {
            work(knobs.tickWork());
        }
        detector.beat();                                   // all is well
        return ++tick < knobs.ticks() ? knobs.period().toNanos() : DONE;   // hand the thread back: "wake me in a period"
    }
}

/** Makes task number i of a demo. */
interface TaskMaker {
    Task make(int i, Timeline timeline, StallDetector detector);
}

/** What a demo of ticking tasks showed: who ticked when, and the stall the detector saw, if it saw one. */
record Ticking(Timeline timeline, Optional<StallDetector.Stall> stall) {
    /** How long every task had been silent when the detector fired; 0 when it never fired. */
    long silenceMs() { return stall.map(s -> s.silence().toMillis()).orElse(0L); }
}

/** The event loop's own thread; an interrupt (from the detector, or from us) ends it quietly. */
Thread loopThread(EventLoop loop) {
    return Thread.ofPlatform().name("event-loop").unstarted(() -> {
        try {
            loop.run();
        } catch (InterruptedException e) {
            // stopped: the tasks that were not done are dropped
        }
    });
}

/** Runs the tasks on an event loop on its own thread, watched by a stall detector that stops the loop on a stall. */
Ticking runLoop(Knobs k, TaskMaker tasks) throws InterruptedException {
    var timeline = Timeline.start();
    var loop = new EventLoop();
    Thread thread = loopThread(loop);
    try (var detector = StallDetector.watch("the event loop", k.stallLimit(), thread, stall -> {
        timeline.mark("stall detector", "stall detected");
        thread.interrupt();                                // the reaction: stop the loop
    })) {
        for (int i = 0; i < k.tasks(); i++) loop.submit(tasks.make(i, timeline, detector));
        thread.start();
        Bounded.join(thread, k.patience());                // ends when the tasks are done, or the loop was stopped
        timeline.stop();
        return new Ticking(timeline, detector.stall());
    }
}

/** Every task ticks and hands the thread back. */
Ticking calmLoop(Knobs k) throws InterruptedException {
    return runLoop(k, (i, timeline, detector) -> new Ticker(k, k.taskName(i), timeline, detector));
}
// end::ticker[]

// tag::hang[]
/** What task B does at its tick hangAt(): either way it keeps the loop's only thread. */
enum Misbehaviour {
    /** Computes forever. It checks its interrupt flag now and then: a loop that checks nothing could not be stopped. */
    BUSY_LOOP("busy loop") {
        void hang() throws InterruptedException {
            for (long turns = 1; ; turns++) {
                if (turns % 10_000_000 == 0 && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("busy loop interrupted");
                }
            }
        }
    },
    /** A call that blocks (a 60 s sleep stands for a download made the blocking way): the loop's thread waits with it. */
    BLOCKING_CALL("blocking call") {
        void hang() throws InterruptedException {
            Thread.sleep(60_000);
        }
    };

    private final String words;

    Misbehaviour(String words) { this.words = words; }

    abstract void hang() throws InterruptedException;

    @Override
    public String toString() { return words; }
}

/** Task B, deliberately wrong for an event loop: at tick hangAt() it keeps the thread and never hands it back. */
class HangingTicker extends Ticker {
    final Misbehaviour misbehaviour;

    HangingTicker(Knobs knobs, String name, Timeline timeline, StallDetector detector, Misbehaviour misbehaviour) {
        super(knobs, name, timeline, detector);
        this.misbehaviour = misbehaviour;
    }

    @Override
    public long step() throws InterruptedException {
        if (tick == knobs.hangAt()) {
            try (var span = timeline.span(name, "hang: " + misbehaviour)) {
                misbehaviour.hang();
            }
        }
        return super.step();
    }
}

/** Task B hangs at its tick hangAt(); the other tasks are well-behaved tickers. */
Ticking loopWithAHang(Knobs k, Misbehaviour misbehaviour) throws InterruptedException {
    return runLoop(k, (i, timeline, detector) -> i == 1
            ? new HangingTicker(k, k.taskName(i), timeline, detector, misbehaviour)
            : new Ticker(k, k.taskName(i), timeline, detector));
}
// end::hang[]

// tag::threads[]
/** The ticker as a platform thread of its own; the spinner spins from tick hangAt() until it is interrupted. */
Thread tickerThread(Knobs k, String name, Timeline timeline, StallDetector detector, boolean spinner) {
    return Thread.ofPlatform().name(name).unstarted(() -> {
        try {
            for (int tick = 0; tick < k.ticks(); tick++) {
                if (spinner && tick == k.hangAt()) {
                    try (var span = timeline.span(name, "spin: busy loop")) {
                        while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();  // checks only its flag
                    }
                    return;
                }
                try (var span = timeline.span(name, "tick " + tick)) {
                    work(k.tickWork());
                }
                if (!spinner) detector.beat();
                Thread.sleep(k.period());                  // blocks: the OS gives the core to another thread
            }
        } catch (InterruptedException e) {
            // asked to stop
        }
    });
}

/** The same ticking, a platform thread per task, thread B spinning; the detector watches the others' ticks. */
Ticking threadsWithASpinner(Knobs k) throws InterruptedException {
    var timeline = Timeline.start();
    try (var detector = StallDetector.watch("the ticking threads", k.stallLimit(), stall -> {})) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < k.tasks(); i++) {
            threads.add(tickerThread(k, "thread " + (char) ('A' + i), timeline, detector, i == 1));
        }
        threads.forEach(Thread::start);
        Thread spinner = threads.get(1);
        try {
            for (Thread t : threads) if (t != spinner) Bounded.join(t, k.patience());  // the others do all their ticks
        } finally {
            threads.forEach(Thread::interrupt);            // then we ask the spinner (and, if we were stopped, all) ...
            for (Thread t : threads) Bounded.join(t, Duration.ofSeconds(2));         // ... and wait until they end
        }
        timeline.stop();
        return new Ticking(timeline, detector.stall());
    }
}
// end::threads[]

// tag::ticks-during[]
/** The spans on {@code lane} labelled {@code label}, in time order: thread B's spin, each turn of a hog. */
List<Timeline.Event> spans(Timeline timeline, String lane, String label) {
    return timeline.events().stream()
            .filter(e -> e.type() == Timeline.Type.SPAN && e.lane().equals(lane) && e.label().equals(label))
            .toList();
}

/** How many ticks, on the other lanes, started while {@code span} ran: none means they starved meanwhile. */
long ticksDuring(Timeline timeline, Timeline.Event span) {
    return timeline.events().stream()
            .filter(e -> !e.lane().equals(span.lane()) && e.label().startsWith("tick "))
            .filter(e -> e.startNanos() >= span.startNanos() && e.startNanos() < span.endNanos())
            .count();
}
// end::ticks-during[]

// tag::thread-stop[]
/** Calls Thread.stop() on a thread that spins until interrupted, says what it did, then stops it the way that works. */
String tryThreadStop() throws InterruptedException {
    Thread victim = Thread.ofPlatform().name("victim").start(() -> {
        while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
    });
    try {
        Thread.class.getMethod("stop").invoke(victim);     // by reflection: compiles even where stop() is gone
        return "stop() returned: this JDK still kills threads";
    } catch (InvocationTargetException e) {
        return "stop() threw " + e.getCause();
    } catch (NoSuchMethodException e) {
        return "Thread.stop() is gone from this JDK altogether";
    } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
    } finally {
        victim.interrupt();                                // the way that works: ask, and let it stop where it checks
        Bounded.join(victim, Duration.ofSeconds(2));
    }
}
// end::thread-stop[]

// tag::one-carrier[]
/**
 * What a hog does for its time next to a ticking virtual thread: rivals that differ only in whether they block or
 * yield, each declaring whether the ticker must starve when the two share one carrier (null: no promise either way).
 */
enum Hog {
    /** Never blocks, so it never gives its carrier up. */
    SPIN("spin", Expect.HAZARD) {
        void hog(Duration time) {
            long end = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < end) Thread.onSpinWait();
        }
    },
    /**
     * Spins as long, but calls Thread.yield() on every turn: the virtual thread unmounts and is submitted again. Yet
     * yield is a hint: the one carrier may pick the yielder again before the ticker. No promise: counted, not judged.
     */
    SPIN_WITH_YIELD("spin with yield", null) {
        void hog(Duration time) {
            long end = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < end) Thread.yield();
        }
    },
    /** Blocks: the virtual thread unmounts, and its carrier runs whoever is ready. */
    SLEEP("sleep", Expect.NO_HAZARD) {
        void hog(Duration time) throws InterruptedException {
            Thread.sleep(time);
        }
    },
    /** Blocks holding a monitor: up to JDK 23 that pinned it to its carrier; since JDK 24 it unmounts (JEP 491). */
    SLEEP_IN_SYNCHRONIZED("synchronized sleep", Expect.NO_HAZARD) {
        void hog(Duration time) throws InterruptedException {
            synchronized (this) {
                Thread.sleep(time);
            }
        }
    };

    final String label;
    final Expect ticker;                                   // must the ticker starve next to it? null: no promise

    Hog(String label, Expect ticker) {
        this.label = label;
        this.ticker = ticker;
    }

    abstract void hog(Duration time) throws InterruptedException;
}

/**
 * The child JVM's work (see onOneCarrier): a virtual thread ticks all along, a tick being 1 ms of work then a
 * 10 ms sleep; in each round every hog takes a turn of {@code hogTime} on a virtual thread, 100 ms after the last.
 */
Timeline nextToATicker(Duration hogTime, int rounds) throws InterruptedException {
    var timeline = Timeline.start();
    Thread ticker = Thread.ofVirtual().name("ticker").start(() -> {
        try {
            for (int tick = 0; ; tick++) {
                try (var span = timeline.span("ticker", "tick " + tick)) {
                    work(Duration.ofMillis(1));
                }
                Thread.sleep(10);                          // blocks: the carrier is free for 10 ms
            }
        } catch (InterruptedException e) {
            // the show is over
        }
    });
    try {
        for (int round = 0; round < rounds; round++) {
            for (Hog hog : Hog.values()) {
                Thread.sleep(100);                         // the ticker alone for a while
                Thread.ofVirtual().name("hog").start(() -> {
                    try (var span = timeline.span("hog", hog.label)) {
                        hog.hog(hogTime);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).join();
            }
        }
        Thread.sleep(100);
    } finally {
        ticker.interrupt();
        ticker.join();
    }
    timeline.stop();
    return timeline;
}
// end::one-carrier[]

// tag::child[]
/**
 * Runs nextToATicker in a child JVM whose virtual threads all share one carrier: this very file, run again with
 * --one-carrier (see main). The child ends by itself; past its time, or if we are interrupted, it is ended.
 */
LessonChild.Reply onOneCarrier(Duration hogTime, int rounds) throws Exception {
    long turns = (long) rounds * Hog.values().length;
    return LessonChild.run("scripts/Lesson01Cooperative.java", List.of(
                    "-Djdk.virtualThreadScheduler.parallelism=1",   // one carrier ...
                    "-Djdk.virtualThreadScheduler.maxPoolSize=1"),  // ... and never a second one
            Duration.ofSeconds(60).plus(hogTime.plusMillis(300).multipliedBy(2 * turns)),
            "--one-carrier", String.valueOf(hogTime.toMillis()), String.valueOf(rounds));
}

/** How long the ticker starved during one turn of a hog: the whole turn if not one tick started in it, else 0. */
long starvedMs(Timeline timeline, Timeline.Event turn) {
    return ticksDuring(timeline, turn) == 0 ? Math.round(turn.durationNanos() / 1e6) : 0;
}

/** Judges every turn the hogs took in the child against what each hog declares; a hog with no promise is left out. */
Check starvation(Timeline child, int rounds) throws Exception {
    var check = new Check("the ticker starves on one carrier", "ms with no tick", rounds);
    for (Hog hog : Hog.values()) {
        if (hog.ticker == null) continue;
        var turns = spans(child, "hog", hog.label).iterator();   // the child took the turns: each run judges one
        check.variant("hog: " + hog.label, hog.ticker, () -> starvedMs(child, turns.next()));
    }
    return check;
}

/** In how many of its turns a hog with no promise starved the ticker anyway. */
long starvedTurns(Timeline child, Hog hog) {
    return spans(child, "hog", hog.label).stream().filter(turn -> starvedMs(child, turn) > 0).count();
}
// end::child[]

// tag::ping-pong[]
/** Two threads made by {@code builder} pass a ball back and forth {@code rounds} times; returns ns per hand-off. */
double threadPingPong(Thread.Builder builder, int rounds) throws InterruptedException {
    var ball = new AtomicInteger();                        // even: player 0 has it; odd: player 1
    Thread[] players = new Thread[2];
    for (int p = 0; p < 2; p++) {
        int me = p;
        players[p] = builder.unstarted(() -> {
            for (int i = 0; i < rounds; i++) {
                while ((ball.get() & 1) != me) {
                    LockSupport.park();                    // not my turn: sleep until the other player wakes me
                    if (Thread.currentThread().isInterrupted()) return;
                }
                ball.incrementAndGet();                    // pass the ball ...
                LockSupport.unpark(players[1 - me]);       // ... and wake the other player
            }
        });
    }
    long start = System.nanoTime();
    for (Thread player : players) player.start();
    try {
        for (Thread player : players) Bounded.join(player, Duration.ofSeconds(60));
    } finally {
        for (Thread player : players) player.interrupt();  // nothing to them once done; frees a parked one if we were stopped
    }
    return (System.nanoTime() - start) / (2.0 * rounds);
}

/** Two event-loop tasks pass a ball {@code rounds} times; a hand-off is a step returning and the next one starting. */
double loopPingPong(int rounds) throws InterruptedException {
    var loop = new EventLoop();
    int[] ball = {0};
    for (int p = 0; p < 2; p++) {
        int me = p;
        loop.submit(() -> {
            if ((ball[0] & 1) == me) ball[0]++;            // my turn: pass the ball
            return ball[0] < 2 * rounds ? 0 : Task.DONE;   // 0: hand the thread over, run me again after the other
        });
    }
    long start = System.nanoTime();
    loop.run();
    return (System.nanoTime() - start) / (double) loop.steps;
}
// end::ping-pong[]

// tag::hand-offs[]
/** One way to hand over, its hand-offs per run, and ns per hand-off over the runs. */
record HandOff(String between, long perRun, Spread ns) {}

/** Each way measured: a warm-up run, then {@code runs} runs; the rounds differ so that every run lasts long enough to time. */
List<HandOff> measureHandOffs(int runs, int rounds) throws Exception {
    return List.of(
            new HandOff("platform threads", 2L * rounds, Spread.of(runs, () -> threadPingPong(Thread.ofPlatform(), rounds))),
            new HandOff("virtual threads", 10L * rounds, Spread.of(runs, () -> threadPingPong(Thread.ofVirtual(), 5 * rounds))),
            new HandOff("event-loop tasks", 100L * rounds, Spread.of(runs, () -> loopPingPong(50 * rounds))));
}

Table handOffTable(List<HandOff> handOffs) {
    double loop = handOffs.getLast().ns().median();
    var table = new Table("hand-off between", "hand-offs per run", "median ns", "min ns", "max ns", "x event loop");
    for (var h : handOffs) {
        table.row(h.between(), h.perRun(), h.ns().median(), h.ns().min(), h.ns().max(), String.format("%.0fx", h.ns().median() / loop));
    }
    return table.note("ns per hand-off = wall time of a run / hand-offs; median, fastest and slowest of "
                    + handOffs.getFirst().ns().runs() + " runs after a warm-up.")
            .note(String.format("At the platform-thread median, 10,000 hand-offs take %.1f ms: %.1f%% of a second"
                            + " (wall time, part of it waiting for the woken thread to run, not CPU work).",
                    handOffs.getFirst().ns().median() * 10_000 / 1e6, handOffs.getFirst().ns().median() * 10_000 / 1e9 * 100))
            .note("Measured now, on this machine, shared with whatever else runs: expect other numbers elsewhere, similar ratios.");
}
// end::hand-offs[]

final Options OPTIONS = Options.of("cooperative",
                "Lesson 01, cooperative vs preemptive multitasking: stall an event loop, not threads; starve a virtual thread; measure switches.")
        .choice("demo", "all", List.of("all", "cooperative", "preemptive", "virtual", "cost"), "which part to run")
        .integer("tasks", 3, 2, 8, "ticking tasks; task B is the one that misbehaves")
        .integer("ticks", 12, 2, 500, "ticks per task; task B misbehaves at tick min(4, N/2)")
        .millis("period", 20, 1, 1000, "a task waits this long between ticks")
        .millis("tick-work", 4, 0, 100, "the work of one tick (busy CPU)")
        .choice("misbehave", "busy", List.of("busy", "blocking", "none"), "what task B does on the loop: a busy loop, a blocking call, or no hang")
        .millis("stall-limit", 500, 50, 2000, "no tick for this long is a stall")
        .integer("repeat", 1, 1, 100, "runs of each variant the checks count (the stall, the starvation)")
        .millis("hog", 600, 50, 5000, "how long each turn of the virtual-thread hog lasts")
        .integer("rounds", 20_000, 100, 1_000_000, "ping-pong rounds between platform threads (virtual: 5x, event loop: 50x)")
        .integer("runs", 5, 1, 20, "timed runs of each hand-off, after a warm-up");

void main(String... argv) throws Exception {
    if (argv.length == 3 && argv[0].equals("--one-carrier")) {  // the child JVM of part 3, started by onOneCarrier
        var timeline = nextToATicker(Duration.ofMillis(Long.parseLong(argv[1])), Integer.parseInt(argv[2]));
        LessonChild.reply(timeline, new TreeMap<>(Map.of("jdk", Runtime.version(),
                "parallelism", System.getProperty("jdk.virtualThreadScheduler.parallelism", "default"),
                "maxPoolSize", System.getProperty("jdk.virtualThreadScheduler.maxPoolSize", "default"))));
        return;
    }
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    var k = new Knobs(given.integer("tasks"), given.integer("ticks"), given.millis("period"), given.millis("tick-work"),
            given.millis("stall-limit"));
    String demo = given.choice("demo");
    int repeat = given.integer("repeat");
    var leftovers = Leftovers.baseline();
    System.out.println("JDK " + Runtime.version() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
    Misbehaviour how = switch (given.choice("misbehave")) {
        case "busy" -> Misbehaviour.BUSY_LOOP;
        case "blocking" -> Misbehaviour.BLOCKING_CALL;
        default -> null;                                   // none: task B behaves
    };
    boolean cooperative = demo.equals("all") || demo.equals("cooperative"), preemptive = demo.equals("all") || demo.equals("preemptive");

    if (cooperative) {
        System.out.println("\n== 1. Cooperative: " + k.tasks() + " tasks on one event-loop thread, all behaving");
        show(calmLoop(k), k.taskNames(), k, "calm loop");
        if (how != null) {
            System.out.println("\n== 1b. Task B misbehaves at tick " + k.hangAt() + " (" + how + ")");
            var stalled = loopWithAHang(k, how);
            System.out.print(TimelineText.render(stalled.timeline()));
            System.out.println(stalled.stall().map(Object::toString).orElse("no stall: every task kept ticking"));
            stalled.stall().ifPresent(s -> Results.record("stall", Map.of("silence ms", s.silence().toMillis(), "where", s.where(12))));
        }
    }
    if (preemptive) {
        System.out.println("\n== 2. Preemptive: a platform thread per task; thread B spins from tick " + k.hangAt());
        var threads = threadsWithASpinner(k);
        show(threads, threads.timeline().lanes().stream().filter(lane -> !lane.equals("thread B")).toList(), k, "platform threads");
        var spin = spans(threads.timeline(), "thread B", "spin: busy loop").getFirst();
        long ticked = ticksDuring(threads.timeline(), spin);
        Results.measure("ticks while thread B spun", ticked, Map.of());
        System.out.printf("while thread B spun (%.0f ms), the others ticked %d times%n", spin.durationNanos() / 1e6, ticked);
        String stopped = tryThreadStop();
        Results.record("thread stop", Map.of("outcome", stopped));
        System.out.println("Thread.stop() on a spinning thread: " + stopped);
    }
    if (cooperative || preemptive) {
        System.out.println("\n== 2b. The stall, counted: " + repeat + " run(s) of each");
        var stall = new Check("a stall: no tick for " + k.stallLimit().toMillis() + " ms", "ms of silence", repeat);
        if (cooperative && how != null) stall.variant("event loop, task B: " + how, Expect.HAZARD, () -> loopWithAHang(k, how).silenceMs());
        if (cooperative && how == null) stall.variant("event loop, no task hangs", Expect.NO_HAZARD, () -> calmLoop(k).silenceMs());
        if (preemptive) stall.variant("platform threads, thread B spins", Expect.NO_HAZARD, () -> threadsWithASpinner(k).silenceMs());
        System.out.print(stall);
    }

    if (demo.equals("all") || demo.equals("virtual")) {
        System.out.println("\n== 3. Virtual threads on one carrier (a child JVM): a ticker next to a hog that spins, yields or sleeps");
        var child = onOneCarrier(given.millis("hog"), repeat);
        var jdk = child.facts().get("jdk");
        Results.record("one carrier", Map.of("jdk", jdk, "same jdk", jdk.equals(Runtime.version().toString()),
                "parallelism", child.facts().get("parallelism"), "maxPoolSize", child.facts().get("maxPoolSize")));
        System.out.println("this JVM: JDK " + Runtime.version() + "; the child: JDK " + jdk + ", parallelism " + child.facts().get("parallelism")
                + ", maxPoolSize " + child.facts().get("maxPoolSize") + ", done in " + child.took().toMillis() + " ms");
        System.out.print(TimelineText.render(child.timeline()));
        System.out.print(starvation(child.timeline(), repeat));
        long starved = starvedTurns(child.timeline(), Hog.SPIN_WITH_YIELD);
        Results.measure("starved turns", starved, Map.of("hog", Hog.SPIN_WITH_YIELD.label, "turns", repeat));
        System.out.println("hog: " + Hog.SPIN_WITH_YIELD.label + " (no promise): the ticker starved in " + starved + " of "
                + repeat + " turn(s)");
        System.out.println("Since JDK 24 (JEP 491) a virtual thread blocked inside synchronized no longer pins its carrier;"
                + " it still does when it blocks under a native or FFM frame, or in a class initialiser (JFR: jdk.VirtualThreadPinned).");
    }

    if (demo.equals("all") || demo.equals("cost")) {
        int runs = given.integer("runs");
        System.out.println("\n== 4. The cost of a hand-off (ping-pong; " + runs + " runs after a warm-up)");
        var handOffs = measureHandOffs(runs, given.integer("rounds"));
        for (var h : handOffs) {
            var between = Map.of("between", h.between());
            Results.measure("hand-off ns", h.ns().median(), between);
            Results.measure("hand-off ns min", h.ns().min(), between);
            Results.measure("hand-off ns max", h.ns().max(), between);
        }
        System.out.print(handOffTable(handOffs));
    }
    System.out.println();
    leftovers.check();                                     // every thread joined, the child JVM gone
    return 0;
}

/** Prints a demo's timeline, its tick gaps on {@code lanes}, and what the detector said; records the ticks. */
void show(Ticking run, List<String> lanes, Knobs k, String name) {
    System.out.print(TimelineText.render(run.timeline()));
    System.out.print(Gaps.table(run.timeline(), lanes, k.idealGapMs()));
    System.out.println("stall detector: " + run.stall().map(Object::toString).orElse("quiet, no stall"));
    for (String lane : lanes) Results.measure("ticks", Gaps.count(run.timeline(), lane), Map.of("run", name, "lane", lane));
}
