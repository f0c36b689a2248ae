package course.watch;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Guards a demo that may deadlock, livelock or starve: {@link #guard(Duration)} waits for the demo's threads
 * to end, and meanwhile asks the JVM every {@link #every(Duration) 50 ms} whether some of them are deadlocked
 * ({@code ThreadMXBean.findDeadlockedThreads}, which sees monitors and ownable synchronizers such as
 * {@link ReentrantLock}). On a deadlock it writes a report in the spirit of {@code jstack}'s
 * "Found one Java-level deadlock", lets the demo look at the table ({@link #onDeadlock}), then interrupts the
 * deadlocked threads and stops the demo. A demo with no cycle to find (a livelock, starvation) is stopped at
 * its time limit. Either way {@code guard} returns only when the threads have ended, or says which have not.
 *
 * <pre>{@code
 * var verdict = DeadlockWatchdog.watching(philosophers).naming(forks).guard(Duration.ofSeconds(2));
 * verdict.deadlock().ifPresent(d -> System.out.print(d.report()));
 * }</pre>
 *
 * The threads must wait interruptibly ({@code lockInterruptibly}, {@code tryLock(time)}, interruptible
 * sleeps) and end when interrupted: that is how a deadlock is undone and a demo stopped.
 *
 * <p><b>Thread-safety.</b> Not shared: configure it, then call {@link #guard} once, from one thread (a
 * notebook cell's, a script's main). The callbacks run on that thread.
 */
public final class DeadlockWatchdog {

    /** Finds deadlocked threads: their ids, or null or an empty array when there are none. */
    @FunctionalInterface
    public interface Detector {
        long[] deadlockedThreadIds();
    }

    /** The JVM's own detector, the one {@code jstack} uses. */
    public static final Detector JVM = () -> ManagementFactory.getThreadMXBean().findDeadlockedThreads();

    /** A detector that never finds anything: what a demo looks like without a watchdog (only its time limit ends it). */
    public static final Detector NEVER = () -> null;

    /**
     * A deadlock as found: after how long (from the start of {@link #guard}), which threads (by name, in the
     * order they were given), and the report.
     */
    public record Deadlock(Duration foundAfter, List<String> threads, String report) {
    }

    /**
     * How a guarded demo ended: a deadlock found and undone, or the time limit reached ({@code timeUp}), or
     * neither (the threads ended on their own). {@code took} is from the start of {@code guard} until every
     * thread had ended; {@code stillAlive} names any that did not end even when interrupted (empty when all is
     * well).
     */
    public record Verdict(Optional<Deadlock> deadlock, boolean timeUp, Duration took, List<String> stillAlive) {
        public boolean deadlocked() {
            return deadlock.isPresent();
        }
    }

    private final List<Thread> threads;
    private final List<ReentrantLock> named = new ArrayList<>();
    private Consumer<Deadlock> onDeadlock = d -> { };
    private Runnable stop;
    private Detector detector = JVM;
    private Duration every = Duration.ofMillis(50);
    private Duration grace = Duration.ofSeconds(1);

    private DeadlockWatchdog(Collection<? extends Thread> threads) {
        this.threads = List.copyOf(threads);
        this.stop = () -> this.threads.forEach(Thread::interrupt);
    }

    /** A watchdog over these threads (started, or about to be: it only looks once {@code guard} runs). */
    public static DeadlockWatchdog watching(Collection<? extends Thread> threads) {
        if (threads.isEmpty()) throw new IllegalArgumentException("nothing to watch");
        return new DeadlockWatchdog(threads);
    }

    /** Locks to call by their {@code toString()} in the report ("fork 2") instead of by class and hash. */
    public DeadlockWatchdog naming(Collection<? extends ReentrantLock> locks) {
        named.addAll(locks);
        return this;
    }

    /** Runs while the deadlock still stands, after the report is written: the moment to take a picture. */
    public DeadlockWatchdog onDeadlock(Consumer<Deadlock> seen) {
        this.onDeadlock = Objects.requireNonNull(seen);
        return this;
    }

    /**
     * How to stop the demo at its time limit, and after a deadlock is undone; by default, interrupt every
     * watched thread.
     */
    public DeadlockWatchdog stoppingWith(Runnable stop) {
        this.stop = Objects.requireNonNull(stop);
        return this;
    }

    /** How often to look for a deadlock (default 50 ms, at least 1 ms). */
    public DeadlockWatchdog every(Duration interval) {
        if (interval.toMillis() < 1) throw new IllegalArgumentException("interval must be at least 1 ms");
        this.every = interval;
        return this;
    }

    /** Replaces the JVM's detector, e.g. with {@link #NEVER} to show a demo without a watchdog. */
    public DeadlockWatchdog detector(Detector detector) {
        this.detector = Objects.requireNonNull(detector);
        return this;
    }

    /** How long to wait for the threads to end once stopped, before interrupting them again (default 1 s). */
    public DeadlockWatchdog grace(Duration grace) {
        this.grace = Objects.requireNonNull(grace);
        return this;
    }

    /**
     * Waits until every watched thread has ended, a deadlock among them is found (then reported, undone and the
     * demo stopped), or {@code timeLimit} has passed (then the demo is stopped). If the calling thread is
     * interrupted, stops the demo, waits for its threads, and throws.
     */
    public Verdict guard(Duration timeLimit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        Deadlock found = null;
        boolean timeUp = false;
        try {
            while (anyAlive()) {
                found = look(start);
                if (found != null) break;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timeUp = true;
                    stop.run();
                    break;
                }
                firstAlive().join(Math.max(1, Math.min(every.toMillis(), left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            stop.run();
            awaitEnd();
            throw e;
        }
        List<String> stillAlive = awaitEnd();
        return new Verdict(Optional.ofNullable(found), timeUp, Duration.ofNanos(System.nanoTime() - start), stillAlive);
    }

    /** Finds, reports and undoes a deadlock among our threads; null if there is none. */
    private Deadlock look(long start) {
        long[] ids = detector.deadlockedThreadIds();
        if (ids == null || ids.length == 0) return null;
        Set<Long> forGood = waitingForEver(ids);
        List<Thread> stuck = threads.stream().filter(t -> forGood.contains(t.threadId())).toList();
        if (stuck.isEmpty()) return null;
        var deadlock = new Deadlock(Duration.ofNanos(System.nanoTime() - start),
                stuck.stream().map(Thread::getName).toList(), report(stuck));
        onDeadlock.accept(deadlock);
        stuck.forEach(Thread::interrupt);   // each leaves its lockInterruptibly() with an InterruptedException
        stop.run();
        return deadlock;
    }

    /**
     * Of the threads the detector names, those on a circle of threads that wait with no time limit. The JVM's
     * detector also counts a timed wait ({@code tryLock(time)}): such a circle opens by itself when the time
     * is up, so it is not a deadlock (an all-polite table forms one on every round).
     */
    private static Set<Long> waitingForEver(long[] ids) {
        var mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> waitsFor = new HashMap<>();   // thread -> the owner of what it waits for, untimed waits only
        for (ThreadInfo info : mx.getThreadInfo(ids)) {
            if (info == null) continue;
            Thread.State state = info.getThreadState();
            if ((state == Thread.State.WAITING || state == Thread.State.BLOCKED) && info.getLockOwnerId() >= 0) {
                waitsFor.put(info.getThreadId(), info.getLockOwnerId());
            }
        }
        Set<Long> onACircle = new HashSet<>();
        for (long id : waitsFor.keySet()) {
            Long next = waitsFor.get(id);
            for (int steps = 0; next != null && steps < waitsFor.size() && next != id; steps++) next = waitsFor.get(next);
            if (next != null && next == id) onACircle.add(id);
        }
        return onACircle;
    }

    private String report(List<Thread> stuck) {
        var mx = ManagementFactory.getThreadMXBean();
        long[] ids = stuck.stream().mapToLong(Thread::threadId).toArray();
        ThreadInfo[] infos = mx.getThreadInfo(ids, mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported());
        var out = new StringBuilder();
        out.append("Found one Java-level deadlock:\n=============================\n");
        for (int i = 0; i < stuck.size(); i++) {
            ThreadInfo info = infos[i];
            out.append('"').append(stuck.get(i).getName()).append("\":\n");
            if (info == null) {
                out.append("  (ended while we looked)\n");
                continue;
            }
            LockInfo lock = info.getLockInfo();
            boolean monitor = info.getThreadState() == Thread.State.BLOCKED;   // synchronized, as jstack says it
            out.append(monitor ? "  waiting to lock monitor " : "  waiting for ownable synchronizer ").append(nameOf(stuck.get(i), lock))
                    .append(lock == null || monitor ? "" : " (a " + lock.getClassName() + ")").append(",\n");
            out.append("  which is held by \"").append(info.getLockOwnerName()).append("\"\n");
        }
        out.append("\nJava stack information for the threads listed above:\n");
        out.append("===================================================\n");
        for (int i = 0; i < stuck.size(); i++) {
            if (infos[i] == null) continue;
            out.append('"').append(stuck.get(i).getName()).append("\":\n");
            int shown = 0;
            for (StackTraceElement frame : infos[i].getStackTrace()) {
                String type = frame.getClassName();
                boolean jdkInside = type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
                boolean entry = type.startsWith("java.util.concurrent.locks.ReentrantLock");
                if ((jdkInside && !entry) || shown >= 4) continue;
                out.append("\tat ").append(frame).append('\n');
                shown++;
            }
        }
        out.append("\nFound 1 deadlock.\n");
        return out.toString();
    }

    /** The named lock {@code waiter} waits for, else the JVM's name for it. */
    private String nameOf(Thread waiter, LockInfo lock) {
        for (ReentrantLock candidate : named) {
            if (candidate.hasQueuedThread(waiter)) return candidate.toString();
        }
        return lock == null ? "(unknown)" : lock.toString();
    }

    private boolean anyAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    private Thread firstAlive() {
        return threads.stream().filter(Thread::isAlive).findFirst().orElse(Thread.currentThread());
    }

    /** Joins every thread within the grace; interrupts the stragglers and gives them one more grace. */
    private List<String> awaitEnd() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            long deadline = System.nanoTime() + grace.toNanos();
            for (Thread t : threads) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left > 0) t.join(left);
            }
            if (!anyAlive()) return List.of();
            threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        }
        return threads.stream().filter(Thread::isAlive).map(t -> t.getName() + " (" + t.getState() + ")").toList();
    }
}
