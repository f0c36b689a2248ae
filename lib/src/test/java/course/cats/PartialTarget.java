package course.cats;

import java.nio.file.Path;

/** One download in a child JVM, for {@link CatClientHardeningTest} to stop with a signal mid-body. */
public final class PartialTarget {
    public static void main(String[] args) throws Exception {
        try (var client = new CatClient()) {
            client.download(args[0], Path.of(args[1]));
        }
    }
}
