///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 01, cooperative vs preemptive multitasking: an event loop stalls when one task hangs, threads do not; virtual threads in between; what a switch costs.

// What it shows: the note's theory. On a cooperative event loop (one thread, tasks hand control back by
// returning) one hanging task stops every task, until a stall detector stops the loop. On platform threads
// the OS preempts: one spinning thread does not stop the others, and Thread.stop() is no way to end it.
// Virtual threads are cooperative on their carriers: with one carrier (a child JVM) a spinning one starves
// a ticking one. And a hand-off costs microseconds between platform threads, much less between virtual
// threads, tens of nanoseconds between event-loop tasks.
//
// Run it:  jbang cooperative                      (from the repo root, after ./course setup)
//          jbang cooperative --demo cooperative --repeat 20 --misbehave blocking
//          jbang scripts/Lesson01Cooperative.java --help
//
// Seen on a 2-core cloud VM shared with other builds (load ~5), JDK 25: every loop task stops at ~100 ms and
// the detector fires after 503 ms of silence, at Ticker.hang; threads A and C tick 14 times while B spins for
// 424 ms (longest gaps 116-143 ms against an ideal 24: the machine was busy); Thread.stop() throws
// UnsupportedOperationException; on one carrier the ticker gets 0 ticks during a 600 ms spin (gap 610 ms) and
// 53 during a 600 ms sleep (gap 14 ms); a hand-off costs 2.7 us between platform threads (45x an event-loop
// hand-off), 0.33 us between virtual threads (5x), 61 ns between event-loop tasks. --repeat 20: 20 of 20 stalls.

import course.cli.Args;
import course.cli.Cli;
import course.procs.ChildRun;
import course.procs.JavaLauncher;
import course.show.Spread;
import course.show.Table;
import course.timeline.Gaps;
import course.timeline.Timeline;
import course.timeline.TimelineText;
import course.vthreads.OneCarrier;
import course.watch.Bounded;
import course.watch.Leftovers;
import course.watch.StallDetector;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

class Lesson01Cooperative {

    static final String USAGE = """
            Lesson 01, cooperative vs preemptive multitasking: stall an event loop, not threads; measure switches.

            usage: jbang cooperative [--demo D] [--tasks N] [--ticks N] [--period MS] [--tick-work MS]
                                     [--misbehave M] [--stall-limit MS] [--repeat N] [--hog MS] [--rounds N] [--runs N]
              --demo D          all, cooperative, preemptive, virtual or cost (default all)
              --tasks N         ticking tasks, 2-8 (default 3); task B is the one that misbehaves
              --ticks N         ticks per task, 2-500 (default 12); task B misbehaves at tick min(4, N/2)
              --period MS       a task waits this long between ticks, 1-1000 ms (default 20)
              --tick-work MS    the work of one tick (busy CPU), 0-100 ms (default 4)
              --misbehave M     what task B does on the loop: busy (a busy loop), blocking (a blocking call), none
              --stall-limit MS  no tick for this long is a stall, 50-2000 ms (default 500)
              --repeat N        run the cooperative stall demo N times and count the stalls, 1-100 (default 1)
              --hog MS          how long the virtual-thread hog spins or sleeps, 50-5000 ms (default 600)
              --rounds N        ping-pong rounds between platform threads, 100-1000000 (default 20000);
                                virtual threads get 5x, event-loop tasks 50x
              --runs N          timed runs per way, after a warm-up, 1-20 (default 5)
            """;

    record Knobs(int tasks, int ticks, Duration period, Duration tickWork, String misbehave, Duration stallLimit) {
        int hangAt() { return Math.min(4, ticks / 2); }
        double idealGapMs() { return (period.toNanos() + tickWork.toNanos()) / 1e6; }
    }

