package course.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmark suite works end to end at tiny sizes (no timing is asserted: this machine is shared), and turns
 * what the lessons record into its tables. The lessons' own tests check that they record these measurements.
 */
class BenchmarksTest {

    static String jbang() {
        String jbang = System.getProperty("course.jbang", "");
        if (jbang.isBlank() || jbang.startsWith("${")) throw new IllegalStateException("-Dcourse.jbang is not set: run the tests with ./course test");
        return jbang;
    }

    private static String printed(java.util.function.Consumer<Benchmarks> section) {
        var bytes = new ByteArrayOutputStream();
        section.accept(new Benchmarks(Benchmarks.Mode.QUICK, new PrintStream(bytes, true, StandardCharsets.UTF_8), "unused"));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(600)
    void tinyModeRunsTheDownloadsLessonAndTheRecorderAndJudgesTheTargets() throws Exception {
        var printed = new ByteArrayOutputStream();
        new Benchmarks(Benchmarks.Mode.TINY, new PrintStream(printed, true, StandardCharsets.UTF_8), jbang()).runAll();
        String out = printed.toString(StandardCharsets.UTF_8);
        for (String title : List.of("1. Cat downloads", "2. Java against the note's Python", "3. Where a cat's CPU goes",
                "8. Timeline recorder overhead", "9. Targets")) {
            assertTrue(out.contains("## " + title), title + " missing\n" + out);
        }
        for (String row : List.of("(?m)^virtual threads +5 +[0-9]+ +[0-9]+ +[0-9]+ +20 +[0-9.]+ +[0-9]+ +[0-9]+$",
                "(?m)^sequential +5 +[0-9]+ +[0-9]+ +[0-9]+ +100 +", "(?m)^mark +1 +[0-9.]+ ",
                "(?m)^virtual threads, N = 5: within 3x of the floor \\(stretch: 1.5x\\) +[0-9.]+x +(met|missed)",
                "(?m)^timeline: well under 1 us per event +[0-9.]+ ns +(met|missed)$")) {
            assertTrue(Pattern.compile(row).matcher(out).find(), row + " not found\n" + out);
        }
        // Python against Java, wherever a Python with requests and aiohttp is found (CI installs them).
        if (course.procs.PythonCats.find().isPresent()) {
            for (String row : List.of("(?m)^5 +Python asyncio \\+ aiohttp +[0-9]+ +[0-9.]+ +[0-9]+ +-?[0-9.]+$",
                    "(?m)^5 +Java, virtual threads +[0-9]+ +[0-9.]+ +[0-9]+ +-?[0-9.]+$",
                    "(?m)^5 +Python asyncio, whole run +[0-9]+ +[0-9.]+ *$",
                    "(?m)^5 +Java, virtual threads, warm JVM +[0-9]+ +[0-9.]+ +-?[0-9.]+$")) {
                assertTrue(Pattern.compile(row).matcher(out).find(), row + " not found\n" + out);
            }
        } else {
            assertTrue(out.contains("skipped: no Python to compare with"), out);
        }
        // The profile, unless async-profiler cannot load or sample on this machine; then it must say why.
        if (!out.contains("skipped: async-profiler cannot")) {
            for (String row : List.of("(?m)^JIT compiler threads +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$",
                    "(?m)^all \\(the process's CPU time\\) +[0-9]+ +100 +[0-9]+ +[0-9]+ +100$",
                    "(?m)^of which in the kernel \\(system time\\) +([0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+|-)",  // - : no /proc
                    "2 s after deleting as many: [0-9]+ and [0-9]+ us each on the disk \\(.+\\), [0-9]+ and [0-9]+ us in ")) {
                assertTrue(Pattern.compile(row).matcher(out).find(), row + " not found\n" + out);
            }
        }
    }

    @Test
    void lesson03sMeasurementsBecomeTheStartUpAndCpuTables() {
        var run = LessonRun.parse(List.of(
                "{\"kind\":\"measure\",\"name\":\"start µs\",\"value\":1.5,\"what\":\"virtual thread\"}",
                "{\"kind\":\"measure\",\"name\":\"start µs\",\"value\":60.0,\"what\":\"platform thread\"}",
                "{\"kind\":\"measure\",\"name\":\"start µs\",\"value\":45000.0,\"what\":\"child JVM\"}",
                "{\"kind\":\"outcome\",\"check\":\"x\"}",
                "{\"kind\":\"measure\",\"name\":\"primes ms\",\"value\":800.0,\"way\":\"one thread\",\"workers\":1}",
                "{\"kind\":\"measure\",\"name\":\"primes ms\",\"value\":400.0,\"way\":\"threads\",\"workers\":2}",
                "{\"kind\":\"measure\",\"name\":\"primes ms\",\"value\":700.0,\"way\":\"processes\",\"workers\":2}"));
        String out = printed(b -> b.processes(List.of(run)));
        assertTrue(Pattern.compile("(?m)^child JVM +45\\.0 ms +30000$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^platform thread +60\\.0 us +40$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^threads +2 +400 +2\\.00x +2x$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^processes +2 +700 +1\\.14x +2x$").matcher(out).find(), out);
    }

    @Test
    void lesson01sAndLesson04sMeasurementsBecomeTheirTables() {
        var cooperative = LessonRun.parse(List.of(
                "{\"kind\":\"measure\",\"name\":\"hand-off ns\",\"value\":5000.0,\"between\":\"platform threads\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns min\",\"value\":4000.0,\"between\":\"platform threads\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns max\",\"value\":9000.0,\"between\":\"platform threads\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns\",\"value\":200.0,\"between\":\"virtual threads\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns min\",\"value\":150.0,\"between\":\"virtual threads\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns max\",\"value\":300.0,\"between\":\"virtual threads\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns\",\"value\":5.0,\"between\":\"event-loop tasks\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns min\",\"value\":4.0,\"between\":\"event-loop tasks\"}",
                "{\"kind\":\"measure\",\"name\":\"hand-off ns max\",\"value\":6.0,\"between\":\"event-loop tasks\"}"));
        String handOff = new Benchmarks(Benchmarks.Mode.QUICK, System.out, "unused").handOff(List.of(cooperative)).toString();
        assertTrue(Pattern.compile("(?m)^platform threads +4000 +5000 +9000 +1000$").matcher(handOff).find(), handOff);
        assertTrue(Pattern.compile("(?m)^event-loop tasks +4\\.0 +5\\.0 +6\\.0 +1$").matcher(handOff).find(), handOff);

        var lines = new java.util.ArrayList<String>();
        for (String way : List.of("unsynchronized (wrong)", "AtomicLong")) {
            for (int threads : new int[] {1, 2, 4}) {
                double ns = way.startsWith("un") ? threads : 3 * threads;
                lines.add("{\"kind\":\"measure\",\"name\":\"ns per increment\",\"value\":" + ns + ",\"way\":\"" + way + "\",\"threads\":" + threads + "}");
            }
        }
        String locks = new Benchmarks(Benchmarks.Mode.QUICK, System.out, "unused").locks(List.of(LessonRun.parse(lines))).toString();
        assertTrue(Pattern.compile("(?m)^AtomicLong +3\\.0 +6\\.0 +12\\.0 +3\\.0x$").matcher(locks).find(), locks);
    }

    @Test
    void aMeasurementTheLessonDidNotRecordIsAnErrorNotAZero() {
        var run = LessonRun.parse(List.of("{\"kind\":\"measure\",\"name\":\"wall ms\",\"value\":1.0,\"way\":\"pool\",\"cats\":5}"));
        assertEquals(1.0, run.measure("wall ms", java.util.Map.of("way", "pool", "cats", 5)));
        var missing = assertThrows(IllegalStateException.class, () -> run.measure("wall ms", java.util.Map.of("way", "virtual", "cats", 5)));
        assertTrue(missing.getMessage().startsWith("0 measurements 'wall ms'"), missing.getMessage());
    }

    @Test
    void theReportFencesEachTableUnderItsHeading() {
        String md = Report.markdown("quick", "Benchmarks (quick mode) on 2 cores\n\n## 1. Cat downloads\n\nway  N\n---  -\nseq  5\n\n");
        assertTrue(md.contains("## 1. Cat downloads\n\n```\nway  N\n---  -\nseq  5\n```"), md);
        assertFalse(md.contains("Benchmarks (quick mode)"), md);
    }

    @Test
    void aStackCountsForTheFirstCategoryItContains() {
        String collapsed = String.join("\n",
                "thread_native_entry;CompileBroker::compiler_thread_loop;C2Compiler::compile_method 7",
                "java/lang/VirtualThread.run;course/cats/CatBatch.fetch;okhttp3/RealCall.execute;okhttp3/internal/connection/RealConnectionPool.callAcquirePooledConnection 3",
                "java/lang/VirtualThread.run;course/cats/CatClient.download;course/cats/CatClient.saveStreaming;sun/nio/ch/FileChannelImpl.write 2",
                "java/lang/VirtualThread.run;course/cats/CatClient.download;okhttp3/RealCall.execute;okio/RealBufferedSource.read 4",
                "java/util/concurrent/ForkJoinWorkerThread.run;java/util/concurrent/ForkJoinPool.runWorker 5",
                "start_thread;do_syscall_64_[k] 1");
        var counts = CpuProfile.categorise(collapsed);
        assertEquals(7, counts.get("JIT compiler threads"));
        assertEquals(3, counts.get("client: okhttp's connection pool"));     // not "request and response": the pool comes first
        assertEquals(2, counts.get("client: saving the file (write, rename)"));
        assertEquals(4, counts.get("client: okhttp request and response"));
        assertEquals(5, counts.get("virtual threads: mount, unmount, carriers"));
        assertEquals(1, counts.get(CpuProfile.OTHER));
        assertEquals(22, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aProfiledRoundBecomesSharesOfItsCpuTime() {
        var lines = List.of("event cpu",
                "round 1 cats 10 wall-ms 500.0 cpu-ms 40.0 added-mean-ms 2.5 added-max-ms 9.0 failed 0 sys-ms 20",
                "samples 1 JIT compiler threads\t30", "samples 1 garbage collector\t10",
                "round 2 cats 10 wall-ms 120.0 cpu-ms 8.0 added-mean-ms 1.0 added-max-ms 3.0 failed 0 sys-ms -",
                "samples 2 garbage collector\t1");
        var cold = Benchmarks.round(lines, 1);
        assertEquals(0.75, cold.shares().get("JIT compiler threads"));
        assertEquals(3000, cold.microsPerCat("JIT compiler threads", 10), 1e-9);     // 0.75 x 40 ms / 10 cats
        assertEquals(500.0, cold.wallMs());
        assertEquals(20.0, cold.sysMs());
        assertTrue(Double.isNaN(Benchmarks.round(lines, 2).sysMs()), "sys-ms - : the kernel's share is unknown");
        assertEquals("cpu", CpuProfile.event(lines));
        var noSamples = assertThrows(IllegalStateException.class, () -> Benchmarks.round(
                List.of("round 2 cats 10 wall-ms 120.0 cpu-ms 8.0 added-mean-ms 1.0 added-max-ms 3.0 failed 0"), 2));
        assertTrue(noSamples.getMessage().contains("no samples"), noSamples.getMessage());
        var failed = assertThrows(IllegalStateException.class, () -> Benchmarks.round(
                List.of("round 1 cats 9 wall-ms 1 cpu-ms 1 added-mean-ms 0 added-max-ms 0 failed 1", "samples 1 x\t1"), 1));
        assertTrue(failed.getMessage().contains("1 downloads failed"), failed.getMessage());
    }

    /** The kernel's share is read from /proc where there is one, and it grows when the process works in the kernel. */
    @Test
    void kernelTimeIsReadWhereLinuxGivesIt(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/stat")), "no /proc here");
        double before = CpuProfile.kernelMs();
        var costs = Benchmarks.fileCost(folder.resolve("cats"), 2000, 5 * 1024);
        assertTrue(CpuProfile.kernelMs() > before, "2,000 files written, renamed and deleted take some kernel time");
        assertTrue(costs[0] > 0 && costs[1] > 0, java.util.Arrays.toString(costs));
    }
}
