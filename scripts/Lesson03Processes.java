///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/src/main/java/**/*.java
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//DESCRIPTION Lesson 03, processes: a child JVM per cat, what a process costs, a process pool, isolation, CPU-bound work on threads vs processes.

// What it shows: the note's cataas.py, multiprocessing part. A child process per cat works, but each one is a
// whole JVM to start; a pool of long-lived worker JVMs pays that once; a child's crash or hang stays in the
// child (and a hang is ended: SIGTERM, then SIGKILL); and Java threads, unlike Python's, use every core for
// CPU-bound work. Starting, waiting and pooling are written out below, between the tag:: and end:: lines that
// notebooks/03_processes.ipynb shows; the lib holds the children's mains (course.procs.CatFetch, PoolWorker,
// Mischief, PrimeCount, NoOp) and the plumbing (JavaLauncher, Transcript, Termination, Worker, ChildRun).
//
// Run it:  jbang processes               (from the repo root; needs only a JDK 25 and jbang)
//          jbang scripts/Lesson03Processes.java --count 8 --workers 3
//          jbang processes --url https://cataas.com/cat     (the real site; needs the internet)
//          jbang processes --help
//
// What it printed on this project's machine: the stored outputs of notebooks/03_processes.ipynb (the same code)
// and BENCHMARKS.md (this script, run by ./course bench). No figure here is copied from a run by hand.

import course.cats.CatBatch;
import course.cats.CatClient;
import course.lesson.Lesson;
import course.lesson.Options;
import course.lesson.Results;
import course.procs.*;
import course.show.Spread;
import course.show.Table;
import course.show.Timing;
import course.timeline.Timeline;
import course.timeline.TimelineText;
import course.watch.Leftovers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;

final Options OPTIONS = Options.of("processes",
        "Lesson 03, processes: a child JVM per cat, what it costs, a process pool, isolation, CPU-bound work.")
        .integer("count", 6, 1, 32, "cats per way; each costs a child JVM")
        .integer("workers", 2, 1, 8, "worker JVMs in the process pool")
        .folder("out", Path.of("cats", "03-processes"), "where the cats go")
        .cats();

void main(String... argv) {
    Descendants.endOnExit();  // Ctrl+C or SIGTERM: our children are ended too, not orphaned
    Lesson.main(OPTIONS, argv, this::story);
}

