package course.benchmarks;

/** A child JVM's smallest job: start, then end. */
public final class Nothing {
    public static void main(String[] args) {
    }
}
