///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 03, processes: a child JVM per cat, what a process costs, a process pool, isolation, CPU-bound work on threads vs processes.

// What it shows: the note's cataas.py, multiprocessing part. A child process per cat works, but each one is a
// whole JVM to start; a pool of long-lived worker JVMs pays that once; a child's crash or hang stays in the
// child (and a hang is ended: SIGTERM, then SIGKILL); and Java threads, unlike Python's, use every core for
// CPU-bound work. Starting, waiting and pooling are written out below; the lib holds the children's mains
// (course.procs.CatFetch, PoolWorker, Mischief, PrimeCount) and the plumbing (JavaLauncher, Transcript, Worker).
//
// Run it:  jbang processes               (from the repo root, after ./course setup)
//          jbang scripts/Lesson03Processes.java --count 8 --workers 3
//          jbang processes --url https://cataas.com/cat     (the real site; needs the internet)
//
// Seen on a 2-core cloud VM shared with other builds (load average ~4), JDK 25, 6 cats at 150 ms:
// a no-op child JVM 75 ms to start and end, a platform thread 0.14 ms, a virtual thread 0.03 ms (2330x less);
// sequential 0.91 s, a thread per cat 0.18 s, a process per cat 2.4 s (each child ~2.6 s old when done),
// a pool of 2 worker JVMs 1.2 s; crashes exit 1 / 3 / 1 (OOM), a hang 143 (SIGTERM), a stubborn one 137 (SIGKILL);
// primes below 3,000,000: 1 thread 0.33 s, 2 threads 0.23 s (1.4x), 2 child JVMs 0.28 s (1.2x).

import course.cats.CatBatch;
import course.cats.CatClient;
import course.cats.CatSource;
import course.cli.Args;
import course.cli.Cli;
import course.procs.*;
import course.show.Table;
import course.show.Timing;
import course.timeline.Timeline;
import course.timeline.TimelineText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

class Lesson03Processes {

    static final String USAGE = """
            Lesson 03, processes: child JVMs per cat, their cost, a process pool, isolation, CPU-bound work.

            usage: jbang processes [--count N] [--workers K] [--url URL] [--out DIR] [--latency MS]
              --count N       cats per way, 1-32 (default 6); each costs a child JVM
              --workers K     worker JVMs in the process pool, 1-8 (default 2)
              --url URL       download from URL instead of the embedded cat server, e.g. https://cataas.com/cat
              --out DIR       where the cats go (default cats/03-processes)
              --latency MS    the embedded server's latency, 0-5000 ms (default 150)
            """;

    /** For children that live a second or less: the quick JIT only and the simplest GC start cheaper. */
    static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    // 1. The note's loop: start a child JVM per cat, then wait for each; no child outlives this method.
    static List<Process> processPerCat(int count, String url, Path folder, List<Transcript> transcripts) throws Exception {
        List<Process> children = new ArrayList<>();
        try {
            for (int cat = 0; cat < count; cat++) {
                Process child = new ProcessBuilder(JavaLauncher.command(QUICK, CatFetch.class, url, folder.resolve("cat-" + cat).toString()))
                        .redirectInput(JavaLauncher.NO_STDIN)   // nothing to read: it can never wait on us
                        .redirectErrorStream(true)
                        .start();
                children.add(child);
                transcripts.add(Transcript.capture(child));      // reads its output as it comes: a full pipe never blocks it
            }
            for (Process child : children) {
                if (!child.waitFor(60, TimeUnit.SECONDS)) throw new TimeoutException("child " + child.pid() + " still running after 60 s");
            }
            return children;
        } finally {
            Termination.endAll(children, Duration.ofSeconds(1));  // SIGTERM to all still running, then SIGKILL
        }
    }

