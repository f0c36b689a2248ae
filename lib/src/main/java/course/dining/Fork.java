package course.dining;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fork on the philosophers' table: a {@link ReentrantLock} with a number. Take it with
 * {@code lockInterruptibly()} or {@code tryLock(...)}, put it down with {@code unlock()}, exactly as any
 * {@code ReentrantLock}; what this class adds is a name for reports ("fork 2") and a look at who holds it
 * and who waits for it, which the watchdog's report and the table's picture need.
 *
 * <p><b>Thread-safety.</b> As a {@code ReentrantLock}. {@link #holder()} and {@link #waiting()} are
 * snapshots of a lock that other threads change: exact only while the table stands still (a deadlock).
 */
public final class Fork extends ReentrantLock {

    private final int number;

    public Fork(int number) {
        this(number, false);
    }

    /** A fork that is fair ({@code new ReentrantLock(true)}: it goes to the thread that has waited longest) or not. */
    public Fork(int number, boolean fair) {
        super(fair);
        this.number = number;
        if (number < 0) throw new IllegalArgumentException("a fork's number must be 0 or more, was " + number);
    }

    /** {@code count} forks numbered 0 to count - 1. */
    public static List<Fork> set(int count) {
        return set(count, false);
    }

    /** {@code count} forks numbered 0 to count - 1, fair or not. */
    public static List<Fork> set(int count, boolean fair) {
        return java.util.stream.IntStream.range(0, count).mapToObj(n -> new Fork(n, fair)).toList();
    }

    public int number() {
        return number;
    }

    /** The thread holding this fork now, or null if it lies on the table. */
    public Thread holder() {
        return getOwner();
    }

    /** The threads waiting to take this fork now (in {@code lock...} or a timed {@code tryLock}). */
    public Collection<Thread> waiting() {
        return getQueuedThreads();
    }

    @Override
    public String toString() {
        return "fork " + number;
    }
}
