package course.procs;

/**
 * A CPU-bound job with nothing to wait for: count the primes below a limit by trial division.
 * No allocation, no I/O, no shared state, so it splits into independent shares for threads or processes.
 * Big numbers cost more than small ones, so a share is not a range but every {@code shares}-th block of
 * {@value #BLOCK} numbers: the shares then cost about the same.
 * {@code java -cp <lib> course.procs.PrimeCount <limit> <share> <shares>} prints the count of one share.
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

    /** Numbers per block of a share. */
    public static final int BLOCK = 10_000;

    /** The primes below {@code limit} in share {@code share} of {@code shares}: blocks share, share + shares, ... */
    public static long countShare(long limit, int share, int shares) {
        if (share < 0 || share >= shares) throw new IllegalArgumentException("share " + share + " of " + shares);
        long count = 0;
        for (long block = (long) share * BLOCK; block < limit; block += (long) shares * BLOCK) {
            count += count(block, Math.min(limit, block + BLOCK));
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
        if (args.length != 3) {
            System.err.println("usage: PrimeCount <limit> <share> <shares>");
            System.exit(2);
        }
        System.out.println(countShare(Long.parseLong(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    }
}
