package course.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * How much does recording cost? Times a loop of {@link Timeline#mark(String)} and of
 * try-with-resources {@link Timeline#span(String)} on 1 and 2 threads, and prints min, median and
 * max nanoseconds per event over several repetitions (after warm-up repetitions that let the JIT
 * compile the recording path).
 *
 * <p>Run: {@code java -cp lib/target/classes course.timeline.TimelineOverhead [events] [repetitions]}
 */
public final class TimelineOverhead {

    private enum Operation {
        MARK("mark") {
            @Override void record(Timeline timeline, int events) {
                for (int i = 0; i < events; i++) timeline.mark("tick");
            }
        },
        SPAN("span (open + close)") {
            @Override void record(Timeline timeline, int events) {
                for (int i = 0; i < events; i++) {
                    try (var span = timeline.span("work")) {
                        // empty: only the recording is timed
                    }
                }
            }
        };

        final String description;

        Operation(String description) {
            this.description = description;
        }

        abstract void record(Timeline timeline, int events);
    }

    private record Settings(int events, int repetitions, int warmUps) {
        static Settings parse(String[] args) {
            int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
            int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
            return new Settings(events, repetitions, Math.max(1, repetitions / 2));
        }
    }

    public static void main(String[] args) throws Exception {
        var settings = Settings.parse(args);
        System.out.printf("%,d events per thread per repetition, %d repetitions after %d warm-ups%n",
                settings.events(), settings.repetitions(), settings.warmUps());
        System.out.printf("%-20s %7s %8s %8s %8s%n", "operation", "threads", "min ns", "median", "max ns");
        for (Operation operation : Operation.values()) {
            for (int threads : new int[] {1, 2}) {
                double[] perEvent = measure(operation, threads, settings);
                System.out.printf("%-20s %7d %8.1f %8.1f %8.1f%n", operation.description, threads,
                        perEvent[0], perEvent[perEvent.length / 2], perEvent[perEvent.length - 1]);
            }
        }
        System.out.println("""
                ns per event as seen by one recording thread (the slowest of them when there are two).
                Caveat: a shared, noisy machine; the spread between min and max says how much
                to trust the median. A span is two events, but it is timed as one.""");
    }

    /** Sorted ns per event, one per measured repetition. */
    private static double[] measure(Operation operation, int threads, Settings settings) throws Exception {
        List<Double> results = new ArrayList<>();
        for (int rep = 0; rep < settings.warmUps() + settings.repetitions(); rep++) {
            double nanosPerEvent = once(operation, threads, settings.events());
            if (rep >= settings.warmUps()) results.add(nanosPerEvent);
        }
        double[] sorted = results.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double once(Operation operation, int threads, int events) throws Exception {
        var timeline = Timeline.start();
        var ready = new CyclicBarrier(threads); // all start together, so two threads really overlap
        long[] elapsed = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers.add(Thread.ofPlatform().name("recorder-" + t).start(() -> {
                try {
                    ready.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long start = System.nanoTime();
                operation.record(timeline, events);
                elapsed[me] = System.nanoTime() - start;
            }));
        }
        for (Thread worker : workers) worker.join(); // join makes elapsed[] visible here
        return (double) Arrays.stream(elapsed).max().orElseThrow() / events;
    }
}