int story(Options.Given given) throws Exception {
    var leftovers = Leftovers.baseline();  // at the end: no thread and no child process of the lesson may be left
    int n = given.integer("count"), workers = given.integer("workers"), cores = Runtime.getRuntime().availableProcessors();
    Path out = Files.createDirectories(given.folder("out"));
    var source = given.cats();
    int failed;
    try (var client = new CatClient()) {
        System.out.println("Cats from " + source + "; " + n + " per way. This JVM is pid " + ProcessHandle.current().pid()
                + " on " + cores + " cores; children run " + JavaLauncher.java());
        client.download(source.url(), out);  // one warm-up cat: fails early if the site is down

        System.out.println("\n1. A child JVM per cat, started, then waited for (each line prefixed by the child's pid):");
        long start = System.nanoTime();
        var children = processPerCat(n, source.url(), Files.createDirectories(out.resolve("process-per-cat")));
        double perCatMs = Timing.millisSince(start);
        for (Child child : children) {
            child.transcript().lines().forEach(line -> System.out.println("  " + line));
            Results.record("child", Map.of("cat", child.cat(), "pid", child.process().pid(), "exit", child.process().exitValue(),
                    "output", child.transcript().lines()));
        }
        System.out.printf("  %d children in %.0f ms; exit codes %s%n", n, perCatMs, children.stream().map(c -> c.process().exitValue()).toList());

        System.out.println("\n2. What a process costs: start one that does nothing, wait for it to end");
        var costs = startCosts(5, 200);
        System.out.print(costTable(costs));
        for (Cost cost : costs) Results.measure("start µs", cost.micros().median(), Map.of("what", cost.what()));

        System.out.println("\n3. The same cats one after another, a thread per cat, a process per cat, and a pool of "
                + workers + " worker JVMs fed one line per task:");
        List<Way> ways = new ArrayList<>();
        ways.add(sequential(client, source.url(), Files.createDirectories(out.resolve("sequential")), n));
        ways.add(threadPerCat(client, source.url(), Files.createDirectories(out.resolve("threads")), n));
        ways.add(processPerCatWay(children, perCatMs));
        var pool = processPool(catTasks(source.url(), Files.createDirectories(out.resolve("pool")), n), workers);
        pool.replies().forEach(reply -> System.out.println("  " + reply));
        Results.record("pool", Map.of("workers", workers, "replies", pool.replies()));
        System.out.print(TimelineText.render(pool.timeline()));
        ways.add(pool.way());
        System.out.print(waysTable(ways, source.latency(), n));
        for (Way way : ways) Results.measure("wall ms", way.wallMs(), Map.of("way", way.name(), "cats", n));
        failed = ways.stream().mapToInt(Way::failed).sum();

        System.out.println("\n   When a worker breaks:");
        for (String said : breakWorkers()) {
            System.out.println("  " + said);
            Results.record("worker", Map.of("said", said));
        }

        System.out.println("\n4. Isolation: children that crash or hang (a 1 s limit, then SIGTERM, then SIGKILL "
                + ChildRun.GRACE.toMillis() + " ms later):");
        var mishaps = misbehave(MISCHIEF, Duration.ofSeconds(1));
        System.out.print(isolationTable(mishaps));
        for (Mishap m : mishaps) {
            Results.record("mischief", Map.of("what", m.what(), "ending", m.run().ending().name(), "exit", m.run().exitCode(),
                    "ms", m.run().took().toMillis(), "last words", m.run().lastWords()));
        }
        System.out.println("...and this JVM, pid " + ProcessHandle.current().pid() + ", is still here.");

        System.out.println("\n5. CPU-bound: the primes below 3,000,000 in " + cores + " shares:");
        var cpu = countPrimes(3_000_000, cores);
        System.out.print(cpuTable(cpu, 3_000_000));
        for (CpuWay way : cpu) {
            Results.measure("primes ms", way.wallMs(), Map.of("way", way.way(), "workers", way.workers()));
            Results.record("primes", Map.of("way", way.way(), "workers", way.workers(), "found", way.primes()));
        }
        System.out.println("The same count in Python, on one thread and on two (with its GIL on, they take turns):");
        pythonThreads().forEach(line -> System.out.println("  " + line));
    }
    System.out.println();
    leftovers.check();  // waits up to 2 s for stragglers, then throws, naming what this lesson left running
    Results.record("left running", Map.of("found", leftovers.found()));
    if (failed > 0) System.out.println(failed + " downloads failed.");
    return failed > 0 ? 1 : 0;
}

// tag::perCat[]
/** For children that live a second or less: only the quick JIT (C1) and the simplest GC, so they start cheaper. */
List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

record Child(int cat, Process process, Transcript transcript, Path file) {}

/** The note's loop: start a child JVM per cat, then wait for each one. No child outlives this method. */
List<Child> processPerCat(int n, String url, Path folder) throws Exception {
    List<Child> children = new ArrayList<>();
    try {
        for (int cat = 0; cat < n; cat++) {
            Path file = folder.resolve("cat-" + cat);
            var builder = new ProcessBuilder(JavaLauncher.command(QUICK, CatFetch.class, url, file.toString()))
                    .redirectInput(JavaLauncher.NO_STDIN)    // /dev/null: nothing to read, nothing to wait for
                    .redirectErrorStream(true);              // its stderr joins its stdout
            Process process = builder.start();               // process.start(): the child runs from here on
            // read its output as it comes: a child whose pipe is full blocks until someone reads it
            children.add(new Child(cat, process, Transcript.capture(process), file));
        }
        for (Child child : children) {                       // process.join(), with a bound
            if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
                throw new TimeoutException("child " + child.process().pid() + " still running after 30 s");
            }
        }
        return children;
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();                  // keep the interrupt: the finally then kills without grace
        throw e;
    } finally {                                              // a timeout, an exception, an interrupt: end them all
        Termination.endAll(children.stream().map(Child::process).toList(), Duration.ofSeconds(1));
    }
}
// end::perCat[]

