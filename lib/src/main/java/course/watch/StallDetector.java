package course.watch;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A watchdog for a heartbeat: something that should happen often (a task's tick) calls {@link #beat()};
 * when no beat came for {@code limit}, the detector takes the suspect thread's stack (where it is stuck),
 * hands a {@link Stall} to the reaction (e.g. interrupt the suspect), and stops watching. One detector
 * reports at most one stall.
 *
 * <pre>{@code
 * try (var detector = StallDetector.watch("event loop", Duration.ofMillis(500), loopThread,
 *         stall -> loopThread.interrupt())) {
 *     ... every tick calls detector.beat() ...
 *     loopThread.join();
 * }
 * detector.stall().ifPresent(System.out::println);
 * }</pre>
 *
 * <p>The clock starts at {@link #watch}: a loop that never beats at all is a stall too.
 *
 * <p><b>Thread-safety.</b> {@link #beat()} may be called from any number of threads at once: it
 * writes one volatile field, never blocks and never allocates. The detector runs on its own platform
 * daemon thread, which checks the silence every {@code limit / 10} (at most every 50 ms) and runs the
 * reaction on that thread. {@link #stall()} may be read from any thread; it is set once.
 * {@link #close()} stops the watcher and joins it, so no thread outlives the detector.
 */
public final class StallDetector implements AutoCloseable {

    /** What the detector saw: how long it was silent, and where the suspect thread was at that moment. */
    public record Stall(String name, Duration silence, Duration limit, String suspect, List<StackTraceElement> where) {

        /** The topmost frames, one per line, for a report. */
        public String where(int frames) {
            return where.stream().limit(frames).map(f -> "    at " + f).collect(Collectors.joining("\n"));
        }

        @Override
        public String toString() {
            String report = "stall in " + name + ": no beat for " + silence.toMillis() + " ms (limit " + limit.toMillis() + " ms)";
            return where.isEmpty() ? report : report + "; " + suspect + " was at\n" + where(3);
        }
    }

    private final String name;
    private final Duration limit;
    private final Thread suspect;
    private final Consumer<Stall> reaction;
    private final Thread watcher;
    private volatile long lastBeat;
    private volatile Stall stall;

    private StallDetector(String name, Duration limit, Thread suspect, Consumer<Stall> reaction) {
        this.name = Objects.requireNonNull(name);
        this.limit = Objects.requireNonNull(limit);
        this.suspect = suspect;
        this.reaction = Objects.requireNonNull(reaction);
        if (limit.toMillis() < 10) throw new IllegalArgumentException("limit must be at least 10 ms, was " + limit);
        this.lastBeat = System.nanoTime();
        this.watcher = Thread.ofPlatform().daemon().name("stall-detector (" + name + ")").unstarted(this::watch);
    }

    /**
     * Starts watching now: if {@link #beat()} is not called for {@code limit}, {@code reaction} gets the
     * {@link Stall} (on the detector's thread). {@code suspect} is the thread whose stack the report shows,
     * typically the one that should be beating (may be null).
     */
    public static StallDetector watch(String name, Duration limit, Thread suspect, Consumer<Stall> reaction) {
        var detector = new StallDetector(name, limit, suspect, reaction);
        detector.watcher.start();
        return detector;
    }

    /** The same, with no suspect: the report says how long it was silent, not where anyone was. */
    public static StallDetector watch(String name, Duration limit, Consumer<Stall> reaction) {
        return watch(name, limit, null, reaction);
    }

    /** All is well: resets the silence. Cheap; call it on every tick. */
    public void beat() {
        lastBeat = System.nanoTime();
    }

    /** The stall, once one was detected. */
    public Optional<Stall> stall() {
        return Optional.ofNullable(stall);
    }

    /** The silence so far, since the last beat (or since the start). */
    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastBeat);
    }

    /** Stops watching and waits for the detector's thread to end. Calling again does nothing. */
    @Override
    public void close() {
        watcher.interrupt();
        boolean interrupted = false;
        while (watcher.isAlive()) {
            try {
                watcher.join();
            } catch (InterruptedException e) {
                interrupted = true; // the watcher ends promptly once interrupted: finish joining, then pass it on
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void watch() {
        long limitNanos = limit.toNanos();
        long every = Math.max(1, Math.min(50, limit.toMillis() / 10));
        try {
            while (true) {
                Thread.sleep(every);
                long silent = System.nanoTime() - lastBeat;
                if (silent >= limitNanos) {
                    List<StackTraceElement> where = suspect == null ? List.of() : Arrays.asList(suspect.getStackTrace());
                    stall = new Stall(name, Duration.ofNanos(silent).truncatedTo(ChronoUnit.MILLIS), limit,
                            suspect == null ? "no suspect" : "thread '" + suspect.getName() + "'", where);
                    reaction.accept(stall);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed: stop watching
        }
    }
}
