package course.procs;

import java.util.ArrayList;
import java.util.List;

/**
 * A child that misbehaves on purpose, to show that a process's trouble stays in that process:
 * {@code java -cp <lib> course.procs.Mischief <what>} where what is
 * <ul>
 *   <li>{@code fine}: says so, exit code 0;</li>
 *   <li>{@code throw}: an uncaught exception, exit code 1;</li>
 *   <li>{@code exit N}: {@code System.exit(N)};</li>
 *   <li>{@code oom}: fills the heap until {@link OutOfMemoryError} (start it with a small {@code -Xmx}), exit code 1;</li>
 *   <li>{@code oom-thread}: a second thread fills a shared cache until it dies of {@link OutOfMemoryError}; the JVM goes on
 *   (exit code 0, or 3 with {@code -XX:+ExitOnOutOfMemoryError}), and main then finds the heap full too;</li>
 *   <li>{@code hang}: sleeps forever; SIGTERM ends it (exit code 143);</li>
 *   <li>{@code stubborn}: sleeps forever with a shutdown hook that never returns: SIGTERM starts the JVM's shutdown,
 *   which then waits for the hook forever; only SIGKILL ends it.</li>
 * </ul>
 */
public final class Mischief {

    /** What the oom-thread child's hoarder fills: reachable from every thread, like any cache. */
    private static final List<long[]> CACHE = new ArrayList<>();

    private Mischief() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "fine" : args[0];
        switch (what) {
            case "fine" -> System.out.println("all fine, exiting with 0");
            case "throw" -> {
                System.out.println("about to knock the vase over");
                throw new IllegalStateException("the cat knocked the vase over");
            }
            case "exit" -> {
                int code = Integer.parseInt(args.length > 1 ? args[1] : "3");
                System.out.println("calling System.exit(" + code + ")");
                System.exit(code);
            }
            case "oom" -> {
                System.out.println("eating memory, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
                List<long[]> hoard = new ArrayList<>();
                while (true) hoard.add(new long[1 << 16]);
            }
            case "oom-thread" -> {
                System.out.println("a thread fills a cache that every thread shares, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
                Thread hoarder = new Thread(() -> {
                    while (true) CACHE.add(new long[1 << 16]);
                }, "hoarder");
                hoarder.start();
                hoarder.join();  // it dies of OutOfMemoryError (its stack trace goes to stderr); the JVM goes on
                boolean allocated;
                try {
                    allocated = new byte[4 << 20].length > 0;
                } catch (OutOfMemoryError e) {
                    allocated = false;
                }
                System.out.println(allocated
                        ? "main: the hoarder is dead, the JVM goes on, and my 4 MB allocation worked"
                        : "main: the hoarder is dead, the JVM goes on, but my 4 MB allocation failed too: OutOfMemoryError");
            }
            case "hang" -> {
                System.out.println("hanging forever");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "stubborn" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    System.out.println("got SIGTERM: shutting down, but my shutdown hook never returns");
                    System.out.flush();
                    while (true) {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException ignored) {
                            // stubborn: keep sleeping
                        }
                    }
                }));
                System.out.println("hanging forever, with a shutdown hook that never returns");
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> {
                System.err.println("unknown mischief '" + what + "': fine, throw, exit N, oom, oom-thread, hang, stubborn");
                System.exit(2);
            }
        }
    }
}