// tag::cost[]
/** Starts a JVM that does nothing (NoOp's main is empty) and waits for it to end. */
void noOpJvm() throws Exception {
    Process child = new ProcessBuilder(JavaLauncher.command(QUICK, NoOp.class))
            .redirectInput(JavaLauncher.NO_STDIN).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true)
            .start();
    try {
        if (!child.waitFor(30, TimeUnit.SECONDS)) throw new TimeoutException("a no-op JVM still running after 30 s");
    } finally {
        Termination.end(child, Duration.ofSeconds(1));
    }
}

record Cost(String what, Spread micros) {}

/** Python's os.fork(): a copy of the running python3 that exits at once, waited for; timed by Python itself, in µs. */
String FORK = """
import os, statistics, sys, time
took = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    took.append((time.perf_counter() - start) * 1e6)
print(len(took), statistics.median(took), min(took), max(took))
""";

/** The fork's cost in a python3 child, if there is a python3 here (a JVM cannot fork: it starts a new program). */
Optional<Cost> pythonFork(int runs) throws InterruptedException {
    try {
        var run = ChildRun.run(List.of("python3", "-c", FORK, String.valueOf(runs)), Duration.ofSeconds(20));
        String[] said = run.lastWords().split(" ");          // "runs median min max"
        if (run.exitCode() != 0 || said.length != 4) return Optional.empty();
        return Optional.of(new Cost("python3 os.fork()", new Spread(Integer.parseInt(said[0]),
                Double.parseDouble(said[1]), Double.parseDouble(said[2]), Double.parseDouble(said[3]))));
    } catch (IOException e) {
        return Optional.empty();                             // no python3: no fork to compare with
    }
}

/** Each started and waited for, run after run; Timing.micros keeps the median, fastest and slowest. */
List<Cost> startCosts(int jvmRuns, int threadRuns) throws Exception {
    List<Cost> costs = new ArrayList<>();
    costs.add(new Cost("child JVM", Timing.micros(jvmRuns, () -> noOpJvm())));
    pythonFork(4 * jvmRuns).ifPresent(costs::add);
    costs.add(new Cost("platform thread", Timing.micros(threadRuns, () -> {
        Thread thread = new Thread(() -> {});
        thread.start();
        thread.join();
    })));
    costs.add(new Cost("virtual thread", Timing.micros(threadRuns, () -> Thread.startVirtualThread(() -> {}).join())));
    return costs;
}

Table costTable(List<Cost> costs) {
    double virtual = costs.getLast().micros().median();
    var table = new Table("start + wait for a no-op", "runs", "median µs", "min µs", "max µs", "x a virtual thread");
    for (Cost cost : costs) {
        var t = cost.micros();
        table.row(cost.what(), t.runs(), Math.round(t.median()), Math.round(t.min()), Math.round(t.max()),
                String.format("%.0fx", t.median() / virtual));
    }
    table.note("measured just now, one after another; the first runs include warm-up, hence the max column; " + Timing.load());
    return table.note(costs.stream().anyMatch(c -> c.what().startsWith("python3"))
            ? "python3 os.fork(): timed inside python3 (fork, the copy exits at once, waitpid)"
            : "no python3 here: no fork to compare with");
}
// end::cost[]

// tag::ways[]
record Way(String name, int workers, int jvmStarts, double wallMs, int failed) {}

/** Lesson 02's baseline: one cat after another on this thread. */
Way sequential(CatClient client, String url, Path folder, int n) {
    var batch = new CatBatch(client, url, folder, Timeline.start());
    long start = System.nanoTime();
    for (int cat = 0; cat < n; cat++) batch.fetch(cat);
    return new Way("sequential", 1, 0, Timing.millisSince(start), batch.failures().size());
}

