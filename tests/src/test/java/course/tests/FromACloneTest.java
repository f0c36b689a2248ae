package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A learner with a clone, a JDK and jbang, and nothing else: no Maven, no {@code ./course setup}, an empty local
 * Maven repository and an empty jbang cache. Every alias must still run: scripts reach the lib by its sources
 * ({@code //SOURCES}) and third-party libraries by {@code //DEPS} from Maven Central.
 */
class FromACloneTest {

    /** The files git tracks, copied as they are in the working tree: a clone of what is about to be committed. */
    static Path cloneOf(Path dir) throws Exception {
        var files = Course.run(Duration.ofSeconds(30), List.of("git", "ls-files", "-z"));
        assertEquals(0, files.exit(), files.all());
        Path clone = Files.createDirectories(dir.resolve("clone"));
        for (String file : files.out().split("\0")) {
            if (file.isEmpty() || !Files.exists(Course.ROOT.resolve(file))) continue;
            Path to = clone.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(Course.ROOT.resolve(file), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertFalse(Files.exists(clone.resolve("lib/target")), "a clone has no built lib");
        return clone;
    }

    @Test
    @Timeout(900)
    void everyAliasRunsWithOnlyAJdkAndJbang(@TempDir Path dir) throws Exception {
        Path clone = cloneOf(dir);
        var env = Map.of("JBANG_CACHE_DIR", dir.resolve("jbang-cache").toString(),
                "JBANG_REPO", dir.resolve("empty-m2").toString());
        for (String alias : Course.catalog().keySet()) {
            var run = inClone(clone, env, alias, "--help");
            assertEquals(0, run.exit(), alias + "\n" + run.all());
            assertTrue(run.out().contains("usage: jbang " + alias), alias + "\n" + run.all());
        }
        var threads = inClone(clone, env, "threads", "--count", "3", "--latency", "10", "--out", dir.resolve("cats").toString());
        assertEquals(0, threads.exit(), threads.all());
        assertFalse(Files.exists(dir.resolve("empty-m2/dev/catcourse")), "the lib came from the local Maven repository");
        assertTrue(Files.exists(dir.resolve("empty-m2/com/squareup/okhttp3")), "okhttp was not fetched into the empty repository");
    }

    private static Course.Run inClone(Path clone, Map<String, String> env, String... args) throws Exception {
        var command = new ArrayList<>(List.of(Course.jbang(), "--quiet"));
        command.addAll(List.of(args));
        return Course.run(Duration.ofMinutes(3), command, env, clone);
    }
}
