package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./course}, the one entry point, on machines other than this one. */
class CourseCommandTest {

    /** The real JDK the suite runs on: the stub below hands everything it accepts to it. */
    static final Path REAL_JDK = Path.of(System.getProperty("java.home"));

    /**
     * A JDK that reports {@code version} and hands everything else to the real one; before 23 it refuses to start
     * when given {@code --sun-misc-unsafe-memory-access}, as every launcher before JDK 23 does.
     */
    static Path stubJdk(Path dir, int version) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + ".0.5\"\n");
        stub(home.resolve("bin/java"), """
                #!/usr/bin/env bash
                for arg in "$@"; do
                  case "$arg" in
                    --sun-misc-unsafe-memory-access*)
                      if [ %d -lt 23 ]; then
                        echo "Unrecognized option: $arg" >&2
                        echo "Error: Could not create the Java Virtual Machine." >&2
                        exit 1
                      fi ;;
                  esac
                done
                exec "%s/bin/java" "$@"
                """.formatted(version, REAL_JDK));
        stub(home.resolve("bin/javac"), "#!/usr/bin/env bash\nexec \"%s/bin/javac\" \"$@\"\n".formatted(REAL_JDK));
        return home;
    }

    private static void stub(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> env(Path home, Path javaHome, String jdkDirs) {
        var env = new HashMap<String, String>();
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", javaHome == null ? null : javaHome.toString());
        env.put("COURSE_JDK_DIRS", jdkDirs);
        env.put("MAVEN_OPTS", null);
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    @Test
    @Timeout(120)
    void findsAJdk25AndRunsMavenOnIt(@TempDir Path dir) throws Exception {
        Path jdk = stubJdk(dir, 25);
        var run = Course.run(Duration.ofSeconds(100), List.of("./course", "doctor"),
                env(Files.createDirectories(dir.resolve("home")), jdk, dir.resolve("no-jdks").toString()));
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.err().contains("JDK 25 at " + jdk), run.all());
        assertTrue(run.err().contains("[course] Maven: "), run.all());
    }

    @Test
    @Timeout(120)
    void aJdk21IsNotEnoughAndItSaysWhyAndHowToGetOne(@TempDir Path dir) throws Exception {
        Path jdk21 = stubJdk(dir, 21);
        Path empty = Files.createDirectories(dir.resolve("no-jdks"));
        // The only other java left on PATH is the machine's default (17 here, or none): too old either way.
        var run = Course.run(Duration.ofSeconds(60), List.of("./course", "jbang", "threads"),
                env(Files.createDirectories(dir.resolve("home")), jdk21, empty.toString()));
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.err().contains("error: no JDK 25 or newer found"), run.all());
        assertTrue(run.err().contains(jdk21 + ": 21"), "it lists what it found\n" + run.all());
        assertTrue(run.err().contains("jbang jdk install") && run.err().contains("adoptium"), run.all());
    }

    @Test
    @Timeout(120)
    void aStubJdkBefore23RefusesTheUnsafeOptionAndCourseDoesNotPassIt(@TempDir Path dir) throws Exception {
        // ./course passes --sun-misc-unsafe-memory-access only to JDKs that know it; the stub proves the test could see it.
        Path jdk22 = stubJdk(dir, 22);
        var refused = Course.run(Duration.ofSeconds(60),
                List.of(jdk22.resolve("bin/java").toString(), "--sun-misc-unsafe-memory-access=allow", "-version"));
        assertEquals(1, refused.exit(), refused.all());
        var withMaven = Course.run(Duration.ofSeconds(60), List.of("bash", "-c",
                "source <(sed -n '/^java_version_of()/,/^}/p; /^unsafe_option()/,/^}/p' course); JAVA_HOME=" + jdk22 + "; echo \"[$(unsafe_option)]\""));
        assertEquals("[]", withMaven.out().strip(), withMaven.all());
    }

    @Test
    @Timeout(60)
    void anUnknownCommandIsNamedAndFails() throws Exception {
        var run = Course.run(Duration.ofSeconds(30), List.of("./course", "lesson"));
        assertEquals(1, run.exit(), run.all());
        assertTrue(run.err().contains("error: unknown command 'lesson'"), run.all());
    }

    /**
     * One Ctrl-C (SIGINT to the terminal's whole process group) or one SIGTERM (to {@code ./course} alone) stops
     * {@code ./course lessons}: no later lesson starts and nothing it started is left. The stub jbang behaves as a
     * lesson's JVM does: it exits 130 on SIGINT and 143 on SIGTERM, and has a child of its own (a JVM's would be
     * a worker process) that a signal to the stub alone would leave running.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    @Timeout(60)
    void oneSignalStopsTheWholeRunAndEverythingItStarted(String signal, @TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("started.log"), children = dir.resolve("children");
        stub(bin.resolve("jbang"), """
                #!/usr/bin/env bash
                trap 'exit 130' INT
                trap 'exit 143' TERM
                echo "$*" >> %s
                sleep 60 & echo $! >> %s
                wait
                """.formatted(log, children));
        var env = env(Files.createDirectories(dir.resolve("home")), REAL_JDK, dir.resolve("no-jdks").toString());
        env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        // setsid: ./course leads its own process group, as a command started from a terminal does.
        var builder = new ProcessBuilder("setsid", "./course", "lessons").directory(Course.ROOT.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        env.forEach((k, v) -> { if (v == null) builder.environment().remove(k); else builder.environment().put(k, v); });
        Process course = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(children) && !Files.readString(children).isBlank())) {
                assertTrue(course.isAlive() && System.nanoTime() < deadline, "the first lesson never started\n" + Files.readString(dir.resolve("err")));
                Thread.sleep(50);
            }
            String target = signal.equals("INT") ? "-" + course.pid() : String.valueOf(course.pid());
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, "--", target).start().waitFor());
            assertTrue(course.waitFor(10, TimeUnit.SECONDS), "./course still runs 10 s after one SIG" + signal);
            String err = Files.readString(dir.resolve("err"));
            assertEquals(signal.equals("INT") ? 130 : 143, course.exitValue(), err);
            assertTrue(err.contains("[course] interrupted (SIG" + signal + "): stopped the run and everything it started"), err);
            assertEquals(1, Files.readAllLines(log).size(), "a later lesson started after the signal:\n" + Files.readString(log));
            var left = new ArrayList<String>();
            for (String pid : Files.readAllLines(children)) {
                var child = ProcessHandle.of(Long.parseLong(pid.strip()));
                if (child.isEmpty()) continue;
                try {
                    child.get().onExit().get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    left.add(pid);
                    child.get().destroyForcibly();
                }
            }
            assertEquals(List.of(), left, "processes the run started are still running");
        } finally {
            course.destroyForcibly();
        }
    }

    /**
     * Maven installs into its own local repository (Java's {@code user.home}, or wherever settings.xml says), which
     * need not be {@code $HOME/.m2}: with another {@code HOME}, a second set-up still finds the lib up to date.
     */
    @Test
    @Timeout(240)
    void theLibIsBuiltOnceWhateverHomeSays(@TempDir Path dir) throws Exception {
        var env = env(Files.createDirectories(dir.resolve("home")), REAL_JDK, dir.resolve("no-jdks").toString());
        var first = Course.run(Duration.ofSeconds(200), List.of("./course", "setup"), env);
        assertEquals(0, first.exit(), first.all());
        var second = Course.run(Duration.ofSeconds(30), List.of("./course", "setup"), env);
        assertEquals(0, second.exit(), second.all());
        assertTrue(second.err().contains("[course] lib up to date"), second.all());
    }

    /** Two set-ups at once (two terminals) build the lib once: whoever waited for the build lock looks again. */
    @Test
    @Timeout(240)
    void twoSetupsAtOnceBuildTheLibOnce(@TempDir Path dir) throws Exception {
        Files.deleteIfExists(Course.ROOT.resolve(".course/lib.stamp"));     // as after a change to the lib's sources
        var env = env(Files.createDirectories(dir.resolve("home")), REAL_JDK, dir.resolve("no-jdks").toString());
        var both = new ArrayList<java.util.concurrent.Future<Course.Run>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) both.add(pool.submit(() -> Course.run(Duration.ofSeconds(200), List.of("./course", "setup"), env)));
        }
        int builds = 0;
        for (var run : both) {
            assertEquals(0, run.get().exit(), run.get().all());
            if (run.get().err().contains("[course] building the lib")) builds++;
        }
        assertEquals(1, builds, both.get(0).get().all() + "\n---\n" + both.get(1).get().all());
    }
}