/** Lesson 02's thread per cat: the downloads wait in parallel, inside this one JVM. */
Way threadPerCat(CatClient client, String url, Path folder, int n) throws InterruptedException {
    var batch = new CatBatch(client, url, folder, Timeline.start());
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int cat = 0; cat < n; cat++) {
        int i = cat;
        Thread thread = new Thread(() -> batch.fetch(i), "cat-thread-" + i);
        thread.start();
        threads.add(thread);
    }
    for (Thread thread : threads) thread.join();
    return new Way("thread per cat", n, 0, Timing.millisSince(start), batch.failures().size());
}

/** Part 1 as a way: a JVM started per cat; a child that did not exit with 0 did not fetch its cat. */
Way processPerCatWay(List<Child> children, double wallMs) {
    int failed = (int) children.stream().filter(c -> c.process().exitValue() != 0).count();
    return new Way("process per cat", children.size(), children.size(), wallMs, failed);
}

Table waysTable(List<Way> ways, Optional<Duration> latency, int n) {
    var table = new Table("way", "workers", "JVMs started", "wall ms", "speed-up", "ideal ms", "wall / ideal");
    double sequentialMs = ways.getFirst().wallMs();
    for (Way w : ways) {
        // ideal: one round trip per wave of downloads, and n cats on w workers take ceil(n / w) waves
        var ideal = latency.map(l -> l.toMillis() * ((n + w.workers() - 1) / w.workers())).filter(ms -> ms > 0);
        table.row(w.name(), w.workers(), w.jvmStarts(), Math.round(w.wallMs()), String.format("%.1fx", sequentialMs / w.wallMs()),
                ideal.map(String::valueOf).orElse("-"), ideal.map(ms -> String.format("%.1f", w.wallMs() / ms)).orElse("-"));
    }
    return table.note("measured once in this run on a shared machine; " + Timing.load() + "; ideal = latency x ceil(N / workers)");
}
// end::ways[]

// tag::pool[]
record Task(String label, String line) {}

/** What a pool run did: its wall time, who did what when, and one reply per task ("[pid] cat 3: ok ..."). */
record PoolRun(int workers, int tasks, double wallMs, Timeline timeline, List<String> replies) {
    int failed() {
        return tasks - (int) replies.stream().filter(reply -> reply.contains(": ok ")).count();
    }

    Way way() {
        return new Way("worker pool", workers, workers, wallMs, failed());
    }
}

/** One task per cat, in the worker's protocol: "cat <url> <file>" (TaskLine escapes a space in the path). */
List<Task> catTasks(String url, Path folder, int n) {
    List<Task> tasks = new ArrayList<>();
    for (int cat = 0; cat < n; cat++) tasks.add(new Task("cat " + cat, TaskLine.of("cat", url, folder.resolve("cat-" + cat).toString())));
    return tasks;
}

/** A process pool: one thread of ours per worker JVM, each feeding its worker tasks from one shared queue. */
PoolRun processPool(List<Task> tasks, int workers) throws InterruptedException {
    var queue = new ConcurrentLinkedQueue<>(tasks);
    var replies = new ConcurrentLinkedQueue<String>();
    var timeline = Timeline.start();
    List<Thread> feeders = new ArrayList<>();
    long start = System.nanoTime();
    try {
        for (int w = 0; w < workers; w++) {
            String lane = "worker " + w;
            Thread feeder = new Thread(() -> {
                Worker worker = null;
                try {
                    try (var span = timeline.span(lane, "JVM start, until 'ready'")) {
                        worker = Worker.start(JavaLauncher.command(QUICK, PoolWorker.class));
                    }
                    boolean first = true;                    // after 'ready' the worker builds its HTTP client: in task 1
                    for (Task task = queue.poll(); task != null; task = queue.poll(), first = false) {
                        try (var span = timeline.span(lane, task.label() + (first ? " + client start-up" : ""))) {
                            String reply = worker.ask(task.line(), Duration.ofSeconds(20));
                            replies.add("[" + worker.pid() + "] " + task.label() + ": " + reply);
                        }
                    }
                } catch (Exception e) {
                    replies.add("❌ " + lane + ": " + e.getMessage());
                } finally {
                    if (worker != null) worker.close();      // closes its stdin: it reads the end of its input and exits
                }
            }, lane);
            feeder.start();
            feeders.add(feeder);
        }
        for (Thread feeder : feeders) feeder.join();
    } finally {
        for (Thread feeder : feeders) feeder.interrupt();    // matters only if we were interrupted: ends their waits
        for (Thread feeder : feeders) feeder.join(5_000);
    }
    double wallMs = Timing.millisSince(start);
    timeline.stop();
    return new PoolRun(workers, tasks.size(), wallMs, timeline, List.copyOf(replies));
}
// end::pool[]

