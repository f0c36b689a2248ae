package course.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.ArrayDeque;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The cost of handing control from one task to another: two threads play ping-pong over a
 * {@link SynchronousQueue} (each message parks one thread and wakes the other), or two tasks of a
 * one-thread event loop schedule each other. The figure is per hand-off.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandOff {

    static final int ROUND_TRIPS = 2_000;

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public void platformThreads() throws InterruptedException {
        pingPong(Thread.ofPlatform());
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public void virtualThreads() throws InterruptedException {
        pingPong(Thread.ofVirtual());
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public int eventLoopTasks() {
        return EventLoop.pingPong(ROUND_TRIPS);
    }

    private static void pingPong(Thread.Builder builder) throws InterruptedException {
        var ping = new SynchronousQueue<Integer>();
        var pong = new SynchronousQueue<Integer>();
        Thread a = builder.start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    ping.put(i);
                    pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread b = builder.start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.join();
        b.join();
    }

    /** The smallest event loop: one thread, a queue of ready tasks; a task hands over by queueing the other. */
    static final class EventLoop {
        private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
        private int handOffs;

        static int pingPong(int roundTrips) {
            var loop = new EventLoop();
            var player = new Runnable[2];
            for (int p = 0; p < 2; p++) {
                int me = p;
                player[p] = () -> {
                    loop.handOffs++;
                    if (loop.handOffs < 2 * roundTrips) loop.ready.add(player[1 - me]);
                };
            }
            loop.ready.add(player[0]);
            while (!loop.ready.isEmpty()) loop.ready.poll().run();
            return loop.handOffs;
        }
    }
}
