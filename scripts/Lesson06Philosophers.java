///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DEPS org.jetbrains.lincheck:lincheck:3.7
//DESCRIPTION Lesson 06, the dining philosophers: a staged deadlock on every run, found and undone by a watchdog, and the unstaged one counted; the note's solution and its two flaws; ordered forks, a waiter, tryLock with back-off (and the livelock without randomness), compared; starvation and fair forks; a deadlock on monitors that only ending its JVM ends, read with jcmd.

// What it shows: the note's philosophers.py. Five Thread subclasses share five forks (ReentrantLocks).
// Each takes his left fork, then his right: if all do it at once, each holds one fork and waits for
// the next, for ever. Staged with a barrier, that happens every run; unstaged, only when the timing lines
// up (counted). A watchdog (ThreadMXBean.findDeadlockedThreads) finds the circle, prints it like jstack,
// and interrupts the philosophers: an undo that works only because they wait with lockInterruptibly. Then
// the note's own fix and its two flaws, forced; the livelock of philosophers polite in step; three
// solutions compared; a timid philosopher starved by two gluttons, and fair forks; and the naive table on
// synchronized forks in a child JVM, where interrupts change nothing and jcmd (Thread.print, and a JSON
// thread dump that shows virtual threads) looks in before we end the process. Each hazard is declared (a
// Check): the wrong strategies must show it on every run, the fixes never.
//
// Run it:  jbang philosophers                                   (the whole tour, ~20 s of dinners)
//          jbang philosophers --strategy naive --repeat 20      (the deadlock, 20 times)
//          jbang philosophers --strategy waiter --philosophers 7 --seconds 5
//          jbang philosophers --strategy synchronized       (a deadlock no interrupt undoes, in a child JVM)
//          jbang scripts/Lesson06Philosophers.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/06_philosophers.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import course.dining.*;
import course.lesson.*;
import course.modelcheck.Rivals;
import course.show.Table;
import course.timeline.*;
import course.watch.DeadlockWatchdog;
import course.watch.Leftovers;
import course.procs.ChildRun;
import course.procs.JavaLauncher;
import course.procs.Termination;
import course.procs.Transcript;
import course.vthreads.LessonChild;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

// tag::knobs[]
Duration THINK = Duration.ofMillis(30);        // each time a random value from half to one and a half times this
Duration EAT = Duration.ofMillis(20);          // the same
Duration REACH = Duration.ofMillis(5);         // moving a hand from one fork to the other: exactly this
// end::knobs[]

// tag::dinner[]
/** What the philosophers share. The barrier makes everyone do a step at the same moment (naive, lockstep). */
class Dinner {
    final List<Fork> forks;
    final Timeline timeline = Timeline.start();
    final CountDownLatch served = new CountDownLatch(1);
    final CyclicBarrier inStep;
    final Semaphore waiter;
    final Queue<String> incidents = new ConcurrentLinkedQueue<>();   // what the note's port does wrong, as it happens

    Dinner(int seats) { this(seats, false); }

    Dinner(int seats, boolean fairForks) {
        forks = Fork.set(seats, fairForks);          // fair: a fork goes to whoever has waited longest
        inStep = new CyclicBarrier(seats);
        waiter = new Semaphore(seats - 1);
    }

    /** Waits until every philosopher has reached this step. */
    void step() throws InterruptedException {
        try {
            inStep.await();
        } catch (BrokenBarrierException e) {
            throw new InterruptedException("the dinner is over");   // someone was stopped: so are we
        }
    }
}
// end::dinner[]

// tag::philosopher[]
/** A philosopher thinks, gets hungry, takes two forks, eats, puts them down; how he takes them is the strategy. */
abstract class Philosopher extends Thread {
    final int seat;
    final Fork left, right;
    final Dinner dinner;
    int meals, attempts;                  // written by this thread only; read after join()
    long longestWaitNanos, hungrySince;   // hungrySince: 0 unless hungry now

    Philosopher(int seat, Dinner dinner) {
        super("philosopher " + seat);
        this.seat = seat;
        this.dinner = dinner;
        this.left = dinner.forks.get(seat);
        this.right = dinner.forks.get((seat + 1) % dinner.forks.size());
    }

    abstract void takeForks() throws InterruptedException;   // returns holding both
    abstract void putDownForks();

    @Override
    public void run() {
        try {
            dinner.served.await();
            while (true) {
                think();
                state("HUNGRY");
                hungrySince = System.nanoTime();
                takeForks();
                doneWaiting();
                try {
                    eat();
                } finally {
                    putDownForks();
                }
            }
        } catch (InterruptedException stopped) {
            // the dinner is over, or the watchdog ended a deadlock: leave the table
        } finally {
            doneWaiting();                  // a wait cut short by the end counts too
            dinner.timeline.end(getName());
        }
    }

