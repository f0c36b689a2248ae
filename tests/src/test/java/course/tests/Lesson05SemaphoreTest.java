package course.tests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Lesson 05 through its script, with 200 downloaders started at once: the cat server's own peak-in-flight
 * counter never passes the permits, and the over-release bug shows above the limit on every run.
 */
class Lesson05SemaphoreTest {

    static Path out;
    static Course.Run run;        // 200 downloaders at once, one run of each demo
    static Course.Run repeated;   // the lesson's defaults (24 downloaders), the over-release demo 20 times

    @BeforeAll
    @Timeout(300)
    static void runTheLesson(@TempDir Path dir) throws Exception {
        out = dir;
        run = Course.jbang(Duration.ofSeconds(140), "semaphore", "--count", "200", "--permits", "8", "--latency", "50",
                "--repeat", "1", "--out", dir.resolve("200").toString());
        assertEquals(0, run.exit(), run.all());
        repeated = Course.jbang(Duration.ofSeconds(140), "semaphore", "--repeat", "20", "--out", dir.resolve("24").toString());
        assertEquals(0, repeated.exit(), repeated.all());
    }

    @Test
    void theServerNeverSeesMoreDownloadsAtOnceThanThePermits() {
        Matcher rows = Pattern.compile("(?m)^ +([0-9]+) +([0-9]+) +([0-9]+) +([0-9.]+) +([0-9]+) +(yes|NO)$").matcher(run.out());
        int seen = 0;
        while (rows.find()) {
            int permits = Integer.parseInt(rows.group(1)), peak = Integer.parseInt(rows.group(5));
            assertTrue(peak <= permits, "K = " + permits + " but the server saw " + peak + " at once\n" + run.all());
            assertTrue(peak >= Math.min(permits, 2), "K = " + permits + ": the downloads did not overlap at all\n" + run.all());
            seen++;
        }
        assertEquals(4, seen, "rows for K = 4, 8, 16, 200\n" + run.all());
    }

    @Test
    void overReleasingRaisesTheLimitOnEveryRunAndTheFixNever() {
        Matcher broken = Pattern.compile("(?m)^release even when refused \\(wrong\\) +20 +([0-9]+) +([0-9]+) +([0-9]+)$").matcher(repeated.out());
        assertTrue(broken.find(), repeated.all());
        assertEquals(20, Integer.parseInt(broken.group(1)), "runs above K\n" + repeated.all());
        assertTrue(Integer.parseInt(broken.group(3)) > 4, "the permits grew\n" + repeated.all());
        Matcher fixed = Pattern.compile("(?m)^release only what you got +20 +([0-9]+) +([0-9]+) +([0-9]+)$").matcher(repeated.out());
        assertTrue(fixed.find(), repeated.all());
        assertEquals(0, Integer.parseInt(fixed.group(1)), "runs above K\n" + repeated.all());
        assertEquals(4, Integer.parseInt(fixed.group(3)), "the permits are back to K\n" + repeated.all());
    }

    @Test
    void aPermitHasNoOwner() {
        assertTrue(run.out().contains("main released a permit the taker acquired: fine, permits now 1"), run.all());
        assertTrue(run.out().contains("one release too many: no error either, permits now 2"), run.all());
    }

    @Test
    void threeWaysOfCappingAllTakeTheCappedTime() {
        for (String way : new String[] {"platform threads + semaphore", "fixed pool of K", "virtual threads + semaphore"}) {
            Matcher row = Pattern.compile("(?m)^" + Pattern.quote(way) + " +([0-9]+) +([0-9]+) +([0-9]+)$").matcher(run.out());
            assertTrue(row.find(), way + "\n" + run.all());
            assertTrue(Long.parseLong(row.group(1)) >= Long.parseLong(row.group(2)) * 0.9, way + " beat the ideal: not capped?\n" + run.all());
        }
    }

    @Test
    void everyCatArrivedWhole() throws Exception {
        try (var files = Files.walk(out)) {
            assertTrue(files.filter(Files::isRegularFile).noneMatch(p -> p.getFileName().toString().startsWith(".")), "partial files left");
        }
    }
}
