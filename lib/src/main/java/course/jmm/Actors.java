package course.jmm;

import java.util.HashMap;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Runs two actors against fresh state many times, the way jcstress does, and counts the outcomes: trial i gives
 * each actor the same fresh object; actor 1 runs on one platform thread, actor 2 on another; the outcome is the
 * pair of what they returned, {@code "r1, r2"}.
 *
 * <p>The two threads meet before every trial (each announces the trial it is at in a volatile field and waits
 * for the other to get there), so that both actors of a trial run at nearly the same moment, which is when
 * reorderings show. A thread that waits long spins, then yields (the machine may have fewer free cores than
 * threads). The counting reads the results after both threads are joined.
 *
 * <p>Bounded: if the calling thread is interrupted (a notebook cell cancelled), both actor threads are interrupted
 * too and stop at their next meeting, and {@link InterruptedException} is thrown once they have ended. Not thread-safe: one caller at a time.
 */
public final class Actors {

    /** Trials per batch: fresh state is made a batch at a time, before the threads start on it. */
    static final int BATCH = 10_000;

    private Actors() {
    }

    /** {@code trials} trials: {@code actor1} and {@code actor2} on a fresh {@code S} each; returns their outcomes. */
    public static <S> Outcomes run(int trials, Supplier<S> fresh, ToIntFunction<S> actor1, ToIntFunction<S> actor2)
            throws InterruptedException {
        if (trials < 1) throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        var counts = new HashMap<String, Long>();
        for (int done = 0; done < trials; done += BATCH) {
            int n = Math.min(BATCH, trials - done);
            @SuppressWarnings("unchecked")
            S[] states = (S[]) new Object[n];
            for (int i = 0; i < n; i++) states[i] = fresh.get();
            int[] r1 = new int[n], r2 = new int[n];
            var meeting = new Meeting();
            Thread one = Thread.ofPlatform().name("actor 1").start(() -> {
                for (int i = 0; i < n && meeting.reach(0, i); i++) r1[i] = actor1.applyAsInt(states[i]);
            });
            Thread two = Thread.ofPlatform().name("actor 2").start(() -> {
                for (int i = 0; i < n && meeting.reach(1, i); i++) r2[i] = actor2.applyAsInt(states[i]);
            });
            try {
                one.join();
                two.join();
            } catch (InterruptedException e) {
                meeting.cancelled = true;
                one.interrupt();                        // an actor that waits or sleeps in its trial wakes up
                two.interrupt();
                one.join();
                two.join();
                throw e;
            }
            for (int i = 0; i < n; i++) counts.merge(r1[i] + ", " + r2[i], 1L, Long::sum);
        }
        return new Outcomes(counts);
    }

    /** Where the two actors are: each writes its own slot, reads the other's. */
    private static final class Meeting {
        volatile int at0 = -1, at1 = -1;
        volatile boolean cancelled;

        /** Announces trial {@code i} for actor {@code me} and waits until the other reaches it; false if cancelled. */
        boolean reach(int me, int i) {
            if (me == 0) at0 = i; else at1 = i;
            for (int spins = 0; (me == 0 ? at1 : at0) < i; spins++) {
                if (cancelled) return false;
                if (spins < 1_000) Thread.onSpinWait(); else Thread.yield();
            }
            return !cancelled;
        }
    }
}
