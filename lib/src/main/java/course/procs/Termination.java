package course.procs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a child for sure, politely first: {@link ProcessHandle#destroy()} (SIGTERM: the child may clean up, a JVM
 * runs its shutdown hooks), then, if it is still alive after {@code grace}, {@link Process#destroyForcibly()}
 * (SIGKILL: the OS ends it, no questions). Not preemption, which gives the CPU back later: this ends the work, and it
 * is safe because a process shares no memory and no locks with us (why Thread.stop never could be made safe).
 *
 * <p>Stateless and thread-safe. A calling thread whose interrupt status is set is in a hurry: the child gets
 * SIGKILL at once and nothing is waited for (not even the OS reaping it, and its own children are not looked
 * for: ours start none). So {@code catch (InterruptedException e) { Thread.currentThread().interrupt(); throw e; }}
 * before a {@code finally} that ends the children makes an interrupted cell end them without delay. Interrupted
 * while giving grace, it kills at once too; the interrupt status is kept.
 */
public record Termination(long pid, How how, int exitCode) {

    /** The exit code of a child killed in a hurry and not yet reaped by the OS: we did not wait to learn it. */
    public static final int NOT_REAPED = -1;

    /** How the child ended. */
    public enum How {
        /** it had ended on its own */
        EXITED,
        /** it ended on SIGTERM ({@code destroy}) */
        TERMINATED,
        /** it needed SIGKILL ({@code destroyForcibly}) */
        KILLED
    }

    /** Ends {@code child} (and anything it started) unless it has ended already; returns how it ended. */
    public static Termination end(Process child, Duration grace) {
        if (!child.isAlive()) return new Termination(child.pid(), How.EXITED, child.exitValue());
        if (Thread.currentThread().isInterrupted()) {
            // in a hurry (an interrupted cell must end now, not in a second): SIGKILL, and no waiting for anything
            child.destroyForcibly();
            return new Termination(child.pid(), How.KILLED, child.isAlive() ? NOT_REAPED : child.exitValue());
        }
        child.descendants().forEach(ProcessHandle::destroy);
        // SIGTERM through its handle: Process.destroy() would also close our ends of its pipes, and what the child
        // says while it shuts down (a shutdown hook's last words) would be lost
        child.toHandle().destroy();
        boolean interrupted = false;
        boolean ended = false;
        try {
            ended = child.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        How how = How.TERMINATED;
        if (!ended) {
            how = How.KILLED;
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            while (true) {
                try {
                    // SIGKILL cannot be refused; the wait is for the OS to reap it
                    if (child.waitFor(5, TimeUnit.SECONDS)) break;
                    throw new IllegalStateException("process " + child.pid() + " survived SIGKILL for 5 s");
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return new Termination(child.pid(), how, child.exitValue());
    }

    /**
     * Ends every child in {@code children} that is still running, all at once: SIGTERM to all, one {@code grace} for
     * all, then SIGKILL to the rest (SIGKILL to all at once if the calling thread is interrupted). For a
     * {@code finally}: ending ten children costs one grace, not ten.
     */
    public static List<Termination> endAll(Collection<Process> children, Duration grace) {
        if (Thread.currentThread().isInterrupted()) {
            return children.stream().map(child -> end(child, grace)).toList();  // SIGKILL each, no waiting
        }
        List<Process> signalled = new ArrayList<>();
        for (Process child : children) {
            if (child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroy);
                child.toHandle().destroy();                  // SIGTERM, our ends of its pipes left open (see end)
                signalled.add(child);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        List<Termination> ended = new ArrayList<>();
        for (Process child : children) {
            if (!signalled.contains(child)) {
                ended.add(new Termination(child.pid(), How.EXITED, child.exitValue()));
                continue;
            }
            Termination last = end(child, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            // it got its SIGTERM above: if it has ended since, that SIGTERM ended it
            ended.add(last.how() == How.KILLED ? last : new Termination(child.pid(), How.TERMINATED, last.exitCode()));
        }
        return ended;
    }

    @Override
    public String toString() {
        return switch (how) {
            case EXITED -> "exited with code " + exitCode;
            case TERMINATED -> "ended by destroy() (SIGTERM), exit code " + exitCode;
            case KILLED -> "killed by destroyForcibly() (SIGKILL), exit code " + exitCode;
        };
    }
}
