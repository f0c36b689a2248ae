package course.procs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Our end of one pool worker process ({@link PoolWorker}): send a task as one line, read one line back.
 * Every read has a time limit, so a worker that dies, hangs or garbles its answer is an error
 * ({@link WorkerException}, with its pid and exit code), never a hang. A broken worker is ended at once
 * and refuses further tasks: start a new one.
 *
 * <p>Thread-safety: {@link #ask} is synchronized (one task in flight per worker: the protocol has no ids);
 * {@link #close} may be called from any thread, also while another waits in {@code ask}, which then fails.
 * Two virtual threads read the worker's stdout (into a queue) and stderr (the last lines, for error messages).
 */
public final class Worker implements AutoCloseable {

    /** How long a worker may take to start and say {@code ready}. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final String END_OF_OUTPUT = new String("end of output");  // compared by identity

    private final Process process;
    private final Writer tasks;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Deque<String> lastErrors = new ArrayDeque<>();  // guarded by itself
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private volatile String broken;  // why it may take no more tasks, or null

    private Worker(Process process) {
        this.process = process;
        this.tasks = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdoutReader = Thread.ofVirtual().name("worker-" + process.pid() + "-stdout").start(this::readReplies);
        this.stderrReader = Thread.ofVirtual().name("worker-" + process.pid() + "-stderr").start(this::readErrors);
    }

    /** Starts {@code command} (a {@link PoolWorker} JVM) and waits for its {@code ready} line. */
    public static Worker start(List<String> command) throws IOException, InterruptedException, WorkerException {
        return start(command, START_TIMEOUT);
    }

    public static Worker start(List<String> command, Duration readyTimeout) throws IOException, InterruptedException, WorkerException {
        var worker = new Worker(new ProcessBuilder(command).start());  // stdin is ours: a pipe we write and close
        boolean ok = false;
        try {
            String hello = worker.read("saying 'ready'", readyTimeout);
            if (!hello.startsWith("ready")) throw worker.fail("said '" + hello + "' instead of 'ready'");
            ok = true;
            return worker;
        } finally {
            if (!ok) worker.close();
        }
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Sends {@code task}, returns the worker's reply: a line starting with {@code ok} or {@code fail}
     * (a failed task; the worker lives on).
     *
     * @throws WorkerException the worker died, answered something else, or was silent for {@code timeout}; it is ended
     */
    public synchronized String ask(String task, Duration timeout) throws WorkerException, InterruptedException {
        if (task.contains("\n") || task.contains("\r")) throw new IllegalArgumentException("a task is one line: " + task);
        if (broken != null) throw new WorkerException(pid(), exitCode(), "worker " + pid() + " takes no more tasks: " + broken);
        try {
            tasks.write(task + "\n");
            tasks.flush();
        } catch (IOException e) {
            throw died("answering '" + task + "'");
        }
        String reply = read("answering '" + task + "'", timeout);
        if (reply.equals("ok") || reply.equals("fail") || reply.startsWith("ok ") || reply.startsWith("fail ")) return reply;
        throw fail("answered '" + reply + "' to '" + task + "', which is not 'ok ...' or 'fail ...'");
    }

    /** One line from the worker within {@code timeout}; {@code what} is what it should be doing, for messages. */
    private String read(String what, Duration timeout) throws WorkerException, InterruptedException {
        String line;
        try {
            line = replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            broken = "was interrupted while " + what;
            end();
            throw e;
        }
        if (line == null) throw fail("was silent for " + timeout.toMillis() + " ms instead of " + what);
        if (line == END_OF_OUTPUT) throw died(what);
        return line;
    }

    private WorkerException died(String what) throws InterruptedException {
        process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        String why = broken != null ? broken : "died";
        broken = why;
        end();
        String errors = lastErrors();
        return new WorkerException(pid(), exitCode(), "worker " + pid() + " " + why + " (exit code " + exitCode() + ") before "
                + what + (errors.isEmpty() ? "" : "; its last words: " + errors));
    }

    private WorkerException fail(String what) {
        broken = what;
        end();
        return new WorkerException(pid(), exitCode(), "worker " + pid() + " " + what + "; ended it (exit code " + exitCode() + ")");
    }

    private void end() {
        Termination.end(process, Duration.ofMillis(500));
    }

    private void readReplies() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) replies.add(line);
        } catch (IOException e) {
            // the pipe broke: same as the end of output
        } finally {
            replies.add(END_OF_OUTPUT);
        }
    }

    private void readErrors() {
        try (var in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lastErrors) {
                    lastErrors.addLast(line);
                    if (lastErrors.size() > 3) lastErrors.removeFirst();
                }
            }
        } catch (IOException e) {
            // nothing more to read
        }
    }

    private String lastErrors() {
        try {
            stderrReader.join(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lastErrors) {
            return String.join(" | ", lastErrors);
        }
    }

    /**
     * Closes the worker's stdin, so it reads the end of its input and exits; ends it if it has not within
     * 2 s. Idempotent.
     */
    @Override
    public void close() {
        if (broken == null) broken = "closed";
        try {
            tasks.close();
        } catch (IOException e) {
            // it is gone already
        }
        boolean interrupted = false;
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        Termination.end(process, Duration.ofMillis(500));
        try {
            stdoutReader.join(Duration.ofSeconds(1));
            stderrReader.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** The worker's exit code once it has ended (after {@link #close}), else null. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }
}
