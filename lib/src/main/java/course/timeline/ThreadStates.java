package course.timeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The JDK's own view of some threads: samples {@link Thread#getState()} about every millisecond
 * on a daemon thread and records each change as a state on the timeline, on the thread's lane:
 * RUNNABLE, BLOCKED, WAITING or TIMED_WAITING, with the lock and its owner when there is one
 * ("BLOCKED on Fork@1b6d3586 held by philosopher 3"). Something shorter than a sample can be
 * missed. Close it to stop sampling; close waits for the sampler to finish.
 *
 * <p>A lane has one state at a time, so give the sampler its own timeline if your code also
 * records states on those threads' lanes; spans are fine: they are drawn over the states.
 *
 * <pre>{@code
 * try (var states = ThreadStates.sample(timeline, philosophers)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safety: the sampler thread alone reads and writes the last seen states.
 */
public final class ThreadStates implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1);

    private final Timeline timeline;
    private final List<Thread> threads;
    private final long intervalNanos;
    private final Thread sampler;
    private final Thread.State[] lastSeen; // sampler thread only
    private volatile boolean running = true;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ThreadStates(Timeline timeline, List<Thread> threads, Duration interval) {
        this.timeline = timeline;
        this.threads = List.copyOf(threads);
        this.intervalNanos = interval.toNanos();
        this.lastSeen = new Thread.State[this.threads.size()];
        this.sampler = Thread.ofPlatform().daemon().name("thread-states").unstarted(this::run);
    }

    /** Starts sampling {@code threads} (started or not yet) every {@link #DEFAULT_INTERVAL}. */
    public static ThreadStates sample(Timeline timeline, Thread... threads) {
        return sample(timeline, List.of(threads), DEFAULT_INTERVAL);
    }

    public static ThreadStates sample(Timeline timeline, List<Thread> threads) {
        return sample(timeline, threads, DEFAULT_INTERVAL);
    }

    public static ThreadStates sample(Timeline timeline, List<Thread> threads, Duration interval) {
        var states = new ThreadStates(timeline, threads, interval);
        states.sampler.start();
        return states;
    }

    private void run() {
        while (running) {
            sampleOnce();
            LockSupport.parkNanos(intervalNanos);
        }
        sampleOnce(); // the states as they were when we were closed
    }

    private void sampleOnce() {
        for (int i = 0; i < threads.size(); i++) {
            Thread thread = threads.get(i);
            Thread.State state = thread.getState();
            // Unchanged: skip, so the lock is looked up (a VM operation) only when the state changes
            if (state == lastSeen[i] || state == Thread.State.NEW) continue;
            String lane = Timeline.laneOf(thread);
            if (state == Thread.State.TERMINATED) {
                if (lastSeen[i] != null) timeline.end(lane);
            } else {
                timeline.state(lane, describe(thread, state));
            }
            lastSeen[i] = state;
        }
    }

    /** "BLOCKED on Fork@1b6d3586 held by philosopher 3"; just the state if there is no lock. */
    private static String describe(Thread thread, Thread.State state) {
        if (state == Thread.State.RUNNABLE || thread.isVirtual()) return state.name(); // MX knows platform threads only
        ThreadInfo info = MX.getThreadInfo(thread.threadId(), 0);
        if (info == null || info.getThreadState() != state || info.getLockName() == null) return state.name();
        String lock = info.getLockName();
        lock = lock.substring(lock.lastIndexOf('.') + 1); // course.dining.Fork@1b6d3586 -> Fork@1b6d3586
        String owner = info.getLockOwnerName();
        return state.name() + " on " + lock + (owner == null ? "" : " held by " + owner);
    }

    /** Stops sampling and waits for the sampler thread to end. */
    @Override
    public void close() {
        running = false;
        SamplerThread.endAndJoin(sampler);
    }
}
