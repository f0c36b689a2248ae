package course.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proves a lesson cleaned up after itself: no thread it started is still alive and no child process of
 * ours is still running. Take a {@link #baseline()} before the lesson and {@link #check()} after it.
 *
 * <p>Virtual threads are counted too: {@code Thread.getAllStackTraces()} does not list them, so they are
 * read from a thread dump of this JVM ({@link VirtualThreads}).
 *
 * <p>Threads that belong to the JDK or a library's shared pool, not to the lesson, are not counted: the
 * carriers of virtual threads ({@code ForkJoinPool-*}), the JDK's I/O pollers (on Linux, JDK 25 starts them as
 * virtual threads, {@code SubPoller-N}, the first time a virtual thread blocks on a socket), and a few JDK
 * housekeeping threads.
 */
public final class Leftovers {

    private static final List<String> NOT_OURS = List.of(
            "ForkJoinPool", "Common-Cleaner", "Attach Listener", "process reaper", "JFR ", "Notification Thread",
            "Signal Dispatcher", "Reference Handler", "Finalizer", "OkHttp TaskRunner", "Java2D Disposer",
            "AWT-", "Image Fetcher", "HttpClient-", "surefire-", "junit-", "VirtualThread-unblocker", "MasterPoller",
            "Read-Poller", "Write-Poller", "SubPoller-", "Okio Watchdog",  // SubPoller-N: the JDK's own virtual
                                                                            // threads that poll for virtual threads' I/O
            "IJava-executor");  // the kernel starts a fresh cell thread after an interrupt

    private final Set<Long> before;
    private final Set<Long> virtualBefore;

    private Leftovers(Set<Long> before, Set<Long> virtualBefore) {
        this.before = before;
        this.virtualBefore = virtualBefore;
    }

    /** The threads alive now, which the check will not blame on the lesson. */
    public static Leftovers baseline() {
        return new Leftovers(Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(Collectors.toSet()),
                VirtualThreads.alive().stream().map(VirtualThreads.Seen::tid).collect(Collectors.toSet()));
    }

    /** What the lesson left running: thread names and child pids; empty when it cleaned up. */
    public List<String> found() {
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t != Thread.currentThread() && !before.contains(t.threadId())
                    && NOT_OURS.stream().noneMatch(t.getName()::startsWith)) {
                left.add("thread '" + t.getName() + "' (" + t.getState() + ")");
            }
        }
        // Thread.getAllStackTraces() lists platform threads only; virtual threads come from a thread dump.
        long self = Thread.currentThread().threadId();
        for (VirtualThreads.Seen v : VirtualThreads.alive()) {
            if (v.tid() != self && !virtualBefore.contains(v.tid())
                    && NOT_OURS.stream().noneMatch(v.name()::startsWith)) {
                left.add("virtual thread #" + v.tid() + (v.name().isEmpty() ? "" : " '" + v.name() + "'") + " (" + v.state() + ")");
            }
        }
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .forEach(p -> left.add("process " + p.pid() + " " + p.info().command().orElse("")));
        return left;
    }

    /**
     * Waits up to 2 s for stragglers to end, then throws if anything of the lesson is still running.
     * Prints one line when all is clean.
     */
    public void check() throws InterruptedException {
        List<String> left = found();
        for (int i = 0; i < 20 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = found();
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("the lesson left running: " + String.join(", ", left));
        }
        System.out.println("Nothing left running: every thread this lesson started has ended, and no child process is alive.");
    }
}
