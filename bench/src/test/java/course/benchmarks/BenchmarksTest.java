package course.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The benchmark suite works end to end (tiny sizes; no timing is asserted: this machine is shared). */
class BenchmarksTest {

    @Test
    @Timeout(300)
    void tinyModePrintsAllSixTablesWithMeasuredFigures() throws Exception {
        var printed = new ByteArrayOutputStream();
        new Benchmarks(Benchmarks.Mode.TINY, new PrintStream(printed, true, StandardCharsets.UTF_8)).runAll();
        String out = printed.toString(StandardCharsets.UTF_8);
        for (String title : List.of("1. Cat downloads", "2. Start-up cost", "3. Context switch", "4. CPU-bound work",
                "5. Locks under contention", "6. Timeline recorder overhead", "7. Targets")) {
            assertTrue(out.contains("## " + title), title + " missing\n" + out);
        }
        for (String row : List.of("(?m)^virtual threads +5 +[0-9]+ +[0-9]+ +[0-9]+ +20 +[0-9.]+ +[0-9]+ +[0-9]+$",
                "(?m)^child JVM \\(no-op main\\) +[0-9]+ ms", "(?m)^two event-loop tasks +[0-9.]+ ",
                "(?m)^2 threads +[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+x +2x$", "(?m)^2 child JVMs +[0-9]+ ",
                "(?m)^process per cat +5 ", "(?m)^pool of 4 worker JVMs +5 ", "(?m)^longAdder( +[0-9.]+){4}$", "(?m)^mark +1 +[0-9.]+ ", "(?m)^timeline: well under 1 us per event +[0-9.]+ ns +(met|missed)$")) {
            assertTrue(Pattern.compile(row).matcher(out).find(), row + " not found\n" + out);
        }
    }

    @Test
    void theReportFencesEachTableUnderItsHeading() {
        String md = Report.markdown("quick", "Benchmarks (quick mode) on 2 cores\n\n## 1. Cat downloads\n\nway  N\n---  -\nseq  5\n\n");
        assertTrue(md.contains("## 1. Cat downloads\n\n```\nway  N\n---  -\nseq  5\n```"), md);
        assertFalse(md.contains("Benchmarks (quick mode)"), md);
    }
}
