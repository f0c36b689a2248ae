package course.procs;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Command lines for child JVMs that run a class of this lib: the {@code java} of the JDK running the lesson
 * (never whatever {@code java} comes first on the PATH), and a class path that holds the lib and its
 * dependencies, found the same way in a notebook, a jbang script and a test.
 *
 * <p>Stateless and thread-safe; the class path is worked out once.
 */
public final class JavaLauncher {

    /** For {@link ProcessBuilder#redirectInput}: a child reads end-of-input at once and can never wait on our keyboard. */
    public static final ProcessBuilder.Redirect NO_STDIN = ProcessBuilder.Redirect.from(
            new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null"));

    private static volatile String classPath;

    private JavaLauncher() {
    }

    /** The {@code java} launcher of the JDK this JVM runs on ({@code java.home}). */
    public static Path java() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            return ProcessHandle.current().info().command().map(Path::of)
                    .orElseThrow(() -> new IllegalStateException("cannot find the java launcher of " + home));
        }
        return java;
    }

    /** {@code java -cp <lib> <main> <args>}. */
    public static List<String> command(Class<?> main, String... args) {
        return command(List.of(), main, args);
    }

    /** {@code java <jvmOptions> -cp <lib> <main> <args>}, e.g. with {@code -Xmx16m}. */
    public static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(jvmOptions);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classPath());
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * A class path on which a child finds this lib and its dependencies (okhttp):
     * <ol>
     *   <li>our own {@code java.class.path}, when the system class loader sees both (a jbang script: the lib
     *       jar in ~/.m2 plus its dependencies; a test run);</li>
     *   <li>else the jar this class came from, when it carries okhttp inside (a notebook:
     *       {@code lib/target/course-lib.jar}, the shaded jar loaded with {@code %jars});</li>
     *   <li>else a shaded {@code course-lib.jar} next to it.</li>
     * </ol>
     */
    public static String classPath() {
        String found = classPath;
        if (found == null) {
            found = findClassPath();
            classPath = found;
        }
        return found;
    }

    private static String findClassPath() {
        if (systemLoaderSees(JavaLauncher.class.getName()) && systemLoaderSees("okhttp3.OkHttpClient")) {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !entry.isEmpty())
                    .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                    .collect(Collectors.joining(File.pathSeparator));
        }
        Path home = whereThisClassCameFrom().toAbsolutePath().normalize();
        if (isShadedLib(home)) return home.toString();
        Path folder = home.getParent();  // target/ for both target/classes and target/course-lib-1.0.0.jar
        Path shaded = folder.resolve("course-lib.jar");
        if (isShadedLib(shaded)) return shaded.toString();
        throw new IllegalStateException("cannot build a class path for a child JVM: the lib came from " + home
                + ", which does not hold okhttp, and no shaded course-lib.jar is next to it (run ./course setup)");
    }

    private static boolean systemLoaderSees(String className) {
        try {
            Class.forName(className, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Path whereThisClassCameFrom() {
        try {
            return Path.of(JavaLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw new IllegalStateException("cannot tell where the course lib was loaded from", e);
        }
    }

    private static boolean isShadedLib(Path jar) {
        if (!Files.isRegularFile(jar)) return false;
        try (var file = new JarFile(jar.toFile())) {
            return file.getEntry("okhttp3/OkHttpClient.class") != null
                    && file.getEntry(JavaLauncher.class.getName().replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
