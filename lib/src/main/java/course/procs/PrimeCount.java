package course.procs;

/**
 * A CPU-bound job with nothing to wait for: count the primes in {@code [from, to)} by trial division.
 * No allocation, no I/O, no shared state, so it splits into independent chunks for threads or processes.
 * {@code java -cp <lib> course.procs.PrimeCount <from> <to>} prints the count.
 */
public final class PrimeCount {

    private PrimeCount() {
    }

    /** How many primes lie in {@code [from, to)}. Pure: safe to call from any number of threads. */
    public static long count(long from, long to) {
        long count = 0;
        for (long n = Math.max(2, from); n < to; n++) {
            if (isPrime(n)) count++;
        }
        return count;
    }

    static boolean isPrime(long n) {
        if (n < 4) return n >= 2;
        if (n % 2 == 0) return false;
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) return false;
        }
        return true;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PrimeCount <from> <to>");
            System.exit(2);
        }
        System.out.println(count(Long.parseLong(args[0]), Long.parseLong(args[1])));
    }
}