// tag::broken[]
/** One task for a fresh worker: its reply, or the WorkerException that says how the worker broke. */
String whatHappens(String task, Duration timeout) throws Exception {
    try (Worker worker = Worker.start(JavaLauncher.command(QUICK, PoolWorker.class))) {
        return String.format("%-15s -> %s", task, worker.ask(task, timeout));
    } catch (WorkerException e) {
        return String.format("%-15s -> WorkerException: %s", task, e.getMessage());
    }
}

/** A task that works, and three that break their worker on purpose. */
List<String> breakWorkers() throws Exception {
    return List.of(
            whatHappens("primes 1000 0 1", Duration.ofSeconds(10)),
            whatHappens("garble", Duration.ofSeconds(10)),       // answers "meow?"
            whatHappens("exit 3", Duration.ofSeconds(10)),       // System.exit(3) in the middle of the task
            whatHappens("sleep 60000", Duration.ofSeconds(1)));  // outlasts our limit
}
// end::broken[]

// tag::isolation[]
/** Ways for a child to go wrong (Mischief in the lib): none of them may take this JVM down, or hang it. A word that starts with -XX: is a JVM option. */
List<String> MISCHIEF = List.of("fine", "throw", "exit 3", "oom", "oom-thread", "-XX:+ExitOnOutOfMemoryError oom-thread", "hang", "stubborn");

record Mishap(String what, ChildRun run) {}

/** Runs each child alone; past its timeout ChildRun ends it: destroy() (SIGTERM), then destroyForcibly() (SIGKILL). */
List<Mishap> misbehave(List<String> whats, Duration timeout) throws Exception {
    List<Mishap> mishaps = new ArrayList<>();
    for (String what : whats) {
        var options = new ArrayList<>(QUICK);
        options.add("-Xmx16m");                              // a small heap, for the children that eat memory
        var words = Arrays.stream(what.split(" ")).collect(java.util.stream.Collectors.partitioningBy(w -> w.startsWith("-XX:")));
        options.addAll(words.get(true));
        var command = JavaLauncher.command(options, Mischief.class, words.get(false).toArray(String[]::new));
        mishaps.add(new Mishap(what, ChildRun.run(command, timeout)));
    }
    return mishaps;
}

Table isolationTable(List<Mishap> mishaps) {
    var table = new Table("child", "pid", "how it ended", "ms", "its last words");
    for (Mishap m : mishaps) table.row(m.what(), m.run().pid(), m.run().outcome(), m.run().took().toMillis(), m.run().lastWords());
    return table;
}
// end::isolation[]

// tag::cpu[]
/** The baseline: every share, one after another, on this thread. */
long countOnOneThread(long limit, int shares) {
    long found = 0;
    for (int s = 0; s < shares; s++) found += PrimeCount.countShare(limit, s, shares);
    return found;
}

long countOnThreads(long limit, int shares) throws InterruptedException {
    long[] counts = new long[shares];                        // each thread writes only its own slot; join() publishes it
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < shares; s++) {
        int share = s;
        Thread thread = new Thread(() -> counts[share] = PrimeCount.countShare(limit, share, shares), "primes-" + s);
        thread.start();
        threads.add(thread);
    }
    for (Thread thread : threads) thread.join();
    return Arrays.stream(counts).sum();
}

