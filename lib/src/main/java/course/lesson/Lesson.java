package course.lesson;

import course.cli.Args;
import course.cli.Cli;

/**
 * Runs a lesson script's story the same way for every lesson: {@code --help} prints the usage made from its
 * {@link Options}, bad input gets one line and exit code 2, a failure one line and exit code 1 (see
 * {@link Cli}), {@code --results FILE} receives what the run showed, and a run in which a variant did not
 * show what it declared ends with one line naming it and exit code 1.
 */
public final class Lesson {

    /** The story: what the script does once its options are read; it returns the exit code. */
    @FunctionalInterface
    public interface Story {
        int tell(Options.Given given) throws Exception;
    }

    private Lesson() {
    }

    /** Runs {@code story} and exits the JVM with its code. */
    public static void main(Options options, String[] argv, Story story) {
        System.exit(run(options, argv, story));
    }

    public static int run(Options options, String[] argv, Story story) {
        return Cli.run(options.alias(), options.usage(), options.flags(), argv, args -> tell(options, args, story),
                System.out, System.err);
    }

    private static int tell(Options options, Args args, Story story) throws Exception {
        try (var given = options.read(args)) {
            Results.to(given.results());
            try {
                int code = story.tell(given);
                var wrong = Results.notAsDeclared();
                if (code == 0 && !wrong.isEmpty()) {
                    var first = wrong.getFirst();
                    System.err.println(options.alias() + ": " + wrong.size() + " variant(s) did not show what they declare, first '"
                            + first.variant() + "' (" + first.expect() + "): showed it in " + first.showed() + " of " + first.runs() + " runs");
                    return 1;
                }
                return code;
            } finally {
                Results.close();
            }
        }
    }
}