    static void work(Duration d) {  // stands for real work: a busy CPU, not a sleep
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    // ---- 1. Cooperative: a task's step() runs until its next hand-over, then says when to run it again

    interface Task {
        long DONE = -1;
        long step() throws InterruptedException;  // nanos to wait before the next step; 0 = after the others
    }

    /** One thread runs every task, one step at a time. Only the thread that calls run() touches it. */
    static final class EventLoop {
        private record Wakeup(long at, Task task) {}
        private final ArrayDeque<Task> ready = new ArrayDeque<>();
        private final PriorityQueue<Wakeup> waiting = new PriorityQueue<>(Comparator.comparingLong(Wakeup::at));
        long steps;

        void submit(Task task) { ready.add(task); }

        void run() throws InterruptedException {
            while (!ready.isEmpty() || !waiting.isEmpty()) {
                if (Thread.interrupted()) throw new InterruptedException("event loop stopped");
                long now = System.nanoTime();
                while (!waiting.isEmpty() && waiting.peek().at() <= now) ready.add(waiting.poll().task());
                Task task = ready.poll();
                if (task == null) {
                    TimeUnit.NANOSECONDS.sleep(waiting.peek().at() - now);
                    continue;
                }
                long wait = task.step();  // the task has the thread until step() returns
                steps++;
                if (wait == 0) ready.add(task);
                else if (wait != Task.DONE) waiting.add(new Wakeup(System.nanoTime() + wait, task));
            }
        }
    }

    record Ticker(Knobs k, String name, Timeline timeline, StallDetector detector, int[] tick) implements Task {
        public long step() throws InterruptedException {
            if (name.equals("task B") && tick[0] == k.hangAt() && !k.misbehave().equals("none")) hang();
            try (var span = timeline.span(name, "tick " + tick[0])) {
                work(k.tickWork());
            }
            detector.beat();
            return ++tick[0] < k.ticks() ? k.period().toNanos() : DONE;
        }

        private void hang() throws InterruptedException {  // task B keeps the loop's only thread
            try (var span = timeline.span(name, "hang: " + k.misbehave())) {
                if (k.misbehave().equals("blocking")) {
                    Thread.sleep(60_000);  // a blocking call: the loop's thread waits with it
                } else {
                    for (long turns = 1; ; turns++) {  // a busy loop; only an interrupt ends it
                        if (turns % 10_000_000 == 0 && Thread.currentThread().isInterrupted()) throw new InterruptedException();
                    }
                }
            }
        }
    }

    record LoopRun(Timeline timeline, Optional<StallDetector.Stall> stall, boolean threadEnded) {}

    static LoopRun runLoop(Knobs k) throws InterruptedException {
        var timeline = Timeline.start();
        var loop = new EventLoop();
        Thread thread = Thread.ofPlatform().name("event-loop").unstarted(() -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                // stopped by the detector
            }
        });
        try (var detector = StallDetector.watch("the event loop", k.stallLimit(), thread, stall -> {
            timeline.mark("stall detector", "stall detected");
            thread.interrupt();
        })) {
            for (int i = 0; i < k.tasks(); i++) loop.submit(new Ticker(k, taskName(i), timeline, detector, new int[1]));
            thread.start();
            Bounded.join(thread, Duration.ofSeconds(30));
            timeline.stop();
            return new LoopRun(timeline, detector.stall(), !thread.isAlive());
        }
    }

    // ---- 2. Preemptive: the same ticking, a platform thread per task; B spins until interrupted

    static Timeline runThreads(Knobs k, StallDetector detector) throws InterruptedException {
        var timeline = Timeline.start();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < k.tasks(); i++) {
            String name = "thread " + (char) ('A' + i);
            boolean hog = i == 1;
            threads.add(Thread.ofPlatform().name(name).unstarted(() -> {
                try {
                    for (int tick = 0; tick < k.ticks(); tick++) {
                        if (hog && tick == k.hangAt()) {
                            try (var span = timeline.span(name, "spin: busy loop")) {
                                while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
                            }
                            return;
                        }
                        try (var span = timeline.span(name, "tick " + tick)) {
                            work(k.tickWork());
                        }
                        if (!hog) detector.beat();
                        Thread.sleep(k.period());  // blocks: the OS gives the core to another thread
                    }
                } catch (InterruptedException e) {
                    // asked to stop
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread spinner = threads.get(1);
        try {
            for (Thread t : threads) if (t != spinner) Bounded.join(t, Duration.ofSeconds(30));
        } finally {
            try {
                Thread.class.getMethod("stop").invoke(spinner);
                System.out.println("spinner.stop() returned: this JDK still kills threads");
            } catch (InvocationTargetException e) {
                System.out.println("spinner.stop() threw " + e.getCause() + " (removed since JDK 20: it released locks mid-update)");
            } catch (NoSuchMethodException e) {
                System.out.println("Thread.stop() is gone from this JDK altogether");
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            spinner.interrupt();  // the way that works: ask, and let it stop where it checks
            Bounded.join(spinner, Duration.ofSeconds(2));
        }
        timeline.stop();
        return timeline;
    }

    // ---- 4. The cost of a hand-off: two parties pass a ball; the one without it waits

    static double threadPingPong(Thread.Builder builder, int rounds) throws InterruptedException {
        var ball = new AtomicInteger();  // even: player 0 has it; odd: player 1
        Thread[] players = new Thread[2];
        for (int p = 0; p < 2; p++) {
            int me = p;
            players[p] = builder.unstarted(() -> {
                for (int i = 0; i < rounds; i++) {
                    while ((ball.get() & 1) != me) {
                        LockSupport.park();
                        if (Thread.currentThread().isInterrupted()) return;
                    }
                    ball.incrementAndGet();
                    LockSupport.unpark(players[1 - me]);
                }
            });
        }
        long start = System.nanoTime();
        for (Thread player : players) player.start();
        for (Thread player : players) Bounded.join(player, Duration.ofSeconds(60));
        return (System.nanoTime() - start) / (2.0 * rounds);
    }

    static double loopPingPong(int rounds) throws InterruptedException {
        var loop = new EventLoop();
        int[] ball = {0};
        for (int p = 0; p < 2; p++) {
            int me = p;
            loop.submit(() -> {
                if ((ball[0] & 1) == me) ball[0]++;
                return ball[0] < 2 * rounds ? 0 : Task.DONE;
            });
        }
        long start = System.nanoTime();
        loop.run();
        return (System.nanoTime() - start) / (double) loop.steps;
    }

    static String taskName(int i) { return "task " + (char) ('A' + i); }

    public static void main(String... argv) {
        Cli.main("cooperative", USAGE, List.of("help"), argv, Lesson01Cooperative::run);
    }

    static int run(Args args) throws Exception {
        String demo = args.choice("demo", "all", List.of("all", "cooperative", "preemptive", "virtual", "cost"));
        var k = new Knobs(args.integer("tasks", 3, 2, 8), args.integer("ticks", 12, 2, 500),
                args.millis("period", Duration.ofMillis(20), 1, 1000), args.millis("tick-work", Duration.ofMillis(4), 0, 100),
                args.choice("misbehave", "busy", List.of("busy", "blocking", "none")),
                args.millis("stall-limit", Duration.ofMillis(500), 50, 2000));
        int repeat = args.integer("repeat", 1, 1, 100);
        Duration hog = args.millis("hog", Duration.ofMillis(600), 50, 5000);
        int rounds = args.integer("rounds", 20_000, 100, 1_000_000);
        int runs = args.integer("runs", 5, 1, 20);
        args.noneLeft();
        var leftovers = Leftovers.baseline();
        System.out.println("JDK " + Runtime.version() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
        List<String> taskLanes = new ArrayList<>();
        for (int i = 0; i < k.tasks(); i++) taskLanes.add(taskName(i));

        if (demo.equals("all") || demo.equals("cooperative")) {
            System.out.println("\n== 1. Cooperative: " + k.tasks() + " tasks on one event-loop thread, all behaving");
            var calm = runLoop(new Knobs(k.tasks(), k.ticks(), k.period(), k.tickWork(), "none", k.stallLimit()));
            System.out.print(TimelineText.render(calm.timeline()));
            System.out.print(Gaps.table(calm.timeline(), taskLanes, k.idealGapMs()));
            System.out.println("stall detector: " + calm.stall().map(Object::toString).orElse("quiet, no stall"));

            System.out.println("\n== 1b. Task B misbehaves at tick " + k.hangAt() + " (" + k.misbehave() + ")");
            int stalls = 0;
            double minMs = Double.MAX_VALUE, maxMs = 0;
            for (int r = 0; r < repeat; r++) {
                var run = runLoop(k);
                if (!run.threadEnded()) throw new IllegalStateException("the event loop's thread did not end");
                if (r == 0) {
                    System.out.print(TimelineText.render(run.timeline()));
                    System.out.println(run.stall().map(Object::toString).orElse("no stall: every task kept ticking"));
                }
                if (run.stall().isPresent()) {
                    stalls++;
                    minMs = Math.min(minMs, run.stall().get().silence().toMillis());
                    maxMs = Math.max(maxMs, run.stall().get().silence().toMillis());
                }
            }
            System.out.printf("stall detected in %d of %d runs%s; the loop's thread ended every time%n", stalls, repeat,
                    stalls == 0 ? "" : minMs == maxMs ? String.format(" (after %.0f ms of silence)", minMs)
                            : String.format(" (after %.0f to %.0f ms of silence)", minMs, maxMs));
        }

        if (demo.equals("all") || demo.equals("preemptive")) {
            System.out.println("\n== 2. Preemptive: a platform thread per task; thread B spins from tick " + k.hangAt());
            Timeline timeline;
            try (var detector = StallDetector.watch("the ticking threads", k.stallLimit(), stall -> {})) {
                timeline = runThreads(k, detector);
                System.out.println("stall detector: " + detector.stall().map(Object::toString).orElse("quiet, no stall"));
            }
            System.out.print(TimelineText.render(timeline));
            var others = timeline.lanes().stream().filter(l -> !l.equals("thread B")).toList();
            System.out.print(Gaps.table(timeline, others, k.idealGapMs()));
            var spin = timeline.events().stream().filter(e -> e.label().startsWith("spin")).findFirst().orElseThrow();
            long ticksDuringSpin = timeline.events().stream().filter(e -> others.contains(e.lane())
                    && e.startNanos() >= spin.startNanos() && e.startNanos() < spin.endNanos()).count();
            System.out.printf("while thread B spun (%.0f ms), the others ticked %d times%n", spin.durationNanos() / 1e6, ticksDuringSpin);
        }

        if (demo.equals("all") || demo.equals("virtual")) {
            System.out.println("\n== 3. Virtual threads on one carrier (a child JVM): a ticker next to a hog");
            var command = JavaLauncher.command(
                    List.of("-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"),
                    OneCarrier.class, String.valueOf(hog.toMillis()), "spin", "sleep", "sleep-in-synchronized");
            var child = ChildRun.run(command, Duration.ofSeconds(30));
            if (child.timedOut()) throw new IllegalStateException("the child JVM " + child.outcome());
            var report = OneCarrier.read(child.output());
            System.out.println("this JVM: JDK " + Runtime.version() + "; the child: JDK " + report.jdk() + ", parallelism "
                    + report.parallelism() + ", " + child.outcome() + " after " + child.took().toMillis() + " ms");
            System.out.print(report.table());
            System.out.println("Since JDK 24 (JEP 491) a virtual thread blocked inside synchronized no longer pins its carrier.");
            System.out.print(TimelineText.render(report.timeline()));
        }

        if (demo.equals("all") || demo.equals("cost")) {
            System.out.println("\n== 4. The cost of a hand-off (ping-pong; " + runs + " runs after a warm-up)");
            var platform = Spread.of(runs, () -> threadPingPong(Thread.ofPlatform(), rounds));
            var virtual = Spread.of(runs, () -> threadPingPong(Thread.ofVirtual(), 5 * rounds));
            var tasks = Spread.of(runs, () -> loopPingPong(50 * rounds));
            var table = new Table("hand-off between", "hand-offs per run", "median ns", "min ns", "max ns", "x event loop");
            table.row("platform threads", 2L * rounds, platform.median(), platform.min(), platform.max(), times(platform, tasks));
            table.row("virtual threads", 10L * rounds, virtual.median(), virtual.min(), virtual.max(), times(virtual, tasks));
            table.row("event-loop tasks", 100L * rounds, tasks.median(), tasks.min(), tasks.max(), times(tasks, tasks));
            table.note("ns per hand-off = wall time of a run / hand-offs. Measured now on this machine: other machines give other numbers.");
            System.out.print(table);
        }
        System.out.println();
        leftovers.check();  // every thread joined, the child JVM gone
        return 0;
    }

    static String times(Spread way, Spread loop) {
        return String.format("%.0fx", way.median() / loop.median());
    }
}
