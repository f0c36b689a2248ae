package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
}
