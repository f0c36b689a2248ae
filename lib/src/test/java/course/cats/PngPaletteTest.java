package course.cats;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class PngPaletteTest {

    private static byte[] cat;

    @BeforeAll
    static void drawOneCat() {
        cat = CatArt.png(CatArt.draw(4));
    }

    @Test
    void recolouredPngDecodesToTheSameCatInNewColours() throws IOException {
        BufferedImage before = decode(cat);
        BufferedImage after = decode(PngPalette.recolour(cat, 99));
        assertEquals(before.getWidth(), after.getWidth());
        assertEquals(before.getHeight(), after.getHeight());
        IndexColorModel expected = CatArt.schemeFor(99).colours();
        IndexColorModel actual = (IndexColorModel) after.getColorModel();
        for (int i = 0; i < expected.getMapSize(); i++) {
            assertEquals(expected.getRGB(i), actual.getRGB(i), "palette entry " + i);
        }
        // same shape: every pixel keeps its palette index
        assertArrayEquals((byte[]) before.getRaster().getDataElements(0, 0, 256, 256, null),
                (byte[]) after.getRaster().getDataElements(0, 0, 256, 256, null));
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        assertArrayEquals(PngPalette.recolour(cat, 7), PngPalette.recolour(cat, 7));
    }

    @Test
    void differentSeedsGiveDifferentPalettes() {
        Set<String> palettes = new HashSet<>();
        for (long seed = 100; seed < 120; seed++) {
            palettes.add(Arrays.toString(chunk(PngPalette.recolour(cat, seed), "PLTE")));
        }
        assertTrue(palettes.size() >= 19, "only " + palettes.size() + " palettes from 20 seeds");
    }

    @Test
    void onlyThePaletteChunkChanges() {
        byte[] recoloured = PngPalette.recolour(cat, 12345);
        List<Chunk> before = chunks(cat);
        List<Chunk> after = chunks(recoloured);
        assertEquals(before.stream().map(Chunk::type).toList(), after.stream().map(Chunk::type).toList());
        assertTrue(before.stream().anyMatch(c -> c.type().equals("IDAT")));
        for (int i = 0; i < before.size(); i++) {
            Chunk was = before.get(i);
            Chunk is = after.get(i);
            assertTrue(is.crcIsRight(), is.type() + " has a wrong CRC");
            if (was.type().equals("PLTE")) {
                assertEquals(was.data().length, is.data().length);
                assertFalse(Arrays.equals(was.data(), is.data()), "palette unchanged");
            } else {
                assertArrayEquals(was.data(), is.data(), was.type() + " changed");
            }
        }
    }

    @Test
    void leavesTheInputAlone() {
        byte[] copy = cat.clone();
        PngPalette.recolour(cat, 1);
        assertArrayEquals(copy, cat);
    }

    @Test
    @Timeout(10)
    void recolouringCostsWellUnderAMillisecond() {
        long checksum = 0;
        for (int i = 0; i < 20_000; i++) {  // warm up the JIT so we measure the steady state a server sees
            checksum += PngPalette.recolour(cat, i).length;
        }
        int n = 1_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            checksum += PngPalette.recolour(cat, 1_000_000 + i).length;
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / n;
        System.out.printf("recolour: %.1f µs per %d-byte cat, average of %d (noisy on a busy machine)%n",
                micros, cat.length, n);
        assertTrue(checksum > 0);
        assertTrue(micros < 1_000, "recolour took " + micros + " µs on average");
    }

    @Test
    void rejectsBytesThatAreNotAPng() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PngPalette.recolour("GIF89a, not a cat at all".getBytes(StandardCharsets.US_ASCII), 1));
        assertTrue(e.getMessage().contains("not a PNG"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PngPalette.recolour(new byte[0], 1));
    }

    @Test
    void rejectsAPngWithoutAPalette() {
        byte[] truecolour = CatArt.png(CatArt.says(1, "", 64));
        var e = assertThrows(IllegalArgumentException.class, () -> PngPalette.recolour(truecolour, 1));
        assertTrue(e.getMessage().contains("PLTE"), e.getMessage());
    }

    @Test
    void rejectsAPngCutShort() {
        byte[] cut = Arrays.copyOf(cat, 40);  // signature, IHDR, and the first bytes of the palette
        assertThrows(IllegalArgumentException.class, () -> PngPalette.recolour(cut, 1));
    }

    private record Chunk(String type, byte[] data, int crc) {
        boolean crcIsRight() {
            var crc32 = new CRC32();
            crc32.update(type.getBytes(StandardCharsets.US_ASCII));
            crc32.update(data);
            return (int) crc32.getValue() == crc;
        }
    }

    /** The PNG's chunks in order: a reader independent of the one under test. */
    private static List<Chunk> chunks(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        List<Chunk> chunks = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] type = new byte[4];
            byte[] data = new byte[in.getInt()];
            in.get(type).get(data);
            chunks.add(new Chunk(new String(type, StandardCharsets.US_ASCII), data, in.getInt()));
        }
        return chunks;
    }

    private static byte[] chunk(byte[] png, String type) {
        return chunks(png).stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow().data();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
