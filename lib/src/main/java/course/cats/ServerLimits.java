package course.cats;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The limits that keep the cat server answering when a local process misbehaves (half-sent requests, a
 * flood of connections). They are the JDK {@code HttpServer}'s own settings, which are system properties
 * read <em>once per JVM</em>, when the JDK's server classes first load ({@code sun.net.httpserver.ServerConfig}
 * and {@code ServerImpl} keep them in static finals): they cannot be set per server. {@link CatServer} applies
 * them in its static initialiser, before it creates its first {@code HttpServer}; a property the user set
 * on the command line ({@code -D...}) is left as it is. If some other code started an {@code HttpServer} in
 * this JVM first, the JDK's defaults (no deadline, no cap) are already fixed and these do nothing.
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime}: seconds a request's line and headers may take to arrive; a
 *       half-sent request is closed after it (checked every {@code sun.net.httpserver.timerMillis}). It ends
 *       when the headers are read (a GET has no body), so it never cuts a slow answer.</li>
 *   <li>{@code sun.net.httpserver.clockTick}: how often connections that sent nothing at all are checked;
 *       they are closed after the same deadline.</li>
 *   <li>{@code jdk.httpserver.maxConnections}: connections beyond it are closed as soon as they are
 *       accepted, so the server never runs out of file descriptors (and never spins on a failing accept).</li>
 * </ul>
 */
final class ServerLimits {

    /** How long a request's headers may take to arrive. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(3);
    /** How often the deadline is checked. */
    static final Duration DEADLINE_CHECK = Duration.ofMillis(250);
    /** File descriptors kept free for the JVM itself (jars, fonts, time-zone data, the lesson's own files). */
    static final int RESERVED_FDS = 256;

    private ServerLimits() {
    }

    static void applyToThisJvm() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_DEADLINE.toSeconds()));
        setIfAbsent("sun.net.httpserver.timerMillis", Long.toString(DEADLINE_CHECK.toMillis()));
        setIfAbsent("sun.net.httpserver.clockTick", Long.toString(DEADLINE_CHECK.toMillis()));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(connectionCap(openFileLimit())));
    }

    /**
     * The cap for an open-file limit: half of what is left after the reserve, because a lesson's client
     * usually runs in the same JVM and each of its connections costs a second descriptor there.
     */
    static int connectionCap(long openFileLimit) {
        long cap = (openFileLimit - RESERVED_FDS) / 2;
        return (int) Math.max(16, Math.min(cap, 100_000));
    }

    /** This process's open-file limit ({@code ulimit -n}), or 1024 when the platform does not say. */
    static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            if (max > 0) return max;
        }
        return 1024;
    }

    /** The cap in force (the property as the JDK read it, if nobody changed it since). */
    static int maxConnections() {
        return Integer.getInteger("jdk.httpserver.maxConnections", -1);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