    /** Takes {@code first}, then {@code second}; interrupted while waiting, puts {@code first} back. */
    void takeInOrder(Fork first, Fork second) throws InterruptedException {
        first.lockInterruptibly();
        try {
            waitingFor(second);
            reach();
            second.lockInterruptibly();
        } catch (InterruptedException e) {
            first.unlock();                 // undone: nobody is left holding one fork
            throw e;
        }
    }

    void doneWaiting() {
        if (hungrySince != 0) longestWaitNanos = Math.max(longestWaitNanos, System.nanoTime() - hungrySince);
        hungrySince = 0;
    }

    void think() throws InterruptedException { state("THINKING"); sleep(around(THINK)); }
    void eat() throws InterruptedException { state("EATING"); sleep(around(EAT)); meals++; }   // a meal counts once eaten
    void reach() throws InterruptedException { sleep(REACH); }                                 // from one fork to the other
    void waitingFor(Fork fork) { state("WAITING for " + fork); }
    void state(String state) { dinner.timeline.state(getName(), state); }
    static long around(Duration d) { return ThreadLocalRandom.current().nextLong(d.toMillis() / 2, d.toMillis() * 3 / 2 + 1); }
}
// end::philosopher[]

// tag::naive[]
// Left, then right. Staged: everyone holds a left fork before anyone reaches (the barrier), so a deadlock every time.
class Naive extends Philosopher {
    Naive(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException {
        left.lockInterruptibly();
        try {
            state("BARRIER, holding " + left);   // staged: not waiting for a fork yet, but for everyone to hold one
            dinner.step();                       // everyone has his left fork now
            waitingFor(right);
            right.lockInterruptibly();
        } catch (InterruptedException e) {
            left.unlock();                       // undone: put the left fork back
            throw e;
        }
    }

    void putDownForks() { right.unlock(); left.unlock(); }
}
// end::naive[]

// tag::unstaged[]
// Left, then right, with no barrier: take the left fork, reach (REACH ms), take the right. A deadlock when the timing lines up.
class Unstaged extends Philosopher {
    Unstaged(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException { takeInOrder(left, right); }
    void putDownForks() { right.unlock(); left.unlock(); }
}

/** {@code count} unstaged dinners of at most {@code limit}, hands taking {@code reach}: the watchdog says which deadlocked. */
List<Outcome> unstaged(int count, int seats, Duration limit, Duration reach) throws InterruptedException {
    Duration usual = REACH;
    REACH = reach;
    try {
        List<Outcome> all = new ArrayList<>();
        for (int i = 0; i < count; i++) all.add(dine("unstaged", Unstaged::new, seats, limit));
        return all;
    } finally {
        REACH = usual;
    }
}

/** "2 of 5 dinners deadlocked, found at [104, 107] ms" (on each dinner's clock). */
String deadlocks(List<Outcome> all) {
    var found = all.stream().filter(o -> o.foundAt() != null).map(o -> o.foundAt().toMillis()).toList();
    return found.size() + " of " + all.size() + " dinners deadlocked" + (found.isEmpty() ? "" : ", found at " + found + " ms");
}
// end::unstaged[]

// tag::dine[]
interface Seating { Philosopher at(int seat, Dinner dinner); }

/** A dinner's times are on its own clock, its timeline's (0 when the table was laid): the watchdog's mark, {@code foundAt}, {@code lasted}. */
record Outcome(String strategy, DeadlockWatchdog.Verdict verdict, List<Philosopher> table, Dinner dinner, TableState atDeadlock, Duration foundAt) {
    int meals() { return table.stream().mapToInt(p -> p.meals).sum(); }
    int fewest() { return table.stream().mapToInt(p -> p.meals).min().orElse(0); }
    int most() { return table.stream().mapToInt(p -> p.meals).max().orElse(0); }
    /** How many ate less than a quarter of the best-fed philosopher's meals. */
    int starving() { return (int) table.stream().filter(p -> p.meals * 4 < most()).count(); }
    List<Integer> mealsBySeat() { return table.stream().map(p -> p.meals).toList(); }
    /** How many philosophers, on average over the dinner, held one fork and waited for the other (red on a timeline). */
    double holdingOne() {
        long red = timeline().events().stream().filter(e -> e.type() == Timeline.Type.STATE && e.label().startsWith("WAITING"))
                .mapToLong(Timeline.Event::durationNanos).sum();
        return red / (double) timeline().durationNanos();
    }
    long longestWaitMs() { return table.stream().mapToLong(p -> p.longestWaitNanos).max().orElse(0) / 1_000_000; }
    Timeline timeline() { return dinner.timeline; }
    /** How many philosophers the watchdog found in a circle of waiting: 0 when there was no deadlock. */
    int deadlocked() { return verdict.deadlock().map(d -> d.threads().size()).orElse(0); }
    /** How many never ate, though nobody waited for ever (no deadlock): all of them in a livelock. */
    int livelocked() { return verdict.deadlocked() ? 0 : (int) table.stream().filter(p -> p.meals == 0).count(); }
    String endedBy() { return foundAt == null ? "time limit" : "deadlock at " + foundAt.toMillis() + " ms"; }
    Duration lasted() { return Duration.ofNanos(dinner.timeline.durationNanos()); }
    List<String> incidents(String about) { return dinner.incidents.stream().filter(i -> i.contains(about)).toList(); }
}

DeadlockWatchdog.Detector DETECTOR = DeadlockWatchdog.JVM;   // NEVER: no watchdog, only the time limit ends a dinner

/** Seats the philosophers, serves dinner, and lets the watchdog end it: at a deadlock or after {@code limit}. */
Outcome dine(String strategy, Seating seating, Dinner dinner, Duration limit) throws InterruptedException {
    int seats = dinner.forks.size();
    List<Philosopher> table = new ArrayList<>();
    for (int seat = 0; seat < seats; seat++) table.add(seating.at(seat, dinner));
    table.forEach(p -> dinner.timeline.state(p.getName(), "THINKING"));   // lanes in seat order
    table.forEach(Thread::start);
    dinner.served.countDown();
    var atDeadlock = new AtomicReference<TableState>();
    var foundAt = new AtomicReference<Duration>();
    var verdict = DeadlockWatchdog.watching(table).naming(dinner.forks).detector(DETECTOR)
            .onDeadlock(d -> {
                atDeadlock.set(TableState.of(dinner.forks, table));     // the table as the watchdog found it
                foundAt.set(Duration.ofNanos(dinner.timeline.durationNanos()));
                dinner.timeline.mark("watchdog", "deadlock found");     // at foundAt: one clock for both
            })
            .guard(limit);                                              // returns when every philosopher has ended
    dinner.timeline.stop();
    return new Outcome(strategy, verdict, table, dinner, atDeadlock.get(), foundAt.get());
}

/** The same at a table of {@code seats} laid as usual. */
Outcome dine(String strategy, Seating seating, int seats, Duration limit) throws InterruptedException {
    return dine(strategy, seating, new Dinner(seats), limit);
}
// end::dine[]

// tag::note[]
// The note's philosophers.py, line by line (its own run(), as in the note): check the right fork, give up if taken.
class NotePhilosopher extends Philosopher {
    final Runnable afterCheck, afterPutDown;   // nothing, unless a demo forces an interleaving there

