package course.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every catalog script, run as a learner runs it: through jbang, from the repo root. */
class ScriptsTest {

    static Stream<String> aliases() throws Exception {
        return Course.catalog().keySet().stream();
    }

    @Test
    void everyScriptIsInTheCatalogWithADescription() throws Exception {
        var catalog = Course.catalog();
        try (var scripts = Files.list(Course.ROOT.resolve("scripts"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertTrue(catalog.containsValue("scripts/" + script.getFileName()), script + " has no alias");
            }
        }
        String json = Files.readString(Course.ROOT.resolve("jbang-catalog.json"));
        assertEquals(catalog.size(), json.split("\"description\"").length - 1, "every alias has a description");
    }

    @ParameterizedTest
    @MethodSource("aliases")
    @Timeout(120)
    void everyAliasBuildsAndAnswersHelp(String alias) throws Exception {
        var run = Course.jbang(Duration.ofSeconds(100), alias, "--help");
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("usage: jbang " + alias), run.all());
    }

    @Test
    @Timeout(120)
    void catServerServesCatsToAnyHttpClientThenStops() throws Exception {
        var process = new ProcessBuilder(Course.jbang(), "--quiet", "cat-server", "--port", "0", "--latency", "10", "--seconds", "20")
                .directory(Course.ROOT.toFile()).redirectErrorStream(true).start();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String first = lines.readLine();
            assertNotNull(first, "the server printed nothing");
            var url = Pattern.compile("(http://127\\.0\\.0\\.1:[0-9]+/cat)").matcher(first);
            assertTrue(url.find(), first);
            try (var http = HttpClient.newHttpClient()) {
                var response = http.send(HttpRequest.newBuilder(URI.create(url.group(1))).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, response.statusCode());
                assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
                var says = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/says/meow")).build(), HttpResponse.BodyHandlers.discarding());
                assertEquals(200, says.statusCode());
            }
        } finally {
            process.destroy();  // SIGTERM: the server's shutdown hook reports and stops it
            assertTrue(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the cat server did not stop on SIGTERM");
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void everyScriptCanBeRunByItsOwnShebangLine() throws Exception {
        for (String script : Course.catalog().values()) {
            Path file = Course.ROOT.resolve(script);
            assertTrue(Files.readString(file).startsWith("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?"), script + " has no shebang line");
            assertTrue(Files.isExecutable(file), script + " has no run bit: chmod +x " + script + " (and commit it)");
        }
    }

    @Test
    @Timeout(120)
    void aScriptRunsAsAProgramWithJbangOnThePath() throws Exception {
        Path jbangDir = Path.of(Course.jbang()).toAbsolutePath().getParent();
        var run = Course.run(Duration.ofSeconds(100), List.of("./scripts/Lesson04Lock.java", "--help"),
                java.util.Map.of("PATH", jbangDir + ":" + System.getenv("PATH")));
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains("usage: jbang locks"), run.all());
    }

    /** The subcommands of the jbang in use, read from its help (a subcommand wins over an alias of the same name). */
    static java.util.Set<String> jbangSubcommands() throws Exception {
        var help = Course.jbang(Duration.ofSeconds(60), "--help");
        var names = new java.util.TreeSet<String>();
        boolean inCommands = false;
        for (String line : (help.out() + help.err()).lines().toList()) {
            if (line.equals("Essentials:")) inCommands = true;
            var command = Pattern.compile("^  ([a-z][a-z-]*) {2,}\\S").matcher(line);
            if (inCommands && command.find()) names.add(command.group(1));
        }
        return names;
    }

    @Test
    @Timeout(120)
    void noAliasIsShadowedByAJbangSubcommand() throws Exception {
        var subcommands = jbangSubcommands();
        assertTrue(subcommands.containsAll(List.of("run", "build", "init", "info", "jdk")),
                "could not read jbang's subcommands from its help: " + subcommands);
        // Newer jbang releases than the one this suite runs add `lock`.
        subcommands.add("lock");
        for (String alias : Course.catalog().keySet()) {
            assertFalse(subcommands.contains(alias), "alias '" + alias + "' is a jbang subcommand: `jbang " + alias + "` would not run the lesson");
        }
    }

    @Test
    @Timeout(180)
    void aLearnersClassPathHoldsNoTestLibrary() throws Exception {
        var run = Course.jbang(Duration.ofSeconds(150), "--fresh", "info", "classpath", "scripts/Lesson02Threads.java");
        assertEquals(0, run.exit(), run.all());
        var jars = List.of(run.out().strip().split(java.io.File.pathSeparator));
        assertTrue(jars.stream().anyMatch(j -> j.contains("okhttp")), "the lib's own dependencies must be there: " + jars);
        for (String jar : jars) {
            assertFalse(jar.matches(".*/(junit|opentest4j|apiguardian|hamcrest|mockito)[^/]*\\.jar"), "a test library on the learner's class path: " + jar);
        }
    }
}
