package course.cats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** A cat folder holds one run's cats: an earlier run's are pruned when a batch starts, nothing else is touched. */
class EarlierCatsTest {

    static final String OLD_CAT = "cat-0f8fad5b-d9cb-469f-a165-70867728950e.png";

    @Test
    void aBatchDeletesAnEarlierRunsCatsAndKeepsEverythingElse(@TempDir Path folder) throws Exception {
        Instant beforeThisJvm = Instant.now().minus(Duration.ofDays(1));
        for (String name : List.of(OLD_CAT, "cat-my-own.png", "notes.txt")) {
            Files.writeString(folder.resolve(name), "x");
            Files.setLastModifiedTime(folder.resolve(name), FileTime.from(beforeThisJvm));
        }
        try (var server = CatServer.start(CatServerTest.FAST); var client = new CatClient()) {
            var batch = new CatBatch(client, server.catUrl(), folder, course.timeline.Timeline.start());
            batch.fetch(0);
            batch.fetch(1);
            assertEquals(List.of("cat-my-own.png", "notes.txt"), names(folder).filter(n -> !isACourseCat(n)).toList());
            assertEquals(2, names(folder).filter(EarlierCatsTest::isACourseCat).count(), "the earlier run's cat is gone, this run's two stay");
            new CatBatch(client, server.catUrl(), folder, course.timeline.Timeline.start()).fetch(2);
            assertEquals(3, names(folder).filter(EarlierCatsTest::isACourseCat).count(), "a second batch in the same run keeps the first one's cats");
        }
    }

    private static boolean isACourseCat(String name) {
        return name.matches("cat-[0-9a-f-]{36}\\.png");
    }

    private static Stream<String> names(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }
}
