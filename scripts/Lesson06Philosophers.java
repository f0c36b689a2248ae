///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 06, the dining philosophers: a deadlock on every run, found and undone by a watchdog; the note's solution and its two flaws; ordered forks, a waiter, tryLock with back-off (and the livelock without randomness), compared.

// What it shows: the note's philosophers.py. Five Thread subclasses share five forks (ReentrantLocks).
// Each takes his left fork, then his right: if all do it at once, each holds one fork and waits for
// the next, for ever. A watchdog (ThreadMXBean.findDeadlockedThreads) finds the circle, prints it like
// jstack, and interrupts the philosophers (they wait with lockInterruptibly). Then the note's own fix
// and its two flaws, and the classic solutions run for the same time each and are compared.
//
// Run it:  jbang philosophers                                   (the whole tour, ~12 s)
//          jbang philosophers --strategy naive --repeat 20      (the deadlock, 20 times)
//          jbang philosophers --strategy waiter --philosophers 7 --seconds 5
//          jbang scripts/Lesson06Philosophers.java --help
//
// Seen on a 2-core cloud VM, JDK 25, 5 philosophers, 2 s per dinner (whole tour 12 s):
//   naive: deadlocked, found after 75 ms, every thread ended 84 ms after dinner was served; 20 of 20 with --repeat 20
//   note:  "the check said fork 1 was free; then philosopher 1 had it, and lock() waited 5 ms";
//          "philosopher 1 released fork 1, held by philosopher 0: IllegalMonitorStateException"
//   lockstep: 0 meals in 1000 ms, each philosopher took and put back his left fork 91 times (livelock)
//   meals (ideal 182), fewest-most per philosopher, longest wait:
//   ordered 154, 30-33, 51 ms; waiter 130, 25-28, 93 ms; polite 162, 30-34, 61 ms

import course.cli.Args;
import course.cli.Cli;
import course.dining.Fork;
import course.dining.TableState;
import course.show.Table;
import course.timeline.Timeline;
import course.timeline.TimelineText;
import course.watch.DeadlockWatchdog;
import course.watch.Leftovers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

class Lesson06Philosophers {

    static final String USAGE = """
            Lesson 06, the dining philosophers: deadlock, the note's solution, and four ways out.

            usage: jbang philosophers [--strategy S] [--philosophers N] [--seconds T] [--repeat R] [--watchdog on|off]
              --strategy S       all (default: the tour), or one of:
                                 naive     left then right, everyone at once: deadlocks every time
                                 note      the note's solution, ported: check the right fork, give up if taken
                                 lockstep  tryLock, put down, retry, all in step: a livelock
                                 ordered   take the lower-numbered fork first
                                 waiter    a Semaphore lets at most N-1 sit down
                                 polite    tryLock with a timeout, put down, back off for a random time
              --philosophers N   2-12 (default 5)
              --seconds T        how long each dinner lasts, 0.2-30 (default 2)
              --repeat R         run the chosen strategy R times, 1-100, and count deadlocks (default 1)
              --watchdog on|off  off: no deadlock detection, only the time limit ends a dinner (default on)
            """;

    // Knobs: milliseconds (the note used seconds)
    static Duration THINK = Duration.ofMillis(30), EAT = Duration.ofMillis(20), REACH = Duration.ofMillis(5);

    /** What the philosophers share. The barrier makes everyone do a step at the same moment (naive, lockstep). */
    static final class Dinner {
        final List<Fork> forks;
        final Timeline timeline = Timeline.start();
        final CountDownLatch served = new CountDownLatch(1);
        final CyclicBarrier inStep;
        final Semaphore waiter;
        final Queue<String> incidents = new ConcurrentLinkedQueue<>();   // the note's flaws, as they happen

        Dinner(int seats) {
            forks = Fork.set(seats);
            inStep = new CyclicBarrier(seats);
            waiter = new Semaphore(seats - 1);
        }

        void step() throws InterruptedException {
            try {
                inStep.await();
            } catch (BrokenBarrierException e) {
                throw new InterruptedException("the dinner is over");   // someone was stopped: so are we
            }
        }
    }

    /** A philosopher thinks, gets hungry, takes two forks, eats, puts them down; how he takes them is the strategy. */
    abstract static class Philosopher extends Thread {
        final int seat;
        final Fork left, right;
        final Dinner dinner;
        int meals, attempts;            // written by this thread only; read after join()
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

        void doneWaiting() {
            if (hungrySince != 0) longestWaitNanos = Math.max(longestWaitNanos, System.nanoTime() - hungrySince);
            hungrySince = 0;
        }