long countInProcesses(long limit, int shares) throws Exception {
    List<Process> children = new ArrayList<>();
    List<Transcript> outputs = new ArrayList<>();
    try {
        for (int s = 0; s < shares; s++) {
            // no QUICK here: this child computes for a while, and the optimizing compiler (C2) pays off
            Process child = new ProcessBuilder(JavaLauncher.command(PrimeCount.class, "" + limit, "" + s, "" + shares))
                    .redirectInput(JavaLauncher.NO_STDIN).redirectErrorStream(true).start();
            children.add(child);
            outputs.add(Transcript.capture(child));
        }
        long total = 0;
        for (int s = 0; s < shares; s++) {
            Process child = children.get(s);
            if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
                throw new IllegalStateException("child " + child.pid() + " failed: " + outputs.get(s));
            }
            // its one line of output is its count: "[pid] 108407"
            total += Long.parseLong(outputs.get(s).lines().getLast().replaceFirst("^\\[[0-9]+\\] ", ""));
        }
        return total;
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();                  // the finally then kills without grace
        throw e;
    } finally {
        Termination.endAll(children, Duration.ofSeconds(1));
    }
}

record CpuWay(String way, int workers, double wallMs, long primes) {}

List<CpuWay> countPrimes(long limit, int shares) throws Exception {
    countOnOneThread(limit / 10, shares);                    // warm-up: the JIT compiles isPrime before anything is timed
    List<CpuWay> ways = new ArrayList<>();
    long start = System.nanoTime();
    long found = countOnOneThread(limit, shares);
    ways.add(new CpuWay("one thread", 1, Timing.millisSince(start), found));
    start = System.nanoTime();
    found = countOnThreads(limit, shares);
    ways.add(new CpuWay("threads", shares, Timing.millisSince(start), found));
    start = System.nanoTime();
    found = countInProcesses(limit, shares);
    ways.add(new CpuWay("processes", shares, Timing.millisSince(start), found));
    return ways;
}

Table cpuTable(List<CpuWay> ways, long limit) {
    int cores = Runtime.getRuntime().availableProcessors();
    double oneThreadMs = ways.getFirst().wallMs();
    var table = new Table("way", "workers", "wall ms", "speed-up", "ideal", "primes found");
    for (CpuWay w : ways) {
        table.row(w.way(), w.workers(), Math.round(w.wallMs()), String.format("%.1fx", oneThreadMs / w.wallMs()),
                Math.min(w.workers(), cores) + ".0x", w.primes());
    }
    return table.note("primes below " + limit + "; measured once in this run, on a shared machine; " + Timing.load());
}
// end::cpu[]

// tag::python[]
/** The same count in Python, on one thread and on two: a child process too, "python3 -c ...". */
String PYTHON = """
import sys, threading, time
def count(limit, share, shares):
    found = 0
    for block in range(share * 10000, limit, shares * 10000):
        for n in range(max(2, block), min(limit, block + 10000)):
            d = 2
            while d * d <= n and n % d:
                d += 1
            found += d * d > n
    return found
def timed(threads, limit=120000):
    start = time.perf_counter()
    workers = [threading.Thread(target=count, args=(limit, s, threads)) for s in range(threads)]
    for w in workers: w.start()
    for w in workers: w.join()
    return (time.perf_counter() - start) * 1000
one, two = timed(1), timed(2)
gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print(f"python {sys.version.split()[0]}, GIL {'on' if gil else 'off'}: 1 thread {one:.0f} ms, 2 threads {two:.0f} ms, speed-up {one / two:.2f}x")
""";

List<String> pythonThreads() throws InterruptedException {
    try {
        return ChildRun.run(List.of("python3", "-c", PYTHON), Duration.ofSeconds(20)).output();
    } catch (IOException e) {
        return List.of("no python3 here (" + e.getMessage() + "): nothing to compare");
    }
}
// end::python[]
