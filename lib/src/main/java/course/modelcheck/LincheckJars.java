package course.modelcheck;

import course.procs.JavaLauncher;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a child JVM finds Lincheck and its dependencies (Kotlin, ASM, ByteBuddy), in this order:
 * <ol>
 *   <li>the system property {@code course.lincheck.path} (a class path), if set;</li>
 *   <li>the jars in a folder {@code lincheck/} next to where this lib came from: the lib's build copies them
 *       to {@code lib/target/lincheck/}, beside {@code lib/target/course-lib.jar} (the jar a notebook loads)
 *       and {@code lib/target/classes} (the lib's tests);</li>
 *   <li>our own {@code java.class.path}, when the system class loader sees Lincheck (a jbang script with
 *       {@code //DEPS org.jetbrains.lincheck:lincheck:3.7}).</li>
 * </ol>
 * Lincheck is never loaded into this JVM: in a Jupyter kernel its class-file transformer fails
 * ({@code ClassCircularityError}) on the classes the kernel defines.
 */
final class LincheckJars {

    static final String PROPERTY = "course.lincheck.path";
    static final String LINCHECK = "org.jetbrains.lincheck.Lincheck";

    private LincheckJars() {
    }

    /** A class path holding Lincheck, or an exception that says how to get one. */
    static String classPath() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) return given;
        Path folder = libFolder().resolve("lincheck");
        try (Stream<Path> jars = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            List<String> found = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
            if (found.stream().anyMatch(p -> Path.of(p).getFileName().toString().startsWith("lincheck-"))) {
                return String.join(File.pathSeparator, found);
            }
        } catch (IOException e) {
            // not there: try our own class path
        }
        try {
            Class.forName(LINCHECK, false, ClassLoader.getSystemClassLoader());
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !entry.isEmpty())
                    .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (ClassNotFoundException | LinkageError e) {
            // reported below
        }
        throw new IllegalStateException("Lincheck is not on the class path and not in " + folder
                + ": in a script add //DEPS org.jetbrains.lincheck:lincheck:3.7; for a notebook build the lib (./course setup)");
    }

    /** {@code lib/target/} for both {@code target/classes} and {@code target/course-lib.jar}. */
    private static Path libFolder() {
        try {
            Path home = Path.of(JavaLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return home.toAbsolutePath().normalize().getParent();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw new IllegalStateException("cannot tell where the course lib was loaded from", e);
        }
    }
}
