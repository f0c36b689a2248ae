package course.cats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class CatClientTest {

    static final CatServer.Settings FAST = CatServerTest.FAST;

    @TempDir
    Path folder;

    List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void savesTheWholePictureAndSaysWhoFetchedIt() throws Exception {
        try (var server = CatServer.start(FAST); var client = new CatClient()) {
            var download = client.download(server.catUrl(), folder);
            assertEquals(List.of(download.path()), filesIn(folder));
            assertEquals(Files.size(download.path()), download.bytes());
            assertNotNull(ImageIO.read(download.path().toFile()));
            assertEquals(Thread.currentThread().getName(), download.thread());
            assertTrue(download.path().getFileName().toString().endsWith(".png"));
        }
    }

    @Test
    void reportsAServerErrorAndWritesNothing() throws Exception {
        try (var server = CatServer.start(FAST.withFaults(1, 0, 0)); var client = new CatClient()) {
            var e = assertThrows(CatDownloadException.class, () -> client.download(server.catUrl(), folder));
            assertTrue(e.getMessage().startsWith("HTTP 500"), e.getMessage());
            assertEquals(List.of(), filesIn(folder));
        }
    }

    @Test
    void reportsABodyCutShortAndWritesNothing() throws Exception {
        try (var server = CatServer.start(FAST.withFaults(0, 0, 1)); var client = new CatClient()) {
            assertThrows(CatDownloadException.class, () -> client.download(server.catUrl(), folder));
            assertEquals(List.of(), filesIn(folder));
        }
    }

    @Test
    void cutsOffAStalledServerAfterItsReadTimeout() throws Exception {
        try (var server = CatServer.start(FAST.withFaults(0, 1, 0).withStall(Duration.ofMinutes(5)));
             var client = new CatClient(Duration.ofSeconds(1), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            var e = assertThrows(CatDownloadException.class, () -> client.download(server.catUrl(), folder));
            assertTrue(e.getMessage().startsWith("timed out"), e.getMessage());
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            assertEquals(List.of(), filesIn(folder));
        }
    }

    @Test
    void reportsAnUnreachableHost() {
        try (var client = new CatClient(Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            var e = assertThrows(CatDownloadException.class, () -> client.download("http://127.0.0.1:1/cat", folder));
            assertTrue(e.getMessage().startsWith("cannot connect"), e.getMessage());
        }
    }

    @Test
    void reportsAMalformedUrl() {
        try (var client = new CatClient()) {
            var e = assertThrows(CatDownloadException.class, () -> client.download("cataas.com/cat", folder));
            assertTrue(e.getMessage().startsWith("not a valid"), e.getMessage());
        }
    }

    @Test
    void reportsAFolderItCannotWrite() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("not-a-folder"), "a file where the folder should be");
        try (var server = CatServer.start(FAST); var client = new CatClient()) {
            var e = assertThrows(CatDownloadException.class, () -> client.download(server.catUrl(), notAFolder));
            assertTrue(e.getMessage().startsWith("cannot write"), e.getMessage());
        }
    }

    @Test
    void reportsAMissingFolder() throws Exception {
        try (var server = CatServer.start(FAST); var client = new CatClient()) {
            var e = assertThrows(CatDownloadException.class, () -> client.download(server.catUrl(), folder.resolve("gone")));
            assertTrue(e.getMessage().startsWith("cannot write"), e.getMessage());
        }
    }

    /** The client keeps the last URL's parsed request: asking for another URL must never fetch the old one. */
    @Test
    void eachUrlIsFetchedAsAskedWhenUrlsAlternate() throws Exception {
        try (var server = CatServer.start(FAST); var client = new CatClient()) {
            String missing = "http://127.0.0.1:" + server.port() + "/no-such-page";
            for (int round = 0; round < 2; round++) {
                client.download(server.catUrl(), folder);
                var e = assertThrows(CatDownloadException.class, () -> client.download(missing, folder));
                assertTrue(e.getMessage().startsWith("HTTP 404"), e.getMessage());
            }
            assertEquals(2, server.served());
        }
    }

    /** Many downloads into one folder at once: each file whole, under its own name, and no partial left. */
    @Test
    void manyDownloadsAtOnceIntoOneFolderLeaveOnlyWholeCats() throws Exception {
        int n = 200;
        try (var server = CatServer.start(FAST); var client = new CatClient();
             var perCat = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var downloads = new java.util.ArrayList<java.util.concurrent.Future<CatClient.Download>>();
            for (int i = 0; i < n; i++) downloads.add(perCat.submit(() -> client.download(server.catUrl(), folder)));
            for (var download : downloads) {
                var d = download.get();
                assertEquals(Files.size(d.path()), d.bytes());
            }
            assertEquals(n, filesIn(folder).size(), "a file per cat, and nothing else (no partial)");
        }
    }
}
