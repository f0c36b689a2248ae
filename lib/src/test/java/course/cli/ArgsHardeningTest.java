package course.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input that used to slip through (issue 19, item 10). */
class ArgsHardeningTest {

    @Test
    void aFlagWithAValueOtherThanTrueOrFalseIsRefused() {
        var args = Args.parse(new String[]{"--keep-going=yes"}, List.of("keep-going"));
        var e = assertThrows(UsageException.class, () -> args.flag("keep-going"));
        assertTrue(e.getMessage().contains("--keep-going takes no value"), e.getMessage());
        assertTrue(Args.parse(new String[]{"--keep-going=true"}, List.of("keep-going")).flag("keep-going"));
        assertFalse(Args.parse(new String[]{"--keep-going=false"}, List.of("keep-going")).flag("keep-going"));
        assertTrue(Args.parse(new String[]{"--keep-going"}, List.of("keep-going")).flag("keep-going"));
    }

    @Test
    void digitsOfOtherScriptsAreRefused() {
        var count = Args.parse(new String[]{"--count", "٣"}, List.of());
        var e = assertThrows(UsageException.class, () -> count.integer("count", 1, 1, 10));
        assertTrue(e.getMessage().contains("--count must be a whole number"), e.getMessage());
        var latency = Args.parse(new String[]{"--latency", "١٠٠"}, List.of());
        assertThrows(UsageException.class, () -> latency.millis("latency", Duration.ZERO, 0, 1000));
        assertEquals(3, Args.parse(new String[]{"--count", "3"}, List.of()).integer("count", 1, 1, 10));
    }
}
