package course.jmm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Asks this JVM which methods its JIT has compiled: the list {@code jcmd <pid> Compiler.codelist} prints, asked
 * from inside through the {@code DiagnosticCommand} MBean. A line reads {@code <compile id> <tier> <state>
 * <class>.<method><signature> [addresses]}; tier 4 is C2, tiers 1 to 3 are C1. The list holds on-stack-replacement
 * (OSR) compilations too, without marking them: {@code -XX:+PrintCompilation} marks those with {@code %}.
 *
 * <p>Stateless and thread-safe. The first call starts the platform MBean server (a few hundred ms).
 */
public final class Jit {

    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";

    private Jit() {
    }

    /** The code list as {@code jcmd Compiler.codelist} prints it. */
    public static String codeList() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(new ObjectName(DIAGNOSTIC_COMMANDS), "compilerCodelist", null, null);
        } catch (JMException e) {
            throw new IllegalStateException("this JVM does not answer Compiler.codelist", e);
        }
    }

    /** The code list's line for {@code type.method} compiled at {@code tier}, without its addresses, if there is one. */
    public static Optional<String> compiled(Class<?> type, String method, int tier) {
        String name = type.getName() + "." + method + "(";
        return Arrays.stream(codeList().split("\n"))
                .filter(line -> line.contains(" " + name))
                .filter(line -> line.split(" ").length > 3 && line.split(" ")[1].equals(String.valueOf(tier)))
                .map(line -> line.replaceFirst(" \\[.*$", ""))
                .findFirst();
    }

    /**
     * Waits until {@code type.method} is compiled at {@code tier}, asking every 5 ms; returns its code list line.
     *
     * @throws IllegalStateException if it is not compiled at that tier within {@code patience}
     */
    public static String awaitCompiled(Class<?> type, String method, int tier, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            var line = compiled(type, method, tier);
            if (line.isPresent()) return line.get();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(type.getName() + "." + method + " was not compiled at tier " + tier + " within "
                        + patience.toMillis() + " ms (is the JIT limited, e.g. by -XX:TieredStopAtLevel or -Xint?)");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Waits until {@code thread} has run for {@code cpu} more CPU time than it had when called (by {@link ThreadMXBean}),
     * asking every 5 ms: proof that it took many more turns of its loop, not just that it exists.
     *
     * @throws IllegalStateException if it ends, or gets less than that CPU time within {@code patience}
     */
    public static void awaitCpuTime(Thread thread, Duration cpu, Duration patience) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getThreadCpuTime(thread.threadId()), deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long now = threads.getThreadCpuTime(thread.threadId());
            if (now < 0) throw new IllegalStateException("thread '" + thread.getName() + "' ended (or CPU time is not measured)");
            if (now - start >= cpu.toNanos()) return;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("thread '" + thread.getName() + "' ran only " + (now - start) / 1_000_000 + " ms of CPU in "
                        + patience.toMillis() + " ms");
            }
            Thread.sleep(5);
        }
    }
}
