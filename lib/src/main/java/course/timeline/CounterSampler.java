package course.timeline;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Polls a number about every millisecond on its own thread, e.g. a cat server's requests in flight, and
 * records each change as a sample of a {@link Timeline} counter, for {@link CounterChart}. A change that
 * comes and goes between two polls is missed, so the chart can only understate a peak; read an exact
 * peak from whatever keeps one (e.g. {@code CatServer.peakInFlight()}).
 *
 * <pre>{@code
 * try (var sampler = CounterSampler.sample(timeline, "in flight", server::inFlight)) {
 *     ... the downloads ...
 * }                                  // close() stops the sampler and waits for its thread
 * CounterChart.draw("at most 4 at a time", timeline, "in flight", 4, "permits = 4");
 * }</pre>
 *
 * <p>Thread-safety: the sampler thread alone reads the value and records; {@link #peak()} may be read
 * from any thread. Close it from the thread that started it; close waits for the sampler to end.
 */
public final class CounterSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1);

    private final Timeline timeline;
    private final String series;
    private final IntSupplier value;
    private final long intervalNanos;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile int peak = Integer.MIN_VALUE;
    private int last;            // sampler thread only
    private boolean sampled;     // sampler thread only

    private CounterSampler(Timeline timeline, String series, IntSupplier value, Duration interval) {
        this.timeline = Objects.requireNonNull(timeline);
        this.series = Objects.requireNonNull(series);
        this.value = Objects.requireNonNull(value);
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        this.intervalNanos = interval.toNanos();
        this.sampler = Thread.ofPlatform().daemon().name("counter-sampler").unstarted(this::run);
    }

    /** Starts polling {@code value} every {@link #DEFAULT_INTERVAL} into counter {@code series}. */
    public static CounterSampler sample(Timeline timeline, String series, IntSupplier value) {
        return sample(timeline, series, value, DEFAULT_INTERVAL);
    }

    public static CounterSampler sample(Timeline timeline, String series, IntSupplier value, Duration interval) {
        var sampler = new CounterSampler(timeline, series, value, interval);
        sampler.sampler.start();
        return sampler;
    }

    /** The highest value seen by a poll so far (0 before the first poll). */
    public int peak() {
        int p = peak;
        return p == Integer.MIN_VALUE ? 0 : p;
    }

    private void run() {
        while (running) {
            sampleOnce();
            LockSupport.parkNanos(intervalNanos);
        }
        sampleOnce(); // the value as it was when we were closed
    }

    private void sampleOnce() {
        int now = value.getAsInt();
        if (!sampled || now != last) {
            timeline.count(series, now);
            last = now;
            sampled = true;
        }
        if (now > peak) peak = now;
    }

    /** Stops polling and waits for the sampler thread to end. */
    @Override
    public void close() {
        running = false;
        SamplerThread.endAndJoin(sampler);
    }
}
