package course.procs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child processes of this JVM (and theirs): which are alive, ending them all, and doing so when the JVM
 * exits (Ctrl+C, SIGTERM, {@code System.exit}), so that a lesson never leaves a child behind.
 *
 * <p>Thread-safe; the shutdown hook is registered at most once.
 */
public final class Descendants {

    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private Descendants() {
    }

    /** Every living descendant of this JVM. */
    public static List<ProcessHandle> alive() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** SIGTERM to every descendant, SIGKILL to those alive after {@code grace}; returns how many were alive. */
    public static int endAll(Duration grace) {
        List<ProcessHandle> alive = alive();
        alive.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : alive) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) p.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still alive, or we were interrupted: SIGKILL below
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            }
        }
        alive().forEach(ProcessHandle::destroyForcibly);
        return alive.size();
    }

    /** From now on, when this JVM exits for any reason but SIGKILL, its descendants are ended first. */
    public static void endOnExit() {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> endAll(Duration.ofMillis(500)), "end-children"));
        }
    }
}