    // 3. A process pool: one thread of ours per worker JVM, each feeding its worker tasks from a shared queue.
    static List<String> processPool(List<String> tasks, int workers, Timeline timeline) throws InterruptedException {
        var queue = new ConcurrentLinkedQueue<>(tasks);
        var replies = new ConcurrentLinkedQueue<String>();
        List<Thread> feeders = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                String lane = "worker " + w;
                Thread feeder = new Thread(() -> {
                    try {
                        Worker worker;
                        try (var span = timeline.span(lane, "JVM start")) {
                            worker = Worker.start(JavaLauncher.command(QUICK, PoolWorker.class));
                        }
                        try (worker) {  // closing its stdin ends it: it reads the end of its input and exits
                            for (String task = queue.poll(); task != null; task = queue.poll()) {
                                try (var span = timeline.span(lane, "cat " + task.substring(task.lastIndexOf('-') + 1))) {
                                    replies.add("[" + worker.pid() + "] " + worker.ask(task, Duration.ofSeconds(30)));
                                }
                            }
                        }
                    } catch (Exception e) {
                        replies.add(lane + " failed: " + e.getMessage());
                    }
                }, lane);
                feeder.start();
                feeders.add(feeder);
            }
            for (Thread feeder : feeders) feeder.join();
        } finally {
            for (Thread feeder : feeders) feeder.interrupt();  // only if we were interrupted: ends their waits, closes workers
            for (Thread feeder : feeders) feeder.join(5_000);
        }
        return List.copyOf(replies);
    }

    // 5. CPU-bound: the same count split into shares, on threads and in child JVMs.
    static long countOnThreads(long limit, int shares) throws InterruptedException {
        long[] counts = new long[shares];  // each thread writes its own slot; join() publishes it
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < shares; s++) {
            int share = s;
            threads.add(Thread.ofPlatform().name("primes-" + s).start(() -> counts[share] = PrimeCount.countShare(limit, share, shares)));
        }
        for (Thread thread : threads) thread.join();
        return Arrays.stream(counts).sum();
    }

    static long countInProcesses(long limit, int shares) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Transcript> outputs = new ArrayList<>();
        try {
            for (int s = 0; s < shares; s++) {  // no QUICK: these compute for a while, C2 pays off
                children.add(new ProcessBuilder(JavaLauncher.command(PrimeCount.class, "" + limit, "" + s, "" + shares))
                        .redirectInput(JavaLauncher.NO_STDIN).redirectErrorStream(true).start());
                outputs.add(Transcript.capture(children.getLast()));
            }
            long total = 0;
            for (int s = 0; s < shares; s++) {
                if (!children.get(s).waitFor(60, TimeUnit.SECONDS) || children.get(s).exitValue() != 0) {
                    throw new IllegalStateException("child " + children.get(s).pid() + " failed: " + outputs.get(s));
                }
                total += Long.parseLong(outputs.get(s).lines().getLast().replaceFirst("^\\[[0-9]+\\] ", ""));
            }
            return total;
        } finally {
            Termination.endAll(children, Duration.ofSeconds(1));
        }
    }

    public static void main(String... argv) {
        Descendants.endOnExit();  // Ctrl+C or SIGTERM: our children are ended too, not orphaned
        Cli.main("processes", USAGE, List.of("help"), argv, Lesson03Processes::run);
    }

    static int run(Args args) throws Exception {
        int count = args.integer("count", 6, 1, 32);
        int workers = args.integer("workers", 2, 1, 8);
        String url = args.url("url", null);
        Path out = args.writableFolder("out", Path.of("cats", "03-processes"));
        Duration latency = args.millis("latency", Duration.ofMillis(150), 0, 5000);
        args.noneLeft();
        int cores = Runtime.getRuntime().availableProcessors();

        try (var source = CatSource.of(url, latency); var client = new CatClient()) {
            System.out.println("Cats from " + source + "; " + count + " per way. This JVM is pid " + ProcessHandle.current().pid()
                    + " on " + cores + " cores; children run " + JavaLauncher.java());
            client.download(source.url(), Files.createDirectories(out));  // warm-up, and a clear error if the site is down

            System.out.println("\n1. A child JVM per cat (each line prefixed by the child's pid):");
            List<Transcript> transcripts = new ArrayList<>();
            long start = System.nanoTime();
            var children = processPerCat(count, source.url(), Files.createDirectories(out.resolve("process-per-cat")), transcripts);
            double perCatMs = ms(start);
            for (Transcript t : transcripts) t.lines().forEach(line -> System.out.println("  " + line));
            System.out.println("  exit codes " + children.stream().map(Process::exitValue).toList());
            int failed = (int) children.stream().filter(c -> c.exitValue() != 0).count();

            System.out.println("\n2. What a process costs (start it, wait for it to end; median of several):");
            double jvm = Timing.micros(5, () -> ChildRun.run(JavaLauncher.command(QUICK, NoOp.class), Duration.ofSeconds(30))).median();
            double platform = Timing.micros(200, () -> Thread.ofPlatform().start(() -> { }).join()).median();
            double virtual = Timing.micros(200, () -> Thread.ofVirtual().start(() -> { }).join()).median();
            var costs = new Table("a no-op", "median µs", "x a virtual thread");
            costs.row("child JVM", Math.round(jvm), String.format("%.0fx", jvm / virtual));
            costs.row("platform thread", Math.round(platform), String.format("%.0fx", platform / virtual));
            costs.row("virtual thread", Math.round(virtual), "1x");
            System.out.print(costs.note("measured one after another; " + Timing.load() + " (a shared machine: expect noise)"));

            var sequential = new CatBatch(client, source.url(), Files.createDirectories(out.resolve("sequential")), Timeline.start());
            start = System.nanoTime();
            for (int cat = 0; cat < count; cat++) sequential.fetch(cat);
            double sequentialMs = ms(start);
            var threaded = new CatBatch(client, source.url(), Files.createDirectories(out.resolve("threads")), Timeline.start());
            start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int cat = 0; cat < count; cat++) {
                int n = cat;
                threads.add(Thread.ofPlatform().name("cat-thread-" + n).start(() -> threaded.fetch(n)));
            }
            for (Thread thread : threads) thread.join();
            double threadsMs = ms(start);
            failed += sequential.failures().size() + threaded.failures().size();

            System.out.println("\n3. A pool of " + workers + " worker JVMs, fed one line per task:");
            Path poolFolder = Files.createDirectories(out.resolve("pool"));
            List<String> tasks = new ArrayList<>();
            for (int cat = 0; cat < count; cat++) tasks.add("cat " + source.url() + " " + poolFolder.resolve("cat-" + cat));
            var timeline = Timeline.start();
            start = System.nanoTime();
            var replies = processPool(tasks, workers, timeline);
            double poolMs = ms(start);
            timeline.stop();
            replies.forEach(reply -> System.out.println("  " + reply));
            failed += (int) replies.stream().filter(r -> !r.contains("] ok ")).count();
            System.out.print(TimelineText.render(timeline));

            var ways = new Table("way", "workers", "JVMs started", "wall ms", "speed-up", "ideal ms");
            long l = source.latency().map(Duration::toMillis).orElse(-1L);
            ways.row("sequential", 1, 0, Math.round(sequentialMs), "1.0x", l < 0 ? "-" : "" + l * count);
            ways.row("thread per cat", count, 0, Math.round(threadsMs), String.format("%.1fx", sequentialMs / threadsMs), l < 0 ? "-" : "" + l);
            ways.row("process per cat", count, count, Math.round(perCatMs), String.format("%.1fx", sequentialMs / perCatMs), l < 0 ? "-" : "" + l);
            ways.row("pool of " + workers, workers, workers, Math.round(poolMs), String.format("%.1fx", sequentialMs / poolMs),
                    l < 0 ? "-" : "" + l * ((count + workers - 1) / workers));
            System.out.print("\n" + ways.note("ideal = latency x ceil(N / workers); measured once; " + Timing.load() + " (a shared machine: expect noise)"));

            System.out.println("\n4. Isolation: children that crash or hang (1 s limit, then SIGTERM, then SIGKILL):");
            var isolation = new Table("child", "pid", "how it ended", "its last words");
            for (String what : List.of("fine", "throw", "exit 3", "oom", "hang", "stubborn")) {
                var options = new ArrayList<>(QUICK);
                options.add("-Xmx16m");
                var run = ChildRun.run(JavaLauncher.command(options, Mischief.class, what.split(" ")), Duration.ofSeconds(1));
                isolation.row(what, run.pid(), run.outcome(), run.lastWords());
            }
            System.out.print(isolation);

            System.out.println("\n5. CPU-bound: primes below 3,000,000 in " + cores + " shares:");
            long limit = 3_000_000;
            start = System.nanoTime();
            long primes = 0;
            for (int s = 0; s < cores; s++) primes += PrimeCount.countShare(limit, s, cores);
            double oneMs = ms(start);
            start = System.nanoTime();
            long onThreads = countOnThreads(limit, cores);
            double threadMs = ms(start);
            start = System.nanoTime();
            long inProcesses = countInProcesses(limit, cores);
            double processMs = ms(start);
            var cpu = new Table("way", "wall ms", "speed-up", "ideal", "primes found");
            cpu.row("one thread", Math.round(oneMs), "1.0x", "1.0x", primes);
            cpu.row(cores + " threads", Math.round(threadMs), String.format("%.1fx", oneMs / threadMs), cores + ".0x", onThreads);
            cpu.row(cores + " child JVMs", Math.round(processMs), String.format("%.1fx", oneMs / processMs), cores + ".0x", inProcesses);
            System.out.print(cpu.note("Java threads use every core; Python's threads take turns under the GIL, hence the note's processes;\n" + Timing.load() + " (a shared machine: expect noise)"));

            long alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
            System.out.println(alive == 0 ? "\nNo child process left: ProcessHandle.current().descendants() is empty."
                    : "\n" + alive + " child processes still alive!");
            if (alive > 0) return 1;
            if (failed > 0) System.out.println(failed + " downloads failed.");
            return failed > 0 ? 1 : 0;
        }
    }

    static double ms(long startNanos) {
        return Timing.millisSince(startNanos);
    }
}