        void think() throws InterruptedException { state("THINKING"); sleep(around(THINK)); }
        void eat() throws InterruptedException { state("EATING"); sleep(around(EAT)); meals++; }   // a meal counts once eaten
        void reach() throws InterruptedException { sleep(REACH); }   // from one fork to the other
        void waitingFor(Fork fork) { state("WAITING for " + fork); }

        /** Takes {@code first}, then {@code second}; interrupted while waiting, puts {@code first} back. */
        void takeInOrder(Fork first, Fork second) throws InterruptedException {
            first.lockInterruptibly();
            try {
                waitingFor(second);
                reach();
                second.lockInterruptibly();
            } catch (InterruptedException e) {
                first.unlock();
                throw e;
            }
        }
        void state(String state) { dinner.timeline.state(getName(), state); }
        static long around(Duration d) { return ThreadLocalRandom.current().nextLong(d.toMillis() / 2, d.toMillis() * 3 / 2 + 1); }
    }

    // Left, then right. Here everyone holds a left fork before anyone reaches: a deadlock, every time.
    static final class Naive extends Philosopher {
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

    // The note's philosophers.py, line by line (its own run(), as in the note): check the right fork, give up if taken.
    static final class NotePhilosopher extends Philosopher {
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

    // Take the lower-numbered fork first: the last philosopher reaches right first, and the circle cannot close.
    static final class Ordered extends Philosopher {
        Ordered(int seat, Dinner dinner) { super(seat, dinner); }

        void takeForks() throws InterruptedException {
            if (left.number() < right.number()) takeInOrder(left, right); else takeInOrder(right, left);
        }

        void putDownForks() { right.unlock(); left.unlock(); }
    }

    // A waiter (lesson 05's Semaphore) seats at most N-1: one of them always gets two forks.
    static final class Waiter extends Philosopher {
        Waiter(int seat, Dinner dinner) { super(seat, dinner); }

        void takeForks() throws InterruptedException {
            dinner.waiter.acquire();
            try {
                takeInOrder(left, right);
            } catch (InterruptedException e) {
                dinner.waiter.release();
                throw e;
            }
        }

        void putDownForks() { right.unlock(); left.unlock(); dinner.waiter.release(); }
    }

    // tryLock the right fork for a while; if it stays taken, put the left one down, back off, retry.
    static class Polite extends Philosopher {
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
                    left.unlock();
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
    static final class Lockstep extends Polite {
        Lockstep(int seat, Dinner dinner) { super(seat, dinner); }

        @Override void inStep() throws InterruptedException { dinner.step(); }
        @Override void backOff() throws InterruptedException { sleep(REACH); dinner.step(); }   // the same pause for all
    }

    interface Seating { Philosopher at(int seat, Dinner dinner); }

    record Outcome(String strategy, DeadlockWatchdog.Verdict verdict, List<Philosopher> table, Dinner dinner, TableState atDeadlock) {
        int meals() { return table.stream().mapToInt(p -> p.meals).sum(); }
        int fewest() { return table.stream().mapToInt(p -> p.meals).min().orElse(0); }
        int most() { return table.stream().mapToInt(p -> p.meals).max().orElse(0); }
        long longestWaitMs() { return table.stream().mapToLong(p -> p.longestWaitNanos).max().orElse(0) / 1_000_000; }
    }

    static boolean watchdogOn = true;

    /** Seats the philosophers, serves dinner, and lets the watchdog end it: at a deadlock or after {@code seconds}. */
    static Outcome dine(String strategy, Seating seating, int seats, Duration seconds) throws InterruptedException {
        var dinner = new Dinner(seats);
        List<Philosopher> table = new ArrayList<>();
        for (int seat = 0; seat < seats; seat++) table.add(seating.at(seat, dinner));
        table.forEach(p -> dinner.timeline.state(p.getName(), "THINKING"));   // lanes in seat order
        table.forEach(Thread::start);
        dinner.served.countDown();
        var atDeadlock = new AtomicReference<TableState>();
        var verdict = DeadlockWatchdog.watching(table).naming(dinner.forks)
                .detector(watchdogOn ? DeadlockWatchdog.JVM : DeadlockWatchdog.NEVER)
                .onDeadlock(d -> {
                    atDeadlock.set(TableState.of(dinner.forks, table));   // the table as the watchdog found it
                    dinner.timeline.mark("watchdog", "deadlock found");
                })
                .guard(seconds);
        dinner.timeline.stop();
        return new Outcome(strategy, verdict, table, dinner, atDeadlock.get());
    }

