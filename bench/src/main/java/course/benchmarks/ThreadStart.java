package course.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/** What it costs to start a thread that does nothing and wait for it to end. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThreadStart {

    private static final Runnable NOTHING = () -> { };

    @Benchmark
    public void platformThread() throws InterruptedException {
        Thread.ofPlatform().start(NOTHING).join();
    }

    @Benchmark
    public void virtualThread() throws InterruptedException {
        Thread.ofVirtual().start(NOTHING).join();
    }
}
