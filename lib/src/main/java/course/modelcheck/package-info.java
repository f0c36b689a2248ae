/**
 * Model checking for the learner's own concurrent code: {@link course.modelcheck.ModelCheck} hands the code to
 * <a href="https://github.com/JetBrains/lincheck">Lincheck</a> in a child JVM, which runs it in one order of
 * steps after another until one breaks it or hangs it; the {@link course.modelcheck.Verdict} brings that order back
 * as data ({@link course.modelcheck.Step}s per thread, its switches and what broke), drawn by
 * {@link course.modelcheck.InterleavingPicture} and written out by {@link course.modelcheck.InterleavingText}.
 *
 * <p>No class here refers to Lincheck: every lesson script compiles the whole lib, and a Jupyter kernel cannot
 * host Lincheck's class-file transformer. Lincheck explores interleavings under sequential consistency: the
 * reorderings that the Java memory model allows (the memory-model lesson's) are outside what it can find.
 */
package course.modelcheck;
