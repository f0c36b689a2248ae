/**
 * Process plumbing for the processes lesson: starting a child JVM on the JDK and class path of the one
 * running the lesson ({@link course.procs.JavaLauncher}), reading a child's output prefixed by its pid
 * ({@link course.procs.Transcript}), ending a child for sure ({@link course.procs.Termination}), running one
 * with a timeout ({@link course.procs.ChildRun}), a line-protocol worker for process pools
 * ({@link course.procs.Worker}, {@link course.procs.PoolWorker}), and the children's entry points
 * ({@link course.procs.CatFetch}, {@link course.procs.NoOp}, {@link course.procs.Mischief},
 * {@link course.procs.PrimeCount}).
 *
 * <p>The lesson itself (starting, waiting, pooling, timing) is written out in the notebook and the script.
 */
package course.procs;
