package course.benchmarks;

import course.timeline.Timeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** What a timeline event costs the code that records it (a fresh timeline each iteration, so memory stays bounded). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class Recording {

    private Timeline timeline;

    @Setup(Level.Iteration)
    public void freshTimeline() {
        timeline = Timeline.start();
    }

    @Benchmark
    public void mark() {
        timeline.mark("event");
    }

    @Benchmark
    public void span() {
        try (var span = timeline.span("work")) {
            // nothing: the span's own cost is what is measured
        }
    }
}
