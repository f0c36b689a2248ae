package course.procs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The course's Python program, {@code python/cats.py} (the note's four ways of downloading cats), run as a
 * child process against a URL, one way at a time. Finds a {@code python3} that has {@code requests} and
 * {@code aiohttp}: {@code $COURSE_PYTHON} if set (and then only it), else {@code python3} on the PATH, else
 * {@code /usr/bin/python3}.
 */
public final class PythonCats {

    /** How to get what is missing, in one line. */
    public static final String HOW_TO_GET = "Python 3 with requests and aiohttp: apt-get install python3-requests "
            + "python3-aiohttp (Debian, Ubuntu), or pip install requests aiohttp; or set COURSE_PYTHON to a python3 that has them";

    /** One way's line of output: what cats.py measured itself (downloads only, not Python's start-up). */
    public record Way(String way, int cats, int ok, int failed, double wallMs, double cpuMs, int workers, String python) {
    }

    private final String python;
    private final Path script;

    private PythonCats(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** A runner, or empty when no python3 with both packages (or no cats.py) is found; {@link #HOW_TO_GET} says what to do. */
    public static Optional<PythonCats> find() throws InterruptedException {
        Optional<Path> script = Stream.of(Path.of("python", "cats.py"), Path.of("..", "python", "cats.py")).filter(Files::isRegularFile).findFirst();
        if (script.isEmpty()) return Optional.empty();
        String chosen = System.getenv("COURSE_PYTHON");     // when set, the only one tried
        var candidates = chosen != null && !chosen.isBlank() ? List.of(chosen) : List.of("python3", "/usr/bin/python3");
        for (String candidate : candidates) {
            if (hasPackages(candidate)) return Optional.of(new PythonCats(candidate, script.get()));
        }
        return Optional.empty();
    }

    private static boolean hasPackages(String python) throws InterruptedException {
        try {
            var run = ChildRun.run(List.of(python, "-c", "import requests, aiohttp"), Duration.ofSeconds(20));
            return run.exitCode() == 0 && !run.timedOut();
        } catch (IOException e) {
            return false;                             // no such program
        }
    }

    /** The python3 that will run cats.py. */
    public String python() {
        return python;
    }

    /** Runs one of cats.py's ways ("sequential", "threads", "processes", "asyncio") and reads its JSON line. */
    public Way run(String way, String url, int n, Path out, Duration timeout) throws IOException, InterruptedException {
        var command = List.of(python, script.toString(), "--url", url, "--count", String.valueOf(n), "--way", way,
                "--out", out.toString(), "--timeout", String.valueOf(timeout.toMillis() / 1000.0));
        var run = ChildRun.run(command, timeout.plusSeconds(30));
        String line = run.output().stream().map(l -> l.replaceFirst("^\\[[0-9]+\\] ", ""))
                .filter(l -> l.startsWith("{")).findFirst().orElse(null);
        if (run.exitCode() != 0 || line == null) {
            throw new IOException("cats.py --way " + way + ": " + run.outcome() + ": " + run.lastWords());
        }
        return new Way(text(line, "way"), (int) number(line, "cats"), (int) number(line, "ok"), (int) number(line, "failed"),
                number(line, "wall_ms"), number(line, "cpu_ms"), (int) number(line, "workers"), text(line, "python"));
    }

    private static String text(String json, String field) throws IOException {
        var m = Pattern.compile("\"" + field + "\": \"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new IOException("no " + field + " in " + json);
        return m.group(1);
    }

    private static double number(String json, String field) throws IOException {
        var m = Pattern.compile("\"" + field + "\": (-?[0-9.eE+-]+)").matcher(json);
        if (!m.find()) throw new IOException("no " + field + " in " + json);
        return Double.parseDouble(m.group(1));
    }
}
