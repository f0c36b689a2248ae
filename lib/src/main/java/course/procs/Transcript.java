package course.procs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child printed, line by line, each line prefixed with the child's pid ({@code [12345] fetched ...}).
 * A thread reads the child's output as it comes, so the child never blocks on a full pipe while we wait
 * for it; {@link #lines()} is read after the child has ended.
 *
 * <p>Thread-safe: the reading thread appends under the monitor of {@code this}; readers copy under it.
 */
public final class Transcript {

    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final long pid;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();  // guarded by this

    private Transcript(Process process) {
        this.pid = process.pid();
        this.reader = Thread.ofVirtual().name("transcript-" + pid).start(() -> read(process));
    }

    /** Starts reading {@code process}'s standard output (merge its stderr into it with {@code redirectErrorStream}). */
    public static Transcript capture(Process process) {
        return new Transcript(process);
    }

    private void read(Process process) {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    lines.add("[" + pid + "] " + line);
                }
            }
        } catch (IOException e) {
            // the JDK closes the pipe when it reaps a killed child: what was read is what there is
        }
    }

    public long pid() {
        return pid;
    }

    /**
     * Every line, once the child has closed its output (it ended); waits up to 2 s for the last lines,
     * then gives what it has.
     */
    public List<String> lines() throws InterruptedException {
        reader.join(DRAIN);
        synchronized (this) {
            return List.copyOf(lines);
        }
    }

    /** The lines so far, without waiting. */
    public synchronized List<String> linesSoFar() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}
