///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DEPS org.jetbrains.lincheck:lincheck:3.7
//DESCRIPTION Lesson 06, the dining philosophers: a deadlock on every run, found and undone by a watchdog; the note's solution and its two flaws; ordered forks, a waiter, tryLock with back-off (and the livelock without randomness), compared.

// What it shows: the note's philosophers.py. Five Thread subclasses share five forks (ReentrantLocks).
// Each takes his left fork, then his right: if all do it at once, each holds one fork and waits for
// the next, for ever. A watchdog (ThreadMXBean.findDeadlockedThreads) finds the circle, prints it like
// jstack, and interrupts the philosophers (they wait with lockInterruptibly). Then the note's own fix
// and its two flaws, forced; the livelock of philosophers polite in step; and three solutions. Each
// hazard is declared (a Check): the wrong strategies must show it on every run, the fixes never.
//
// Run it:  jbang philosophers                                   (the whole tour, ~12 s of dinners)
//          jbang philosophers --strategy naive --repeat 20      (the deadlock, 20 times)
//          jbang philosophers --strategy waiter --philosophers 7 --seconds 5
//          jbang scripts/Lesson06Philosophers.java --help
//
// What it printed on this project's machine: the stored outputs of notebooks/06_philosophers.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import course.dining.*;
import course.lesson.*;
import course.modelcheck.Rivals;
import course.modelcheck.Rivals.Rival;
import course.show.Table;
import course.timeline.*;
import course.watch.DeadlockWatchdog;
import course.watch.Leftovers;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

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

    Dinner(int seats) {
        forks = Fork.set(seats);
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
// Left, then right. Here everyone holds a left fork before anyone reaches: a deadlock, every time.
class Naive extends Philosopher {
    Naive(int seat, Dinner dinner) { super(seat, dinner); }

    void takeForks() throws InterruptedException {
        left.lockInterruptibly();
        try {
            waitingFor(right);
            dinner.step();                       // everyone has his left fork now
            right.lockInterruptibly();
        } catch (InterruptedException e) {
            left.unlock();                       // undone: put the left fork back
            throw e;
        }
    }

    void putDownForks() { right.unlock(); left.unlock(); }
}
// end::naive[]

// tag::dine[]
interface Seating { Philosopher at(int seat, Dinner dinner); }

record Outcome(String strategy, DeadlockWatchdog.Verdict verdict, List<Philosopher> table, Dinner dinner, TableState atDeadlock) {
    int meals() { return table.stream().mapToInt(p -> p.meals).sum(); }
    int fewest() { return table.stream().mapToInt(p -> p.meals).min().orElse(0); }
    int most() { return table.stream().mapToInt(p -> p.meals).max().orElse(0); }
    long longestWaitMs() { return table.stream().mapToLong(p -> p.longestWaitNanos).max().orElse(0) / 1_000_000; }
    Timeline timeline() { return dinner.timeline; }
    /** How many philosophers the watchdog found in a circle of waiting: 0 when there was no deadlock. */
    int deadlocked() { return verdict.deadlock().map(d -> d.threads().size()).orElse(0); }
    /** How many never ate, though nobody waited for ever (no deadlock): all of them in a livelock. */
    int livelocked() { return verdict.deadlocked() ? 0 : (int) table.stream().filter(p -> p.meals == 0).count(); }
    String endedBy() {
        return verdict.deadlock().map(d -> "deadlock at " + d.foundAfter().toMillis() + " ms").orElse("time limit");
    }
    List<String> incidents(String about) { return dinner.incidents.stream().filter(i -> i.contains(about)).toList(); }
}

DeadlockWatchdog.Detector DETECTOR = DeadlockWatchdog.JVM;   // NEVER: no watchdog, only the time limit ends a dinner

/** Seats the philosophers, serves dinner, and lets the watchdog end it: at a deadlock or after {@code limit}. */
Outcome dine(String strategy, Seating seating, int seats, Duration limit) throws InterruptedException {
    var dinner = new Dinner(seats);
    List<Philosopher> table = new ArrayList<>();
    for (int seat = 0; seat < seats; seat++) table.add(seating.at(seat, dinner));
    table.forEach(p -> dinner.timeline.state(p.getName(), "THINKING"));   // lanes in seat order
    table.forEach(Thread::start);
    dinner.served.countDown();
    var atDeadlock = new AtomicReference<TableState>();
    var verdict = DeadlockWatchdog.watching(table).naming(dinner.forks).detector(DETECTOR)
            .onDeadlock(d -> {
                atDeadlock.set(TableState.of(dinner.forks, table));     // the table as the watchdog found it
                dinner.timeline.mark("watchdog", "deadlock found");
            })
            .guard(limit);                                              // returns when every philosopher has ended
    dinner.timeline.stop();
    return new Outcome(strategy, verdict, table, dinner, atDeadlock.get());
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

// tag::comparison[]
/** Meals a dinner could serve with no waiting at all: everyone thinks, reaches and eats back to back, N/2 at once. */
long ideal(Outcome o) {
    int n = o.table().size();
    double ms = o.timeline().durationNanos() / 1e6;
    double backToBack = n * ms / (THINK.toMillis() + REACH.toMillis() + EAT.toMillis()), halfAtOnce = (n / 2) * ms / EAT.toMillis();
    return Math.round(Math.min(backToBack, halfAtOnce));
}

Table comparison(List<Outcome> dinners) {
    var table = new Table("strategy", "ended by", "meals", "ideal", "fewest", "most", "longest wait ms");
    for (var o : dinners) {
        table.row(o.strategy(), o.endedBy(), o.meals(), ideal(o), o.fewest(), o.most(), o.longestWaitMs());
    }
    table.note("ideal = min(N x time / (think + reach + eat), N/2 eating at once x time / eat), over each dinner's length.");
    table.note("fewest/most = meals of the hungriest and the best-fed philosopher (starvation shows as a low fewest).");
    table.note("The last dinner of each, on a shared machine: the counts move by several percent from dinner to dinner.");
    return table;
}
// end::comparison[]

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

final Options OPTIONS = Options.of("philosophers",
                "Lesson 06, the dining philosophers: deadlock, the note's solution, and four ways out.")
        .choice("strategy", "all", List.of("all", "naive", "note", "lockstep", "ordered", "waiter", "polite"),
                "the whole tour (all), or one strategy alone")
        .integer("philosophers", 5, 2, 12, "philosophers round the table, and forks")
        .decimal("seconds", 2, 0.2, 30, "how long each dinner may last")
        .integer("repeat", 1, 1, 100, "dinners of each strategy: a hazard must show in every one, a fix in none")
        .choice("watchdog", "on", List.of("on", "off"), "whether a watchdog looks for deadlocks (off: only the time limit ends a dinner)");

final Map<String, Seating> SEATINGS = Map.of("naive", Naive::new, "lockstep", Lockstep::new,
        "ordered", Ordered::new, "waiter", Waiter::new, "polite", Polite::new);
final Map<String, List<Outcome>> dinners = new LinkedHashMap<>();   // each strategy's dinners, for the table and the results
final Set<String> toldOnce = new HashSet<>();   // incidents already printed

void main(String... argv) {
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
        System.out.printf("Ended by: %s; every philosopher had left %d ms after dinner was served.%n",
                naive.endedBy(), naive.verdict().took().toMillis());
        System.out.print(TimelineText.render(naive.timeline()));
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
                lockstep.meals(), lockstep.verdict().took().toMillis(),
                lockstep.table().stream().map(p -> String.valueOf(p.attempts)).toList(), lockstep.endedBy());
        System.out.print(TimelineText.render(lockstep.timeline()));
        System.out.print("Declared: nobody eats in any lockstep dinner, and no deadlock is to blame.\n" + livelock);
    }
    if (only.equals("all")) System.out.println("\n4. The solutions");
    for (String fix : List.of("ordered", "waiter", "polite")) {
        if (!only.equals("all") && !only.equals(fix)) continue;
        deadlock.variant(fix, Expect.NO_HAZARD, () -> dinner(fix, seats, limit).deadlocked());
        System.out.println(fix + ":");
        System.out.print(TimelineText.render(last(fix).timeline()));
    }
    if (!deadlock.outcomes().isEmpty()) System.out.print("\nDeclared: a deadlock in every naive dinner, in no dinner of a fix.\n" + deadlock);
    if (!dinners.isEmpty()) System.out.print("\n" + comparison(dinners.keySet().stream().map(this::last).toList()));
    dinners.forEach(this::measure);
    if (only.equals("all")) {
        System.out.println("\n5. Now let the model checker find the deadlock itself: Lincheck, three seats, no staging\n");
        System.out.print(Rivals.judge(100,
                new Rival("naive (wrong)", Expect.HAZARD, NAIVE_DINNER),
                new Rival("ordered", Expect.NO_HAZARD, ORDERED_DINNER)));
    }
    leftovers.check();
    return 0;
}

/** One dinner of a strategy, kept for the comparison and the results. */
Outcome dinner(String strategy, int seats, Duration limit) throws InterruptedException {
    var outcome = dine(strategy, SEATINGS.get(strategy), seats, limit);
    dinners.computeIfAbsent(strategy, s -> new ArrayList<>()).add(outcome);
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
    all.stream().flatMap(o -> o.verdict().deadlock().stream()).mapToLong(d -> d.foundAfter().toMillis()).max()
            .ifPresent(ms -> Results.measure("deadlock found after ms", ms, labels));
}
