package course.timeline;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimelineOverheadTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void runsItsBenchmarkToTheEnd() throws Exception {
        TimelineOverhead.main(new String[] {"1000", "2"}); // tiny: this checks it runs, not the numbers
    }
}
