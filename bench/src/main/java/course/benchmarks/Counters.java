package course.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shared counter, incremented by every benchmark thread at once (the thread count is set when the
 * suite runs it: 1, 2, 4, 8): the cost of each way to make {@code count++} safe under contention.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class Counters {

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private long guardedByMonitor;
    private long guardedByLock;

    @Benchmark
    public long synchronizedBlock() {
        synchronized (monitor) {
            return ++guardedByMonitor;
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++guardedByLock;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long atomicLong() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    public void longAdder() {
        adder.increment();
    }
}
