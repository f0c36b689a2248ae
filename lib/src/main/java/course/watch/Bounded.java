package course.watch;

import java.time.Duration;

/**
 * Waiting for a thread with a bound, so that a lesson never waits forever: {@link #join} waits up to a
 * patience, then interrupts the thread (the one clean way to ask a Java thread to stop) and waits a little
 * more. If the waiting thread is itself interrupted (a notebook cell cancelled), the thread it waits for is
 * interrupted too and given a moment to end, and the {@link InterruptedException} goes on.
 *
 * <p>Stateless and thread-safe.
 */
public final class Bounded {

    /** How long a thread gets to end once interrupted. */
    public static final Duration GRACE = Duration.ofSeconds(2);

    private Bounded() {
    }

    /**
     * Waits for {@code thread} to end; past {@code patience} interrupts it and waits up to {@link #GRACE}.
     * Returns true if it ended within the patience, false if it had to be interrupted.
     *
     * @throws IllegalStateException if the thread is still alive after the interrupt and the grace
     */
    public static boolean join(Thread thread, Duration patience) throws InterruptedException {
        try {
            if (thread.join(patience)) return true;
            thread.interrupt();
        } catch (InterruptedException e) {
            thread.interrupt();
            thread.join(GRACE);
            throw e;
        }
        if (!thread.join(GRACE)) {
            throw new IllegalStateException("thread '" + thread.getName() + "' ignored an interrupt for " + GRACE.toMillis() + " ms");
        }
        return false;
    }
}
