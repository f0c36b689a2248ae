package course.modelcheck;

/**
 * One step of a failing run, as Lincheck reported it.
 *
 * @param lane   the index of the thread's lane in {@link Verdict#lanes()}
 * @param code   what the step did, as Lincheck writes it: {@code counter ➜ 0} (a read that saw 0),
 *               {@code counter = 1} (a write), {@code permits.release()} (a call), {@code MONITORENTER}
 *               (entering a {@code synchronized} block)
 * @param depth  0 for a step of the thread method itself, 1 inside a method it called, and so on
 * @param line   the learner's line (1-based) the step ran, 0 if none (a switch)
 * @param switchHere true if the thread was switched out here (Lincheck chose to run another thread, or this
 *               one had to wait), with {@code code} giving the reason
 */
public record Step(int lane, String code, int depth, int line, boolean switchHere) {
}
