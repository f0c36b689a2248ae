/**
 * Plumbing for the memory-model lesson: two actors run against fresh state many times and their outcomes
 * counted, the way jcstress runs its tests ({@link course.jmm.Actors}, {@link course.jmm.Outcomes}); the
 * outcome counts drawn as a chart and printed as a table ({@link course.jmm.OutcomeChart}); asking the JVM
 * which of its methods the JIT has compiled, and at which tier ({@link course.jmm.Jit}); the happens-before
 * edges drawn in one picture ({@link course.jmm.HappensBefore}).
 *
 * <p>The lesson itself (the racy fields, the flags, their fixes) is written out in the notebook and the script.
 */
package course.jmm;
