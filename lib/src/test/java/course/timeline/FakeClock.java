package course.timeline;

import java.util.function.LongSupplier;

/** A clock that moves only when a test says so, so that times in a timeline are exact. */
final class FakeClock implements LongSupplier {

    private volatile long nanos = 1_000_000_000L; // not 0: a timeline counts from its start, whatever the clock says

    @Override
    public long getAsLong() {
        return nanos;
    }

    void advanceMillis(long millis) {
        nanos += millis * 1_000_000;
    }
}
