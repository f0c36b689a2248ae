package course.procs;

/**
 * A pool worker broke: it died, answered something that is not a reply, or did not answer in time.
 * Carries the worker's pid and, when it has ended, its exit code. The worker is ended when this is thrown.
 */
public final class WorkerException extends Exception {

    private final long pid;
    private final Integer exitCode;

    public WorkerException(long pid, Integer exitCode, String message) {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    public long pid() {
        return pid;
    }

    /** The worker's exit code, or null if it was still running when it broke (it is ended since). */
    public Integer exitCode() {
        return exitCode;
    }
}
