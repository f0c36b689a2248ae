package course.show;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on the terminal, stepped from any thread. It draws from the stepping threads (at most
 * every 50 ms), so it starts no thread of its own; off a terminal it prints only the closing line.
 */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final String what;
    private final int total;
    private final PrintStream out;
    private final boolean live;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastDrawn = new AtomicLong();

    private Progress(String what, int total, PrintStream out, boolean live) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.live = live;
    }

    /** A bar on standard error, live when there is a terminal. */
    public static Progress start(String what, int total) {
        return new Progress(what, total, System.err, System.console() != null);
    }

    public static Progress start(String what, int total, PrintStream out, boolean live) {
        return new Progress(what, total, out, live);
    }

    public void step() {
        done.incrementAndGet();
        maybeDraw();
    }

    public void fail() {
        failed.incrementAndGet();
        step();
    }

    private void maybeDraw() {
        if (!live) return;
        long now = System.nanoTime();
        long last = lastDrawn.get();
        if (now - last > 50_000_000L && lastDrawn.compareAndSet(last, now)) {
            synchronized (out) {
                out.print("\r" + line());
                out.flush();
            }
        }
    }

    String line() {
        int d = done.get();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * d / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String failures = failed.get() == 0 ? "" : ", " + failed.get() + " failed";
        return String.format("%s [%s] %d/%d%s, %.1f s", what, bar, d, total, failures,
                (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        synchronized (out) {
            out.print((live ? "\r" : "") + line() + "\n");
            out.flush();
        }
    }
}
