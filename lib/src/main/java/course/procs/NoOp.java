package course.procs;

/** A child JVM that does nothing: what is left to time is the cost of a process itself. */
public final class NoOp {

    private NoOp() {
    }

    public static void main(String[] args) {
        // nothing: start, load this class, exit 0
    }
}
