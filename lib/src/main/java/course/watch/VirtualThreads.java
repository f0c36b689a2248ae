package course.watch;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual threads alive in this JVM, read from a JSON thread dump
 * ({@link HotSpotDiagnosticMXBean#dumpThreads}, JDK 21+). The dump lists every virtual thread the JDK tracks,
 * which is all of them unless the JVM runs with {@code -Djdk.trackAllThreads=false} (then only those started
 * in a thread container, such as {@code Executors.newVirtualThreadPerTaskExecutor()}).
 */
final class VirtualThreads {

    /** One virtual thread as the dump shows it. */
    record Seen(long tid, String name, String state) {
    }

    // The dump writes each thread as "tid", "time", then "virtual": true for a virtual one, "name", "state".
    private static final Pattern VIRTUAL = Pattern.compile(
            "\"tid\": \"(\\d+)\",\\s*\"time\": \"[^\"]*\",\\s*\"virtual\": true,\\s*"
                    + "\"name\": \"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"state\": \"(\\w+)\"");

    private VirtualThreads() {
    }

    static List<Seen> alive() {
        Path dump = null;
        try {
            dump = Files.createTempFile("course-threads-", ".json");
            Files.delete(dump);  // dumpThreads creates the file and refuses one that exists
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toAbsolutePath().toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return parse(Files.readString(dump));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a thread dump to see virtual threads: " + e.getMessage(), e);
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException ignored) {
                    // a temporary file; nothing else to do
                }
            }
        }
    }

    static List<Seen> parse(String json) {
        List<Seen> seen = new ArrayList<>();
        Matcher m = VIRTUAL.matcher(json);
        while (m.find()) {
            seen.add(new Seen(Long.parseLong(m.group(1)), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"), m.group(3)));
        }
        return seen;
    }
}
