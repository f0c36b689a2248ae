package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts some threads behind one starting line and waits for all of them: each thread is started, waits on
 * a latch, and runs its body when the latch opens, so the bodies really overlap instead of the first one
 * finishing before the last one has started. Returns the wall time from the opening to the last join.
 *
 * <pre>{@code
 * long nanos = StartingLine.run(4, "adder", i -> { for (int n = 0; n < 1_000_000; n++) counter.increment(); });
 * }</pre>
 *
 * <p>Nothing outlives a call: if the caller is interrupted while waiting, every thread is interrupted and
 * waited for before the {@link InterruptedException} is rethrown. A body that throws does not stop the
 * others; after all have ended, the first failure is rethrown (wrapped in an {@link IllegalStateException}
 * unless unchecked). Thread-safety: each call is independent; the bodies share whatever the caller gives them.
 */
public final class StartingLine {

    /** What thread number {@code index} (0-based) does once the line opens. */
    @FunctionalInterface
    public interface Body {
        void run(int index) throws Exception;
    }

    private StartingLine() {
    }

    /** {@code threads} platform threads named {@code name-0}, {@code name-1}, ... */
    public static long run(int threads, String name, Body body) throws InterruptedException {
        return run(threads, i -> Thread.ofPlatform().name(name + "-" + i), body);
    }

    /** {@code threads} virtual threads named {@code name-0}, {@code name-1}, ... */
    public static long runVirtual(int threads, String name, Body body) throws InterruptedException {
        return run(threads, i -> Thread.ofVirtual().name(name + "-" + i), body);
    }

    private interface Builder {
        Thread.Builder forThread(int index);
    }

    private static long run(int threads, Builder builder, Body body) throws InterruptedException {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        var go = new CountDownLatch(1);
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        List<Thread> started = new ArrayList<>(threads);
        long start;
        try {
            for (int t = 0; t < threads; t++) {
                int index = t;
                started.add(builder.forThread(t).start(() -> {
                    try {
                        go.await();
                        body.run(index);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // told to stop: not a failure of the body
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            start = System.nanoTime();
            go.countDown();
            for (Thread thread : started) thread.join();
        } catch (InterruptedException e) {
            for (Thread thread : started) thread.interrupt();
            go.countDown(); // let the ones still waiting see their interrupt and leave
            for (Thread thread : started) joinUninterruptibly(thread);
            throw e;
        }
        long nanos = System.nanoTime() - start;
        Throwable first = failures.peek();
        if (first instanceof RuntimeException r) throw r;
        if (first instanceof Error err) throw err;
        if (first != null) throw new IllegalStateException(first.getMessage(), first);
        return nanos;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
