package course.cats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Each run starts its cat folder afresh: the cats earlier JVMs downloaded into it (named {@code cat-<uuid>.<ext>} by
 * {@link CatClient}) are deleted the first time this JVM starts a batch there, so that a folder holds one run's cats
 * instead of growing by megabytes a run. Files of other names, and cats written since this JVM started (by it, or by
 * another run at the same time), are left alone.
 */
final class EarlierCats {

    private static final Pattern OURS = Pattern.compile("cat-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(png|jpg|gif|webp)");
    private static final Set<Path> PRUNED = ConcurrentHashMap.newKeySet();

    private EarlierCats() {
    }

    /** Deletes the cats in {@code folder} older than this JVM, once per folder and JVM; returns how many. */
    static int prune(Path folder) {
        if (!PRUNED.add(folder.toAbsolutePath().normalize())) return 0;
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "cat-*")) {
            for (Path file : files) {
                if (!OURS.matcher(file.getFileName().toString()).matches()) continue;
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(started) && Files.deleteIfExists(file)) deleted++;
                } catch (IOException gone) {
                    // deleted meanwhile by someone else: nothing to do
                }
            }
        } catch (IOException ignored) {
            // no folder yet, or not readable: nothing to prune
        }
        return deleted;
    }
}
