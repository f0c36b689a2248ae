package course.modelcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java file a child JVM compiles and runs: the learner's code, verbatim, as the body of a class
 * {@code Shared}, and around it a {@code main} that hands Lincheck one scenario to explore: a fresh
 * {@code Shared}, one platform thread per method named {@code thread...()}, started together and joined, then
 * {@code holds()} if the code has one.
 *
 * <p>The shared state lives in the fields of one object that a static field points to: Lincheck treats an
 * object that no other thread can reach yet as thread-local and puts no switch points on its accesses.
 * The learner's line {@code n} is line {@code n + 1} of the file ({@link #FIRST_LINE}), so that a step of the
 * trace can name the learner's own line.
 *
 * <p>This lib never refers to Lincheck's classes: only the generated file does, and only the child compiles it.
 */
final class CheckSource {

    /** The class the child runs. */
    static final String CLASS = "ModelChecked";

    /** The learner's first line is this line of the generated file. */
    static final int FIRST_LINE = 2;

    /** A system property that survives Lincheck's restoring of static state between runs: how many ran. */
    static final String RUNS = "course.modelcheck.runs";

    /** Fields of the scaffold, hidden from the trace a learner sees. */
    static final String FAILURE = "failure$", FAILED_IN = "failedIn$", SHARED = "shared$";

    private static final Pattern THREAD = Pattern.compile("\\bvoid\\s+(thread\\w*)\\s*\\(\\s*\\)");
    private static final Pattern HOLDS = Pattern.compile("\\bboolean\\s+holds\\s*\\(\\s*\\)");

    private CheckSource() {
    }

    /** The methods {@code void thread...()} of {@code code}, in the order they are written. */
    static List<String> threads(String code) {
        List<String> names = new ArrayList<>();
        Matcher m = THREAD.matcher(code);
        while (m.find()) {
            if (!names.contains(m.group(1))) names.add(m.group(1));
        }
        return names;
    }

    /** The line (1-based) that declares method {@code name} in {@code code}, or 0. */
    static int lineOf(String code, String name) {
        Pattern declared = Pattern.compile("\\b(void|boolean)\\s+" + Pattern.quote(name) + "\\s*\\(");
        List<String> lines = code.lines().toList();
        for (int i = 0; i < lines.size(); i++) if (declared.matcher(lines.get(i)).find()) return i + 1;
        return 0;
    }

    static boolean hasHolds(String code) {
        return HOLDS.matcher(code).find();
    }

    /** The whole file; its first line holds the imports and opens the classes, so that the code starts on line 2. */
    static String of(String code) {
        List<String> threads = threads(code);
        if (threads.size() < 2) {
            throw new IllegalArgumentException("the code needs at least two methods void thread...() to run at once, found "
                    + (threads.isEmpty() ? "none" : threads.getFirst()));
        }
        var s = new StringBuilder();
        s.append("import java.util.*; import java.util.concurrent.*; import java.util.concurrent.atomic.*; ")
                .append("import java.util.concurrent.locks.*; ")
                .append("public final class ").append(CLASS).append(" { static final class Shared { Throwable ")
                .append(FAILURE).append("; String ").append(FAILED_IN).append(";\n");
        s.append(code.stripTrailing()).append('\n');
        s.append("}\n");
        s.append("static Shared ").append(SHARED).append(";\n");
        s.append("""
                public static void main(String[] args) throws Exception {
                    int invocations = Integer.parseInt(args[0]);
                    String verdict, message = "";
                    try {
                        org.jetbrains.lincheck.Lincheck.runConcurrentTest(invocations, %1$s::once);
                        verdict = "passed";
                    } catch (org.jetbrains.lincheck.LincheckAssertionError e) {
                        verdict = "failed";
                        message = String.valueOf(e.getMessage());
                    }
                    Object runs = System.getProperties().getOrDefault("%2$s", 0);
                    java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), verdict + "\\n" + runs + "\\n" + message);
                }
                static void once() {
                    System.getProperties().merge("%2$s", 1, (a, b) -> (Integer) a + (Integer) b);
                    %3$s = new Shared();
                    Shared s = %3$s;
                """.formatted(CLASS, RUNS, SHARED));
        for (String t : threads) {
            s.append("    Thread ").append(t).append(" = new Thread(() -> { try { s.").append(t)
                    .append("(); } catch (Throwable e) { s.").append(FAILURE).append(" = e; s.").append(FAILED_IN).append(" = \"")
                    .append(t).append("\"; } }, \"").append(t).append("\");\n");
        }
        for (String t : threads) s.append("    ").append(t).append(".start();\n");
        s.append("    try {\n");
        for (String t : threads) s.append("        ").append(t).append(".join();\n");
        s.append("    } catch (InterruptedException e) { throw new IllegalStateException(e); }\n");
        s.append("    if (s.").append(FAILURE).append(" != null) throw new AssertionError(s.")
                .append(FAILED_IN).append(" + \" threw \" + s.").append(FAILURE).append(", s.").append(FAILURE).append(");\n");
        if (hasHolds(code)) {
            s.append("    if (!s.holds()) throw new AssertionError(\"holds() is false\");\n");
        }
        s.append("}\n}\n");
        return s.toString();
    }
}
