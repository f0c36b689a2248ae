package course.procs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a child for sure, politely first: {@link Process#destroy()} (SIGTERM: the child may clean up, a JVM
 * runs its shutdown hooks), then, if it is still alive after {@code grace}, {@link Process#destroyForcibly()}
 * (SIGKILL: the OS ends it, no questions). Preemption at the OS level: whatever the child is doing, it stops.
 *
 * <p>Stateless and thread-safe. If the calling thread is interrupted while giving grace, the child is killed
 * at once and the interrupt is kept.
 */
public record Termination(long pid, How how, int exitCode) {

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
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        boolean interrupted = false;
        boolean ended;
        try {
            ended = child.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            ended = false;
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

    @Override
    public String toString() {
        return switch (how) {
            case EXITED -> "exited with code " + exitCode;
            case TERMINATED -> "ended by destroy() (SIGTERM), exit code " + exitCode;
            case KILLED -> "killed by destroyForcibly() (SIGKILL), exit code " + exitCode;
        };
    }
}
