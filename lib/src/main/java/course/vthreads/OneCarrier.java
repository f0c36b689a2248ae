package course.vthreads;

import course.show.Table;
import course.timeline.Timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of lesson 01: two virtual threads on as few carriers as the scheduler is given. A
 * <b>ticker</b> ticks every 10 ms (1 ms of work, then {@code Thread.sleep}); after 100 ms a <b>hog</b>
 * starts and, depending on the scenario, spins on the CPU, sleeps, or sleeps inside {@code synchronized}.
 * Run it with {@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}
 * and the ticker can only run when the hog gives the one carrier up.
 *
 * <pre>
 * java -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1 \
 *      -cp course-lib.jar course.vthreads.OneCarrier 600 spin sleep sleep-in-synchronized
 * </pre>
 *
 * It prints one line per event ({@code span <scenario> <lane> <startNanos> <endNanos> <label>}, times from the
 * child's start, the scenarios one after another) and ends by
 * itself: every hog is bounded by the hog time, and a watchdog halts the JVM if it ever runs past its
 * budget. {@link #read} turns those lines back into a {@link Report} with a {@link Timeline}.
 *
 * <p>Thread-safety: in the child, each virtual thread records into its own list, read by main after a
 * join; the stop flag is volatile. {@link Report} is immutable.
 */
public final class OneCarrier {

    /** What the hog does for its time. */
    public enum Hog {
        /** a busy loop: never blocks, so it never gives up its carrier */
        SPIN("spin", "spins on the CPU (never blocks)"),
        /** {@code Thread.sleep}: the virtual thread unmounts and frees its carrier */
        SLEEP("sleep", "sleeps (blocks)"),
        /** {@code Thread.sleep} holding a monitor: pinned to its carrier before JDK 24 (JEP 491) */
        SLEEP_IN_SYNCHRONIZED("sleep-in-synchronized", "sleeps inside synchronized");

        public final String id;
        public final String doing;

        Hog(String id, String doing) {
            this.id = id;
            this.doing = doing;
        }

        public static Hog of(String id) {
            return Arrays.stream(values()).filter(h -> h.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no hog '" + id + "'"));
        }
    }

    static final long TICK_PERIOD_MS = 10, TICK_WORK_NANOS = 1_000_000, LEAD_MS = 100, TAIL_MS = 100;

    private OneCarrier() {
    }

    // ------------------------------------------------------------------------------------- the child

    /** {@code OneCarrier <hogMillis> <scenario>...}, scenarios by {@link Hog#id}. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: OneCarrier <hogMillis> <scenario>... (spin, sleep, sleep-in-synchronized)");
            System.exit(2);
        }
        long hogMillis = Long.parseLong(args[0]);
        List<Hog> hogs = Arrays.stream(args, 1, args.length).map(Hog::of).toList();
        long budget = hogs.size() * (LEAD_MS + hogMillis + TAIL_MS) * 3 + 5_000;
        Thread.ofPlatform().daemon().name("one-carrier-watchdog").start(() -> {
            try {
                Thread.sleep(budget);
                System.err.println("OneCarrier ran past its budget of " + budget + " ms: halting");
                System.err.flush();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // main ended first
            }
        });
        System.out.println("jdk " + Runtime.version() + " parallelism "
                + System.getProperty("jdk.virtualThreadScheduler.parallelism", "default") + " cores "
                + Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();  // all times from here, so the scenarios follow each other on one timeline
        for (Hog hog : hogs) scenario(hog, hogMillis, t0);
        System.out.println("done");
    }

    private static volatile boolean stop;
    private static final Object MONITOR = new Object();

    private static void scenario(Hog hog, long hogMillis, long t0) throws InterruptedException {
        Set<String> carriers = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        List<long[]> ticks = new ArrayList<>();  // written by the ticker only, read after its join
        stop = false;
        Thread ticker = Thread.ofVirtual().name("ticker").start(() -> {
            while (!stop) {
                long start = System.nanoTime();
                carriers.add(carrierOf(Thread.currentThread()));
                while (System.nanoTime() - start < TICK_WORK_NANOS) Thread.onSpinWait();
                ticks.add(new long[] {start - t0, System.nanoTime() - t0});
                try {
                    Thread.sleep(TICK_PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread.sleep(LEAD_MS);
        AtomicLong hogStart = new AtomicLong(), hogEnd = new AtomicLong();
        Thread hogThread = Thread.ofVirtual().name("hog").start(() -> {
            hogStart.set(System.nanoTime() - t0);
            carriers.add(carrierOf(Thread.currentThread()));
            long end = System.nanoTime() + hogMillis * 1_000_000;
            try {
                switch (hog) {
                    case SPIN -> {
                        while (System.nanoTime() < end) Thread.onSpinWait();  // busy, never blocks
                    }
                    case SLEEP -> Thread.sleep(hogMillis);
                    case SLEEP_IN_SYNCHRONIZED -> {
                        synchronized (MONITOR) {
                            Thread.sleep(hogMillis);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hogEnd.set(System.nanoTime() - t0);
        });
        hogThread.join();
        Thread.sleep(TAIL_MS);
        stop = true;
        ticker.join();
        String label = switch (hog) {
            case SPIN -> "spin " + hogMillis + " ms";
            case SLEEP -> "sleep " + hogMillis + " ms";
            case SLEEP_IN_SYNCHRONIZED -> "sleep " + hogMillis + " ms in synchronized";
        };
        System.out.println("span " + hog.id + " hog " + hogStart.get() + " " + hogEnd.get() + " " + label);
        int n = 0;
        for (long[] tick : ticks) {
            System.out.println("span " + hog.id + " ticker " + tick[0] + " " + tick[1] + " tick " + n++);
        }
        System.out.println("carriers " + hog.id + " " + String.join(",", carriers));
    }

    /** "ForkJoinPool-1-worker-1" out of "VirtualThread[#22,ticker]/runnable@ForkJoinPool-1-worker-1". */
    private static String carrierOf(Thread virtual) {
        String s = virtual.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "?" : s.substring(at + 1);
    }

    // ------------------------------------------------------------------------------------- the parent

    /**
     * One scenario as the parent sees it.
     *
     * @param ticksWhileHogging the ticks that started while the hog ran
     * @param longestGapMs      the longest time between two ticks (the ideal is about 11 ms)
     * @param carriers          the carrier threads the two virtual threads were seen on
     */
    public record Result(Hog hog, double hogMs, int ticks, int ticksWhileHogging, double longestGapMs,
                         List<String> carriers) {
        /** The ticker waited at least half the hog's time: the hog kept the carrier. */
        public boolean starved() {
            return longestGapMs >= hogMs / 2;
        }
    }

    /**
     * What the child reported.
     *
     * @param jdk      the child's {@code Runtime.version()}
     * @param timeline the scenarios one after another on two lanes, "ticker" and "hog"
     */
    public record Report(String jdk, String parallelism, List<Result> results, Timeline timeline) {

        /** A row per scenario: what the hog did, the ticks it let through, the longest gap, the verdict. */
        public Table table() {
            var table = new Table("the hog", "ticks while it ran", "longest tick gap ms", "carriers seen", "the ticker");
            for (var r : results) {
                table.row(r.hog().doing, r.ticksWhileHogging(), r.longestGapMs(), String.join(" ", r.carriers()),
                        r.starved() ? "STARVED" : "kept ticking");
            }
            return table.note("ideal gap ~" + (TICK_PERIOD_MS + TICK_WORK_NANOS / 1_000_000) + " ms ("
                    + TICK_PERIOD_MS + " ms sleep + " + TICK_WORK_NANOS / 1_000_000 + " ms work); measured in the child JVM, expect noise");
        }
    }

    /**
     * Reads the child's output (lines may carry a {@code [pid] } prefix). Throws if the child did not
     * finish (no "done" line).
     */
    public static Report read(List<String> output) {
        List<String> lines = output.stream().map(l -> l.replaceFirst("^\\[[0-9]+\\] ", "")).toList();
        if (!lines.contains("done")) {
            throw new IllegalStateException("the child did not finish: " + String.join(" | ", lines));
        }
        String jdk = "?", parallelism = "?";
        record Span(String scenario, String lane, long start, long end, String label) {}
        List<Span> spans = new ArrayList<>();
        List<String> order = new ArrayList<>();
        var carriers = new java.util.HashMap<String, List<String>>();
        for (String line : lines) {
            String[] w = line.split(" ");
            if (line.startsWith("jdk ")) {
                jdk = w[1];
                parallelism = w[3];
            } else if (line.startsWith("span ")) {
                spans.add(new Span(w[1], w[2], Long.parseLong(w[3]), Long.parseLong(w[4]),
                        String.join(" ", Arrays.copyOfRange(w, 5, w.length))));
                if (!order.contains(w[1])) order.add(w[1]);
            } else if (line.startsWith("carriers ")) {
                carriers.put(w[1], w.length > 2 ? List.of(w[2].split(",")) : List.of());
            }
        }
        // Replay into a timeline on a clock we move by hand: lanes "ticker" and "hog", scenarios one after another
        long[] clock = {0};
        Timeline timeline = Timeline.start(() -> clock[0]);
        List<Span> byStart = spans.stream().sorted(java.util.Comparator.comparingLong(Span::start)).toList();
        List<Timeline.Span> open = new ArrayList<>();
        for (Span s : byStart) {
            clock[0] = s.start;
            open.add(timeline.span(s.lane, s.label));
        }
        long last = 0;
        for (int i = 0; i < byStart.size(); i++) {
            clock[0] = byStart.get(i).end;
            open.get(i).close();
            last = Math.max(last, byStart.get(i).end);
        }
        clock[0] = last + 20_000_000;
        timeline.stop();
        List<Result> results = new ArrayList<>();
        for (String scenario : order) {
            Span hog = spans.stream().filter(s -> s.scenario.equals(scenario) && s.lane.equals("hog")).findFirst().orElseThrow();
            long[] tickStarts = spans.stream().filter(s -> s.scenario.equals(scenario) && s.lane.equals("ticker"))
                    .mapToLong(Span::start).sorted().toArray();
            long longest = 0;
            for (int i = 1; i < tickStarts.length; i++) longest = Math.max(longest, tickStarts[i] - tickStarts[i - 1]);
            int during = (int) Arrays.stream(tickStarts).filter(t -> t >= hog.start && t < hog.end).count();
            results.add(new Result(Hog.of(scenario), (hog.end - hog.start) / 1e6, tickStarts.length, during,
                    longest / 1e6, carriers.getOrDefault(scenario, List.of())));
        }
        return new Report(jdk, parallelism, List.copyOf(results), timeline);
    }
}
