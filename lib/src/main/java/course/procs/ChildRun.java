package course.procs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One child process run to its end with a time limit: started with no stdin and its stderr merged into its
 * stdout, its output captured line by line prefixed with its pid, ended by {@link Termination} if it runs
 * past {@code timeout}. Whatever happens (a timeout, an interrupt, an exception) the child is not alive
 * when {@link #run} returns or throws.
 *
 * @param exitCode    the child's exit code (143 = SIGTERM, 137 = SIGKILL on Linux)
 * @param ending      how it ended: on its own, or ended by us after the timeout
 * @param took        from start to end
 * @param output      its stdout and stderr, each line prefixed with {@code [pid]}
 */
public record ChildRun(long pid, int exitCode, Termination.How ending, Duration took, List<String> output) {

    /** Grace between SIGTERM and SIGKILL for a child past its time. */
    public static final Duration GRACE = Duration.ofMillis(700);

    /** Runs {@code command} and waits for it, up to {@code timeout}. */
    public static ChildRun run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command)
                .redirectInput(JavaLauncher.NO_STDIN)
                .redirectErrorStream(true)
                .start();
        Termination ended = null;
        try {
            var transcript = Transcript.capture(child);
            if (!child.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                ended = Termination.end(child, GRACE);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Termination.How how = ended == null ? Termination.How.EXITED : ended.how();
            return new ChildRun(child.pid(), child.exitValue(), how, took, transcript.lines());
        } finally {
            if (child.isAlive()) Termination.end(child, GRACE);  // interrupted or failed: it must not outlive us
        }
    }

    public boolean timedOut() {
        return ending != Termination.How.EXITED;
    }

    /** "exit 3", or "timed out, ended by SIGTERM (exit 143)". */
    public String outcome() {
        return switch (ending) {
            case EXITED -> "exit " + exitCode;
            case TERMINATED -> "timed out, ended by SIGTERM (exit " + exitCode + ")";
            case KILLED -> "timed out, alive " + GRACE.toMillis() + " ms after SIGTERM, killed by SIGKILL (exit " + exitCode + ")";
        };
    }

    /** The last line of output that says something, e.g. the exception's message. */
    public String lastWords() {
        for (int i = output.size() - 1; i >= 0; i--) {
            String line = output.get(i).replaceFirst("^\\[[0-9]+\\] ", "").strip();
            if (!line.isEmpty() && !line.startsWith("at ") && !line.startsWith("...")) return line;
        }
        return "";
    }
}
