package course.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs a script's {@code main} the same way for every lesson: {@code --help} prints the usage, bad input
 * gets one line and exit code 2, a failure gets one line and exit code 1, and never a stack trace
 * (set {@code -Dcourse.trace=true} to see one).
 */
public final class Cli {

    /** What a script does once its arguments are read; it returns the exit code. */
    @FunctionalInterface
    public interface Body {
        int run(Args args) throws Exception;
    }

    private Cli() {
    }

    /** Runs {@code body} and exits the JVM with its code. */
    public static void main(String name, String usage, List<String> flags, String[] argv, Body body) {
        System.exit(run(name, usage, flags, argv, body, System.out, System.err));
    }

    public static int run(String name, String usage, List<String> flags, String[] argv, Body body,
                          PrintStream out, PrintStream err) {
        try {
            for (String word : argv) {
                if (word.equals("--help") || word.equals("-h")) {
                    out.println(usage.strip());
                    return 0;
                }
            }
            return body.run(Args.parse(argv, flags));
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage() + " (see --help)");
            return 2;
        } catch (InterruptedException e) {
            err.println(name + ": interrupted");
            return 130;
        } catch (Exception | Error e) {
            if (Boolean.getBoolean("course.trace")) e.printStackTrace(err);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println(name + ": " + message.lines().findFirst().orElse(""));
            return 1;
        }
    }
}
