package course.jmm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class JitTest {

    static volatile boolean stop;

    static long spin() {
        long turns = 0;
        while (!stop) turns++;
        return turns;
    }

    @Test
    @Timeout(60)
    void aHotLoopIsFoundCompiledAtTierFourAndItsThreadsCpuTimeGrows() throws Exception {
        stop = false;
        Thread spinner = Thread.ofPlatform().name("spinner").start(JitTest::spin);
        try {
            String line = Jit.awaitCompiled(JitTest.class, "spin", 4, Duration.ofSeconds(30));
            assertTrue(line.contains("course.jmm.JitTest.spin()J") && line.split(" ")[1].equals("4"), line);
            Jit.awaitCpuTime(spinner, Duration.ofMillis(20), Duration.ofSeconds(30));
        } finally {
            stop = true;
            spinner.join();
        }
    }

    @Test
    void aMethodNeverCalledIsNotCompiledAndWaitingForItGivesUp() {
        assertTrue(Jit.compiled(JitTest.class, "neverCalled", 4).isEmpty());
        var e = assertThrows(IllegalStateException.class, () -> Jit.awaitCompiled(JitTest.class, "neverCalled", 4, Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("was not compiled at tier 4"), e.getMessage());
    }

    static void neverCalled() {
    }
}
