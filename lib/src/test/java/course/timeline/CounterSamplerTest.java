package course.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class CounterSamplerTest {

    @Test
    @Timeout(10)
    void recordsEachChangeAndThePeakThenStopsItsThread() throws Exception {
        var timeline = Timeline.start();
        var value = new AtomicInteger();
        CounterSampler sampler;
        try (var s = CounterSampler.sample(timeline, "in flight", value::get)) {
            sampler = s;
            Thread.sleep(30);
            for (int v : new int[] {1, 3, 2, 0}) {
                value.set(v);
                Thread.sleep(30); // many polls per value
            }
        }
        timeline.stop();
        var values = timeline.counter("in flight").stream().map(Timeline.Sample::value).toList();
        assertEquals(java.util.List.of(0L, 1L, 3L, 2L, 0L), values, "one sample per change, none repeated");
        assertEquals(3, sampler.peak());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("counter-sampler")),
                "the sampler thread outlived close()");
    }

    @Test
    void anIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> CounterSampler.sample(Timeline.start(), "x", () -> 0, java.time.Duration.ZERO));
    }
}