    NotePhilosopher(int seat, Dinner dinner, Runnable afterCheck, Runnable afterPutDown) {
        super(seat, dinner);
        this.afterCheck = afterCheck;
        this.afterPutDown = afterPutDown;
    }

    void takeForks() { throw new UnsupportedOperationException("the note's philosopher has his own run()"); }
    void putDownForks() { }

    @Override
    public void run() {
        try {
            dinner.served.await();
            while (true) {
                think();
                state("HUNGRY");
                left.lockInterruptibly();
                try {
                    waitingFor(right);
                    reach();
                    if (right.isLocked()) continue;                 // flaw 1: check ...
                    afterCheck.run();
                    Thread taker = right.holder();                  // evidence only, not in the note
                    long t = System.nanoTime();
                    right.lockInterruptibly();                      // ... then act: it may be taken by now
                    if (taker != null) dinner.incidents.add(getName() + ": the check said " + right + " was free; then " + taker.getName()
                            + " had it, and lock() waited " + (System.nanoTime() - t) / 1_000_000 + " ms");
                    eat();
                    right.unlock();
                    left.unlock();
                    afterPutDown.run();
                } finally {
                    if (left.isLocked()) left.unlock();             // flaw 2: locked, but by whom?
                }
            }
        } catch (IllegalMonitorStateException e) {
            Thread holder = left.holder();
            dinner.incidents.add(getName() + " released " + left + ", held by " + (holder == null ? "nobody any more" : holder.getName())
                    + ": IllegalMonitorStateException (Python would have freed the neighbour's fork)");
        } catch (InterruptedException stopped) {
            // the dinner is over
        } finally {
            dinner.timeline.end(getName());
        }
    }
}

/** The forced interleaving: wait (at most 1 s) until somebody has taken {@code fork}. */
void untilTaken(Fork fork) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    try {
        while (!fork.isLocked() && System.nanoTime() < deadline) Thread.sleep(1);
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();   // the dinner is over: let the next wait see it
    }
}
// end::note[]

// tag::stale-check[]
/** Flaw 1, forced: philosopher 0 pauses right after his check said fork 1 was free, until philosopher 1 takes it. */
Outcome staleCheck(int seats) throws InterruptedException {
    var paused = new AtomicBoolean();   // once per dinner
    return dine("note", (seat, dinner) -> new NotePhilosopher(seat, dinner,
            seat == 0 ? () -> { if (paused.compareAndSet(false, true)) untilTaken(dinner.forks.get(1)); } : () -> { },
            () -> { }), seats, Duration.ofSeconds(1));
}
// end::stale-check[]

// tag::neighbours-fork[]
/** Flaw 2, forced: philosopher 1 pauses after putting his forks down, until philosopher 0 has taken fork 1. */
Outcome neighboursFork(int seats) throws InterruptedException {
    var paused = new AtomicBoolean();
    return dine("note", (seat, dinner) -> new NotePhilosopher(seat, dinner, () -> { },
            seat == 1 ? () -> { if (paused.compareAndSet(false, true)) untilTaken(dinner.forks.get(1)); } : () -> { }),
            seats, Duration.ofSeconds(1));
}
// end::neighbours-fork[]

// tag::polite[]
// tryLock the right fork for a while; if it stays taken, put the left one down, back off for a random time, retry.
class Polite extends Philosopher {
    Polite(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException {
        while (true) {
            left.lockInterruptibly();
            waitingFor(right);
            boolean both;
            try {
                inStep();
                both = right.tryLock(REACH.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                left.unlock();
                throw e;
            }
            if (both) return;
            try {
                inStep();
            } finally {
                left.unlock();                   // could not get both: put the left one down
            }
            attempts++;
            state("HUNGRY");
            backOff();
        }
    }

    void inStep() throws InterruptedException { }
    void backOff() throws InterruptedException { sleep(ThreadLocalRandom.current().nextLong(1, 2 * REACH.toMillis() + 2)); }
    void putDownForks() { right.unlock(); left.unlock(); }
}

// The same, without randomness, everyone in step (the barrier stands for equal clocks): all take, all fail, all retry.
class Lockstep extends Polite {
    Lockstep(int seat, Dinner dinner) { super(seat, dinner); }

    @Override void inStep() throws InterruptedException { dinner.step(); }                 // all take, then all try
    @Override void backOff() throws InterruptedException { sleep(REACH); dinner.step(); }  // the same pause for all
}
// end::polite[]

// tag::solutions[]
// Take the lower-numbered fork first: the last philosopher reaches right first, and the circle cannot close.
class Ordered extends Philosopher {
    Ordered(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException {
        if (left.number() < right.number()) takeInOrder(left, right); else takeInOrder(right, left);
    }

    void putDownForks() { right.unlock(); left.unlock(); }
}

// A waiter (lesson 05's Semaphore) seats at most N - 1: one of them always finds both forks.
class Waiter extends Philosopher {
    Waiter(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException {
        dinner.waiter.acquire();                 // at most N - 1 may reach for forks
        try {
            takeInOrder(left, right);
        } catch (InterruptedException e) {
            dinner.waiter.release();
            throw e;
        }
    }

    void putDownForks() { right.unlock(); left.unlock(); dinner.waiter.release(); }
}
// end::solutions[]

// tag::starvation[]
// A glutton never thinks: he puts his forks down and at once wants them again (ordered forks, so no deadlock).
class Glutton extends Ordered {
    Glutton(int seat, Dinner dinner) { super(seat, dinner); }

    @Override void think() { state("THINKING"); }
}

// Never waits in line: takes his forks only if both are free at this very moment, else backs off and tries again.
class Timid extends Philosopher {
    Timid(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException {
        while (true) {
            if (left.tryLock()) {
                if (right.tryLock()) return;
                left.unlock();
            }
            attempts++;
            sleep(ThreadLocalRandom.current().nextLong(1, 2 * REACH.toMillis() + 2));
        }
    }

    void putDownForks() { right.unlock(); left.unlock(); }
}

/** Philosopher 0 between two gluttons: timid, or waiting in line for fair forks (they go to whoever waited longest). */
Outcome gluttons(int seats, Duration limit, boolean inLine) throws InterruptedException {
    Seating seating = (seat, dinner) -> seat == 0 ? (inLine ? new Ordered(seat, dinner) : new Timid(seat, dinner))
            : seat == 1 || seat == seats - 1 ? new Glutton(seat, dinner) : new Ordered(seat, dinner);
    return dine(inLine ? "in line, fair forks" : "timid", seating, new Dinner(seats, inLine), limit);
}
// end::starvation[]

// tag::comparison[]
/** Meals a dinner could serve with no waiting at all: everyone thinks, reaches and eats back to back, N/2 at once. */
long ideal(Outcome o) {
    int n = o.table().size();
    double ms = o.timeline().durationNanos() / 1e6;
    double backToBack = n * ms / (THINK.toMillis() + REACH.toMillis() + EAT.toMillis()), halfAtOnce = (n / 2) * ms / EAT.toMillis();
    return Math.round(Math.min(backToBack, halfAtOnce));
}

Table comparison(List<Outcome> dinners) {
    var table = new Table("strategy", "ended by", "meals", "ideal", "fewest", "most", "longest wait ms", "holding one fork");
    for (var o : dinners) {
        table.row(o.strategy(), o.endedBy(), o.meals(), ideal(o), o.fewest(), o.most(), o.longestWaitMs(), String.format("%.2f", o.holdingOne()));
    }
    table.note("ideal = min(N x time / (think + reach + eat), N/2 eating at once x time / eat), over each dinner's length.");
    table.note("fewest/most = meals of the hungriest and the best-fed philosopher (starvation shows as a low fewest).");
    table.note("holding one fork = philosophers holding one fork and waiting for the other, on average over the dinner.");
    table.note("The last dinner of each, on a shared machine: the counts move by several percent from dinner to dinner.");
    return table;
}
// end::comparison[]

// tag::stuck-for-good[]
/** The naive table on monitors: {@code synchronized (left) { ... synchronized (right) } }, all in step. */
List<Thread> onMonitors(int seats, Thread.Builder builder, String name) {
    var forks = java.util.stream.IntStream.range(0, seats).mapToObj(i -> new Object()).toList();
    var inStep = new CyclicBarrier(seats);
    List<Thread> table = new ArrayList<>();
    for (int seat = 0; seat < seats; seat++) {
        Object left = forks.get(seat), right = forks.get((seat + 1) % seats);
        table.add(builder.name(name + " " + seat).start(() -> {
            synchronized (left) {
                try {
                    inStep.await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    return;
                }
                synchronized (right) { }     // BLOCKED on a monitor: no time limit, and an interrupt does not end it
            }
        }));
    }
    return table;
}

/** The child JVM's part (see main): two tables on monitors, one of platform threads (watched), one of virtual threads. */
void stuckForGood(int seats) throws InterruptedException {
    List<Thread> platform = onMonitors(seats, Thread.ofPlatform(), "philosopher");
    onMonitors(seats, Thread.ofVirtual(), "virtual philosopher");
    var verdict = DeadlockWatchdog.watching(platform).grace(Duration.ofMillis(200)).guard(Duration.ofSeconds(10));
    verdict.deadlock().ifPresent(d -> System.out.print(d.report()));
    System.out.println("Interrupted, and given 2 x 200 ms to end; still stuck: " + verdict.stillAlive());
}
// end::stuck-for-good[]

// tag::in-a-child[]
/** What the stuck child JVM printed, what jcmd saw in it, and how it ended: killed by us. */
record StuckChild(List<String> said, String threadPrint, List<String> virtualCircle, Termination ended) {
    /** How many of the child's watched philosophers its watchdog found still alive after interrupting them. */
    long stillStuck() { return said.stream().filter(l -> l.contains("still stuck: [")).mapToLong(l -> l.split("BLOCKED").length - 1).sum(); }

    /** The circles (no stacks): the child's own report, jcmd's, the virtual threads' from the dump; how the child ended. */
    @Override
    public String toString() {
        String said = String.join("\n", this.said), print = threadPrint == null ? "(no jcmd in this JDK: skipped)" : threadPrint;
        int after = said.indexOf("Interrupted, and");
        return "The child's watchdog:\n" + circleOf(said) + "\n" + (after < 0 ? said : said.substring(after))
                + "\n\njcmd <pid> Thread.print:\n" + circleOf(print)
                + "\n\njcmd <pid> Thread.dump_to_file -format=json (virtual threads):\n  " + String.join("\n  ", virtualCircle)
                + "\n\nThe child: " + ended + "\n";
    }

    static String circleOf(String report) {
        int from = report.indexOf("Found one Java-level deadlock"), to = report.indexOf("Java stack information");
        return from < 0 ? "(no deadlock reported)" : report.substring(from, to < 0 ? report.length() : to).strip();
    }
}

/** Runs stuckForGood in a child JVM (this very file, with --stuck-for-good); once it is stuck, asks jcmd, then ends it. */
StuckChild stuckInAChild() throws Exception {
    var command = LessonChild.command("scripts/Lesson06Philosophers.java", List.of(), "--stuck-for-good");
    Process child = new ProcessBuilder(command).redirectInput(JavaLauncher.NO_STDIN).redirectErrorStream(true).start();
    try {
        var out = Transcript.capture(child);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();   // a JVM start, and in a notebook a compilation
        while (child.isAlive() && System.nanoTime() < deadline && out.linesSoFar().stream().noneMatch(l -> l.contains("still stuck"))) {
            Thread.sleep(50);
        }
        String print = jcmd(child.pid(), "Thread.print");
        Path json = Files.createTempFile("threads", ".json");
        try {
            String dumped = jcmd(child.pid(), "Thread.dump_to_file", "-overwrite", "-format=json", json.toString());
            List<String> circle = dumped == null ? List.of() : circleIn(Files.readString(json), "virtual philosopher");
            var said = out.linesSoFar().stream().map(l -> l.replaceFirst("^\\[[0-9]+\\] ", "")).toList();
            return new StuckChild(said, print, circle, Termination.end(child, ChildRun.GRACE));
        } finally {
            Files.deleteIfExists(json);
        }
    } finally {
        if (child.isAlive()) Termination.end(child, ChildRun.GRACE);         // interrupted or failed: it must not outlive us
    }
}

/** {@code jcmd <pid> <command>} (the jcmd beside this JVM's java), within 20 s: what it printed, or null if there is no jcmd. */
String jcmd(long pid, String... command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) return null;
    var line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
    line.addAll(List.of(command));
    return String.join("\n", ChildRun.run(line, Duration.ofSeconds(20)).output()).replaceAll("(?m)^\\[[0-9]+\\] ", "");
}

/** From a JSON thread dump, each thread whose name starts with {@code name}: the monitor it is blocked on, and its owner. */
List<String> circleIn(String json, String name) {
    Map<String, String> ownerOf = new HashMap<>(), blockedOn = new TreeMap<>();
    for (String thread : json.split("\"tid\":")) {
        var named = Pattern.compile("\"name\": \"(" + Pattern.quote(name) + "[^\"]*)\"").matcher(thread);
        if (!named.find()) continue;
        Pattern.compile("\"blockedOn\": \"([^\"]+)\"").matcher(thread).results().forEach(m -> blockedOn.put(named.group(1), m.group(1)));
        int owned = thread.indexOf("\"monitorsOwned\"");
        if (owned >= 0) Pattern.compile("\"([^\"]+@[0-9a-f]+)\"").matcher(thread.substring(owned)).results()
                .forEach(m -> ownerOf.put(m.group(1), named.group(1)));
    }
    return blockedOn.entrySet().stream()
            .map(e -> e.getKey() + " is BLOCKED on " + e.getValue() + ", held by " + ownerOf.getOrDefault(e.getValue(), "nobody we saw")).toList();
}
// end::in-a-child[]

// tag::account[]
/** The exercise's bank: an account with a lock of its own (JCIP 10.1.2). {@code balance} is guarded by {@code lock}. */
class Account {
    final int id;
    final ReentrantLock lock = new ReentrantLock();
    private long balance;                                  // guarded by lock

    Account(int id, long balance) { this.id = id; this.balance = balance; }

    /** Adds {@code amount} (less than 0: takes it out); the caller holds this account's lock. The ledger takes 1 ms. */
    void add(long amount) {
        if (!lock.isHeldByCurrentThread()) throw new IllegalStateException("account " + id + " changed without its lock");
        balance += amount;
        LockSupport.parkNanos(1_000_000);                  // writing the ledger, holding the lock; an interrupt cuts it short, never in half
    }

    long balance() {
        lock.lock();
        try { return balance; } finally { lock.unlock(); }
    }
}
// end::account[]

// tag::modelcheck-code[]
// The naive dinner and the ordered one as code for a model checker, three seats: the forks in a field, each
// void thread...() a philosopher on a thread of his own, holds() checked once all have left. The forks are
// monitors (synchronized) here: with ReentrantLock, Lincheck 3.7 sees the lock's wait loop and calls the same
// hang a livelock.
String NAIVE_DINNER = """
        final Object[] forks = { new Object(), new Object(), new Object() };
        int meals;
        void thread1() { dine(0); }
        void thread2() { dine(1); }
        void thread3() { dine(2); }
        void dine(int seat) {
            Object left = forks[seat], right = forks[(seat + 1) % 3];
            synchronized (left) {                     // left fork, then ...
                synchronized (right) {                // ... right: everyone may hold a left fork here
                    meals++;
                }
            }
        }
        boolean holds() { return meals == 3; }
        """;
String ORDERED_DINNER = """
        final Object[] forks = { new Object(), new Object(), new Object() };
        int meals;
        void thread1() { dine(0); }
        void thread2() { dine(1); }
        void thread3() { dine(2); }
        void dine(int seat) {
            int a = seat, b = (seat + 1) % 3;
            Object first = forks[Math.min(a, b)], second = forks[Math.max(a, b)];   // the lower number first
            synchronized (first) {
                synchronized (second) {
                    meals++;
                }
            }
        }
        boolean holds() { return meals == 3; }
        """;
// end::modelcheck-code[]

// tag::modelcheck-judged[]
/**
 * Both dinners judged like the dinners above: the checker must find the naive one's hang, and none in the ordered
 * one. Run by the notebook only: this script's story is at its 120-line limit.
 */
Check modelChecked() throws Exception {
    System.out.println("\nNow the model checker looks for the deadlock itself: Lincheck, three seats, no staging\n");
    return Rivals.judge(100, new Rivals.Rival("naive (wrong)", Expect.HAZARD, NAIVE_DINNER),
            new Rivals.Rival("ordered", Expect.NO_HAZARD, ORDERED_DINNER));
}
// end::modelcheck-judged[]

final Options OPTIONS = Options.of("philosophers",
                "Lesson 06, the dining philosophers: deadlock, the note's solution, three ways out, starvation.")
        .choice("strategy", "all", List.of("all", "naive", "unstaged", "note", "lockstep", "ordered", "waiter", "polite", "solutions", "gluttons", "synchronized"),
                "the whole tour (all), one part alone, or the three solutions")
        .integer("philosophers", 5, 2, 12, "philosophers round the table, and forks")
        .decimal("seconds", 2, 0.2, 30, "how long each dinner may last")
        .integer("repeat", 1, 1, 100, "dinners of each strategy: a hazard must show in every one, a fix in none")
        .choice("watchdog", "on", List.of("on", "off"), "whether a watchdog looks for deadlocks (off: only the time limit ends a dinner)");

final Map<String, Seating> SEATINGS = Map.of("naive", Naive::new, "lockstep", Lockstep::new,
        "ordered", Ordered::new, "waiter", Waiter::new, "polite", Polite::new);
final Map<String, List<Outcome>> dinners = new LinkedHashMap<>();   // each strategy's dinners, for the table and the results
final Set<String> toldOnce = new HashSet<>();   // incidents already printed

void main(String... argv) throws Exception {
    if (argv.length == 1 && argv[0].equals("--stuck-for-good")) {   // the child JVM of section 6, started by stuckInAChild
        stuckForGood(3);
        return;                                                     // and the JVM stays up: its deadlocked threads are not daemons
    }
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    String only = given.choice("strategy");
    int seats = given.integer("philosophers"), runs = given.integer("repeat");
    Duration limit = Duration.ofMillis(Math.round(given.decimal("seconds") * 1000));
    DETECTOR = given.choice("watchdog").equals("on") ? DeadlockWatchdog.JVM : DeadlockWatchdog.NEVER;
    var leftovers = Leftovers.baseline();
    System.out.printf("%d philosophers, %d forks; think ~%d ms, eat ~%d ms, reach %d ms; dinners of at most %d ms, %d of each%n",
            seats, seats, THINK.toMillis(), EAT.toMillis(), REACH.toMillis(), limit.toMillis(), runs);
    var deadlock = new Check("deadlock", "philosophers in the circle", runs);

    if (only.equals("all") || only.equals("naive")) {
        System.out.println("\n1. Naive: left fork, then right, everyone at the same moment");
        deadlock.variant("naive (wrong)", Expect.HAZARD, () -> dinner("naive", seats, limit).deadlocked());
        var naive = last("naive");
        naive.verdict().deadlock().ifPresent(d -> System.out.print(d.report() + "\nThe table when the watchdog looked:\n" + naive.atDeadlock()));
        System.out.printf("Ended by: %s; every philosopher had left at %d ms.%n", naive.endedBy(), naive.lasted().toMillis());
        System.out.print(TimelineText.render(naive.timeline()));
    }
    if (only.equals("all") || only.equals("unstaged")) {
        System.out.println("\n1b. The same without the barrier: left fork, reach, right fork, each in his own time");
        for (var reach : List.of(REACH, REACH.multipliedBy(4))) {
            var found = unstaged(runs, seats, limit, reach);
            dinners.put("unstaged, reach " + reach.toMillis() + " ms", found);
            System.out.printf("Reach %d ms, dinners of at most %d ms: %s.%n", reach.toMillis(), limit.toMillis(), deadlocks(found));
        }
    }
    if (only.equals("all") || only.equals("note")) {
        System.out.println("\n2. The note's solution: check the right fork, give up if it is taken");
        var flaws = new Check("the note's flaws, forced", "incidents", runs);
        System.out.println("Forced: philosopher 0 pauses right after his check, until philosopher 1 takes fork 1.");
        flaws.variant("acts on a stale check (wrong)", Expect.HAZARD, () -> told(staleCheck(seats), "philosopher 0: the check"));
        System.out.println("Forced: philosopher 1 pauses after putting his forks down, until philosopher 0 takes fork 1.");
        flaws.variant("releases a fork it does not hold (wrong)", Expect.HAZARD, () -> told(neighboursFork(seats), "philosopher 1 released"));
        System.out.print("Declared: each flaw shows in every forced dinner.\n" + flaws);
    }
    if (only.equals("all") || only.equals("lockstep")) {
        System.out.println("\n3. Polite, without randomness: tryLock, put down, retry, everyone in step");
        var livelock = new Check("livelock", "philosophers who never ate", runs);
        livelock.variant("lockstep (wrong)", Expect.HAZARD, () -> dinner("lockstep", seats, limit).livelocked());
        var lockstep = last("lockstep");
        System.out.printf("%d meals in %d ms; each philosopher picked up his left fork and put it back %s times: ended by %s.%n",
                lockstep.meals(), lockstep.lasted().toMillis(),
                lockstep.table().stream().map(p -> String.valueOf(p.attempts)).toList(), lockstep.endedBy());
        System.out.print(TimelineText.render(lockstep.timeline()));
        System.out.print("Declared: nobody eats in any lockstep dinner, and no deadlock is to blame.\n" + livelock);
    }
    if (only.equals("all")) System.out.println("\n4. The solutions");
    for (String fix : List.of("ordered", "waiter", "polite")) {
        if (!only.equals("all") && !only.equals("solutions") && !only.equals(fix)) continue;
        deadlock.variant(fix, Expect.NO_HAZARD, () -> dinner(fix, seats, limit).deadlocked());
        System.out.println(fix + ":");
        System.out.print(TimelineText.render(last(fix).timeline()));
    }
    if (only.equals("all") || only.equals("gluttons")) {
        System.out.println("\n5. Starvation: philosopher 0 between two gluttons, timid or waiting in line");
        var starvation = new Check("starvation", "philosophers starved", runs);
        for (boolean inLine : List.of(false, true)) {
            String name = inLine ? "in line, fair forks" : "timid";
            starvation.variant(inLine ? name : name + " (wrong)", inLine ? Expect.NO_HAZARD : Expect.HAZARD,
                    () -> kept(gluttons(seats, limit, inLine)).starving());
            System.out.println("philosopher 0 " + name + ": meals by seat " + last(name).mealsBySeat());
        }
        System.out.print(TimelineText.render(last("timid").timeline()));
        System.out.print("Declared: the timid philosopher starves in every dinner, nobody does in line on fair forks.\n" + starvation);
    }
    if (only.equals("all") || only.equals("synchronized")) {
        System.out.println("\n6. The naive table on synchronized forks, in a child JVM: found, but no interrupt undoes it");
        var stuck = stuckInAChild();
        System.out.print(stuck);
        Results.record("stuck child", Map.of("stillStuck", stuck.stillStuck(), "virtualCircle", stuck.virtualCircle().size(), "ending", stuck.ended().how().name()));
    }
    if (!deadlock.outcomes().isEmpty()) System.out.print("\nDeclared: a deadlock in every naive dinner, in no dinner of a fix.\n" + deadlock);
    if (!dinners.isEmpty()) System.out.print("\n" + comparison(dinners.keySet().stream().map(this::last).toList()));
    dinners.forEach(this::measure);
    leftovers.check();
    return 0;
}

/** One dinner of a strategy, kept for the comparison and the results. */
Outcome dinner(String strategy, int seats, Duration limit) throws InterruptedException {
    return kept(dine(strategy, SEATINGS.get(strategy), seats, limit));
}

/** Keeps a dinner for the comparison and the results. */
Outcome kept(Outcome outcome) {
    dinners.computeIfAbsent(outcome.strategy(), s -> new ArrayList<>()).add(outcome);
    return outcome;
}

Outcome last(String strategy) {
    return dinners.get(strategy).getLast();
}

/** Prints what the first dinner showed of {@code incident} (the check counts every dinner), and returns how often it showed. */
long told(Outcome dinner, String incident) {
    var seen = dinner.incidents(incident);
    if (toldOnce.add(incident)) seen.forEach(i -> System.out.println("  " + i));
    return seen.size();
}

/** Over a strategy's dinners: meals and the ideal per dinner (mean), the hungriest philosopher's meals, the slowest find. */
void measure(String strategy, List<Outcome> all) {
    var labels = Map.of("strategy", strategy);
    Results.measure("meals", all.stream().mapToInt(Outcome::meals).average().orElse(0), labels);
    Results.measure("ideal meals", all.stream().mapToLong(this::ideal).average().orElse(0), labels);
    Results.measure("fewest meals", all.stream().mapToInt(Outcome::fewest).min().orElse(0), labels);
    Results.measure("holding one fork", all.stream().mapToDouble(Outcome::holdingOne).average().orElse(0), labels);
    all.stream().filter(o -> o.foundAt() != null).mapToLong(o -> o.foundAt().toMillis()).max()
            .ifPresent(ms -> Results.measure("deadlock found after ms", ms, labels));
    Results.measure("dinners deadlocked", all.stream().filter(o -> o.foundAt() != null).count(), labels);
}