    static Seating seating(String strategy) {
        return switch (strategy) {
            case "naive" -> Naive::new;
            case "note" -> (seat, dinner) -> new NotePhilosopher(seat, dinner, () -> { }, () -> { });
            case "lockstep" -> Lockstep::new;
            case "ordered" -> Ordered::new;
            case "waiter" -> Waiter::new;
            case "polite" -> Polite::new;
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    public static void main(String... argv) {
        Cli.main("philosophers", USAGE, List.of("help"), argv, Lesson06Philosophers::run);
    }

    static int run(Args args) throws Exception {
        String strategy = args.choice("strategy", "all", List.of("all", "naive", "note", "lockstep", "ordered", "waiter", "polite"));
        int seats = args.integer("philosophers", 5, 2, 12);
        Duration seconds = Duration.ofMillis(Math.round(args.decimal("seconds", 2, 0.2, 30) * 1000));
        int repeat = args.integer("repeat", 1, 1, 100);
        watchdogOn = args.choice("watchdog", "on", List.of("on", "off")).equals("on");
        args.noneLeft();
        var leftovers = Leftovers.baseline();
        if (strategy.equals("all")) Tour.run(seats, seconds);
        else repeatedly(strategy, seats, seconds, repeat);
        leftovers.check();
        return 0;
    }

    /** One strategy, R times: the evidence that a hazard shows every time, and a solution never. */
    static void repeatedly(String strategy, int seats, Duration seconds, int repeat) throws InterruptedException {
        if (strategy.equals("note")) {
            int races = 0, releases = 0;
            for (int r = 0; r < repeat; r++) {
                var race = Tour.raceAfterCheck(seats);
                var release = Tour.releaseOfANeighboursFork(seats);
                if (r == 0) race.ifPresent(System.out::println);
                if (r == 0) release.ifPresent(System.out::println);
                if (race.isPresent()) races++;
                if (release.isPresent()) releases++;
            }
            System.out.printf("note, %d philosophers, forced: the check said free but the fork was taken in %d of %d runs; "
                    + "caught releasing a fork it does not hold in %d of %d runs%n", seats, races, repeat, releases, repeat);
            return;
        }
        int deadlocks = 0, everyoneAte = 0, leftRunning = 0, meals = 0;
        long slowestFindMs = 0;
        Outcome last = null;
        for (int r = 0; r < repeat; r++) {
            last = dine(strategy, seating(strategy), seats, seconds);
            var deadlock = last.verdict().deadlock();
            if (deadlock.isPresent()) {
                deadlocks++;
                slowestFindMs = Math.max(slowestFindMs, deadlock.get().foundAfter().toMillis());
            }
            if (last.fewest() > 0) everyoneAte++;
            meals += last.meals();
            if (!last.verdict().stillAlive().isEmpty()) leftRunning++;
            last.dinner().incidents.forEach(i -> System.out.println("  " + i));
        }
        if (last.verdict().deadlocked()) {
            System.out.print(last.verdict().deadlock().get().report());
            System.out.print(last.atDeadlock());
        }
        System.out.print(TimelineText.render(last.dinner().timeline));
        System.out.printf("%s, %d philosophers, %d run(s) of at most %d ms: deadlocked in %d of %d (found after at most %d ms), "
                        + "everyone ate in %d of %d (%d meals in all), threads left running in %d%n",
                strategy, seats, repeat, seconds.toMillis(), deadlocks, repeat, slowestFindMs, everyoneAte, repeat, meals, leftRunning);
    }

    /** The whole lesson, as the notebook tells it. */
    static final class Tour {
        static void run(int seats, Duration seconds) throws InterruptedException {
            System.out.printf("%d philosophers, %d forks; think ~%d ms, eat ~%d ms, reach ~%d ms%n%n", seats, seats, THINK.toMillis(), EAT.toMillis(), REACH.toMillis());

            System.out.println("1. Naive: left fork, then right, everyone at the same moment");
            var naive = dine("naive", Naive::new, seats, seconds);
            naive.verdict().deadlock().ifPresentOrElse(d -> {
                System.out.print(d.report());
                System.out.println("The table when the watchdog looked:");
                System.out.print(naive.atDeadlock());
                System.out.printf("Found after %d ms; the philosophers were interrupted, and every thread ended within %d ms.%n",
                        d.foundAfter().toMillis(), naive.verdict().took().toMillis());
            }, () -> System.out.println("no deadlock this time (the watchdog is " + (watchdogOn ? "on" : "off") + ")"));
            System.out.print(TimelineText.render(naive.dinner().timeline));

            System.out.println("\n2. The note's solution: check the right fork, give up if it is taken");
            System.out.println("Forced: philosopher 0 pauses right after his check, until philosopher 1 takes fork 1.");
            raceAfterCheck(seats).ifPresent(i -> System.out.println("  " + i));
            System.out.println("Forced: philosopher 1 pauses after putting his forks down, until philosopher 0 takes fork 1.");
            releaseOfANeighboursFork(seats).ifPresent(i -> System.out.println("  " + i));

            System.out.println("\n3. Polite, without randomness: tryLock, put down, retry, everyone in step");
            var lockstep = dine("lockstep", Lockstep::new, seats, Duration.ofSeconds(1));
            System.out.printf("%d meals in %d ms; each philosopher picked up his left fork and put it back %d times: a livelock, stopped at its time limit.%n",
                    lockstep.meals(), lockstep.verdict().took().toMillis(), lockstep.table().getFirst().attempts);
            System.out.print(TimelineText.render(lockstep.dinner().timeline));

            System.out.printf("%n4. The solutions, %d ms each%n", seconds.toMillis());
            List<Outcome> outcomes = new ArrayList<>(List.of(naive, lockstep));
            for (String strategy : List.of("ordered", "waiter", "polite")) {
                var outcome = dine(strategy, seating(strategy), seats, seconds);
                outcomes.add(outcome);
                System.out.println(strategy + ":");
                System.out.print(TimelineText.render(outcome.dinner().timeline));
            }
            System.out.println();
            System.out.print(comparison(outcomes, seats));
        }

        /** The note's flaw 1, forced: what philosopher 0 saw when his check was stale, if it happened. */
        static java.util.Optional<String> raceAfterCheck(int seats) throws InterruptedException {
            var raced = new java.util.concurrent.atomic.AtomicBoolean();
            var race = dine("note", (seat, dinner) -> new NotePhilosopher(seat, dinner,
                    seat == 0 ? () -> { if (raced.compareAndSet(false, true)) untilTaken(dinner.forks.get(1)); } : () -> { },
                    () -> { }), seats, Duration.ofSeconds(1));
            return race.dinner().incidents.stream().filter(i -> i.startsWith("philosopher 0: the check")).findFirst();
        }

        /** The note's flaw 2, forced: philosopher 1 releasing fork 1 while philosopher 0 holds it, if it happened. */
        static java.util.Optional<String> releaseOfANeighboursFork(int seats) throws InterruptedException {
            var released = new java.util.concurrent.atomic.AtomicBoolean();
            var release = dine("note", (seat, dinner) -> new NotePhilosopher(seat, dinner, () -> { },
                    seat == 1 ? () -> { if (released.compareAndSet(false, true)) untilTaken(dinner.forks.get(1)); } : () -> { }),
                    seats, Duration.ofSeconds(1));
            return release.dinner().incidents.stream().filter(i -> i.contains("IllegalMonitorState")).findFirst();
        }

        /** The forced interleaving: wait (at most 1 s) until somebody has taken {@code fork}. */
        static void untilTaken(Fork fork) {
            long deadline = System.nanoTime() + 1_000_000_000L;
            try {
                while (!fork.isLocked() && System.nanoTime() < deadline) Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the dinner is over: let the next wait see it
            }
        }
    }

    static Table comparison(List<Outcome> outcomes, int seats) {
        var table = new Table("strategy", "ended by", "meals", "ideal", "fewest", "most", "longest wait ms");
        for (var o : outcomes) {
            double ms = o.dinner().timeline.durationNanos() / 1e6;
            long ideal = Math.round(Math.min(seats * ms / (THINK.toMillis() + REACH.toMillis() + EAT.toMillis()), (seats / 2) * ms / EAT.toMillis()));
            String endedBy = o.verdict().deadlocked() ? "deadlock at " + o.verdict().deadlock().get().foundAfter().toMillis() + " ms" : "time limit";
            table.row(o.strategy(), endedBy, o.meals(), ideal, o.fewest(), o.most(), o.longestWaitMs());
        }
        table.note("ideal = meals with no waiting at all: min(N x time / (think + reach + eat), N/2 eating at once x time / eat).");
        table.note("fewest/most = meals of the hungriest and the best-fed philosopher (starvation shows as a low fewest).");
        table.note("One run each on a shared machine: the counts move by a few from run to run.");
        return table;
    }
}
