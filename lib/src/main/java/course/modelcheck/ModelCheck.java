package course.modelcheck;

import course.procs.ChildRun;
import course.procs.JavaLauncher;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Model-checks a learner's concurrent code with <a href="https://github.com/JetBrains/lincheck">Lincheck</a>:
 * Lincheck runs the code again and again, each time choosing where the threads switch, and stops at the first
 * order of steps that breaks it (an exception, a false {@code holds()}) or never ends (a deadlock).
 *
 * <p>The code is the body of a class: fields for the shared state, two or more methods {@code void thread...()}
 * that run at once, each on its own thread, and optionally {@code boolean holds()}, checked after they all end:
 * <pre>
 * int counter;
 * void thread1() { counter++; }
 * void thread2() { counter++; }
 * boolean holds() { return counter == 2; }
 * </pre>
 * A thread method may throw (an {@code AssertionError} of its own, an {@code InterruptedException}); the first
 * exception thrown fails the run. {@code java.util.concurrent}, its {@code atomic} and {@code locks} are imported.
 *
 * <p>The check runs in a child JVM whose class path holds Lincheck ({@link LincheckJars}); the code is compiled
 * here first ({@code javax.tools}), so that a mistake in it is reported with the learner's own line numbers.
 * The child runs for at most its budget: past it, it is ended and the verdict says so. Whatever happens (a
 * timeout, an interrupt) the child is not alive when {@link #run} returns or throws.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelCheck {

    /** Enough for the lessons' small scenarios: Lincheck ends sooner when it has tried every order it considers. */
    public static final int DEFAULT_INVOCATIONS = 300;
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);

    private ModelCheck() {
    }

    /** Checks {@code code} with {@link #DEFAULT_INVOCATIONS} runs at most, within {@link #DEFAULT_BUDGET}. */
    public static Verdict run(String code) throws IOException, InterruptedException {
        return run(code, DEFAULT_INVOCATIONS, DEFAULT_BUDGET);
    }

    /**
     * Checks {@code code}: at most {@code invocations} runs, each in an order of steps of Lincheck's choosing,
     * for at most {@code budget} (JVM start and Lincheck's set-up included: about 2 s).
     *
     * @throws IllegalArgumentException if the code has fewer than two thread methods or does not compile
     *                                  (the message names the learner's line)
     */
    public static Verdict run(String code, int invocations, Duration budget) throws IOException, InterruptedException {
        if (invocations < 1) throw new IllegalArgumentException("invocations must be at least 1, was " + invocations);
        String source = CheckSource.of(code);
        List<String> threads = CheckSource.threads(code);
        String lincheck = LincheckJars.classPath();
        Path folder = Files.createTempDirectory("course-modelcheck");
        try {
            compile(code, source, folder, lincheck);
            Path report = folder.resolve("verdict.txt");
            List<String> command = new ArrayList<>();
            command.add(JavaLauncher.java().toString());
            command.add("-XX:+EnableDynamicAgentLoading");   // Lincheck attaches its agent at run time
            command.add("-cp");
            command.add(folder + File.pathSeparator + lincheck);
            command.add(CheckSource.CLASS);
            command.add(String.valueOf(invocations));
            command.add(report.toString());
            ChildRun child = ChildRun.run(command, budget);
            if (child.timedOut()) {
                return Verdict.overBudget(code, threads, invocations, child.took());
            }
            if (child.exitCode() != 0 || !Files.isRegularFile(report)) {
                throw new IllegalStateException("the model checker's JVM ended with " + child.outcome() + ": " + child.lastWords());
            }
            return Verdict.read(Files.readString(report), code, threads, invocations, child.took());
        } finally {
            deleteAll(folder);
        }
    }

    private static void compile(String code, String source, Path folder, String classPath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no Java compiler in this JVM: run it on a JDK, not a JRE");
        Path file = folder.resolve(CheckSource.CLASS + ".java");
        Files.writeString(file, source);
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            var units = files.getJavaFileObjects(file);
            var options = List.of("-cp", classPath, "-d", folder.toString(), "-proc:none", "-g", "-nowarn");
            boolean ok = javac.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
            if (!ok) {
                var first = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).findFirst();
                long codeLines = code.lines().count();
                String where = first.map(d -> {
                    long line = d.getLineNumber() - CheckSource.FIRST_LINE + 1;
                    return line >= 1 && line <= codeLines ? "line " + line + ": " : "the scaffold around it: ";
                }).orElse("");
                throw new IllegalArgumentException("the code does not compile: " + where
                        + first.map(d -> d.getMessage(Locale.ROOT)).orElse("(no message)"));
            }
        }
    }

    private static void deleteAll(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
