package course.modelcheck;

/** Each hazard the lessons teach, broken and fixed, as code for the model checker. */
final class Scenarios {

    private Scenarios() {
    }

    static final String LOST_UPDATE = """
            int counter;
            void thread1() { counter++; }
            void thread2() { counter++; }
            boolean holds() { return counter == 2; }
            """;

    static final String LOST_UPDATE_FIXED = """
            int counter;
            void thread1() { increment(); }
            void thread2() { increment(); }
            synchronized void increment() { counter++; }
            boolean holds() { return counter == 2; }
            """;

    static final String CHECK_THEN_ACT = """
            final Map<String, Integer> cache = new ConcurrentHashMap<>();
            int computed;
            void thread1() { lookUp("cat"); }
            void thread2() { lookUp("cat"); }
            void lookUp(String key) {
                if (!cache.containsKey(key)) {
                    computed++;
                    cache.put(key, key.length());
                }
            }
            boolean holds() { return computed == 1; }
            """;

    static final String CHECK_THEN_ACT_FIXED = """
            final Map<String, Integer> cache = new ConcurrentHashMap<>();
            int computed;
            void thread1() { lookUp("cat"); }
            void thread2() { lookUp("cat"); }
            void lookUp(String key) {
                cache.computeIfAbsent(key, k -> { computed++; return k.length(); });
            }
            boolean holds() { return computed == 1; }
            """;

    static final String OVER_RELEASE = """
            final Semaphore permits = new Semaphore(1);
            int inside;
            void thread1() { download(); }
            void thread2() { download(); }
            void download() {
                boolean done = false;
                while (!done) {
                    try {
                        if (permits.tryAcquire()) {
                            inside++;
                            if (inside > 1) throw new AssertionError(inside + " inside at once");
                            inside--;
                            done = true;
                        }
                    } finally {
                        permits.release();
                    }
                }
            }
            """;

    static final String OVER_RELEASE_FIXED = """
            final Semaphore permits = new Semaphore(1);
            int inside;
            void thread1() { download(); }
            void thread2() { download(); }
            void download() {
                while (!permits.tryAcquire()) {
                    Thread.yield();
                }
                try {
                    inside++;
                    if (inside > 1) throw new AssertionError(inside + " inside at once");
                    inside--;
                } finally {
                    permits.release();
                }
            }
            """;

    static final String OPPOSITE_ORDER = """
            final ReentrantLock left = new ReentrantLock(), right = new ReentrantLock();
            void thread1() { both(left, right); }
            void thread2() { both(right, left); }
            void both(Lock first, Lock second) {
                first.lock();
                try {
                    second.lock();
                    second.unlock();
                } finally {
                    first.unlock();
                }
            }
            """;

    static final String SAME_ORDER = OPPOSITE_ORDER.replace("both(right, left)", "both(left, right)");

    /** Lesson 06's dinner, three seats: each philosopher takes his left fork, then his right. */
    static final String PHILOSOPHERS = """
            final Object[] forks = { new Object(), new Object(), new Object() };
            void thread1() { dine(0); }
            void thread2() { dine(1); }
            void thread3() { dine(2); }
            void dine(int seat) {
                Object left = forks[seat], right = forks[(seat + 1) % forks.length];
                synchronized (left) {
                    synchronized (right) {
                        // eat
                    }
                }
            }
            """;

    /** The fix: the lower-numbered fork first, so the last philosopher reaches right first. */
    static final String PHILOSOPHERS_ORDERED = PHILOSOPHERS.replace(
            "Object left = forks[seat], right = forks[(seat + 1) % forks.length];",
            "Object left = forks[Math.min(seat, (seat + 1) % 3)], right = forks[Math.max(seat, (seat + 1) % 3)];");
}
