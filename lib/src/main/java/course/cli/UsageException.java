package course.cli;

/** Bad input on a script's command line; its message is the one line the learner sees. */
public final class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
