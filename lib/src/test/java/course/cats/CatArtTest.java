package course.cats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class CatArtTest {

    @Test
    void runsHeadlessLikeTheServer() {
        // surefire sets java.awt.headless=true; drawing must not need a display
        assertTrue(GraphicsEnvironment.isHeadless());
        assertEquals(CatArt.DEFAULT_SIZE, CatArt.draw(1).getWidth());
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100, 128, 256, 512})
    void drawsAnIndexedSquareCatOfTheAskedSize(int size) {
        for (long seed = 0; seed < 6; seed++) {
            BufferedImage cat = CatArt.draw(seed, size);
            assertEquals(BufferedImage.TYPE_BYTE_INDEXED, cat.getType());
            assertEquals(size, cat.getWidth());
            assertEquals(size, cat.getHeight());
            IndexColorModel colours = assertInstanceOf(IndexColorModel.class, cat.getColorModel());
            assertEquals(CatArt.Role.values().length, colours.getMapSize());
            // background, fur, outline, eyes, nose, whiskers... a cat, not a blank
            assertTrue(rolesUsed(cat).size() >= 8, () -> "roles used: " + rolesUsed(cat));
        }
    }

    @Test
    void paintsEveryPixelInExactlyOneRole() {
        for (long seed = 0; seed < 24; seed++) {
            for (int index : rolesUsed(CatArt.draw(seed, 128))) {
                assertTrue(index < CatArt.Role.values().length, "pixel index " + index + " has no role");
            }
        }
    }

    @Test
    void paintsTheFeaturesEveryCatHas() {
        Set<Integer> used = rolesUsed(CatArt.draw(3));
        for (CatArt.Role role : new CatArt.Role[] {CatArt.Role.BACKGROUND, CatArt.Role.FUR, CatArt.Role.OUTLINE,
                CatArt.Role.NOSE, CatArt.Role.WHITE, CatArt.Role.WHISKER}) {
            assertTrue(used.contains(role.ordinal()), role + " missing");
        }
    }

    @Test
    void sameSeedDrawsTheSameCat() {
        assertArrayEquals(pixels(CatArt.draw(42)), pixels(CatArt.draw(42)));
        assertArrayEquals(CatArt.png(CatArt.draw(42)), CatArt.png(CatArt.draw(42)));
    }

    @Test
    void theFirstTwentyFourSeedsDrawTwentyFourDifferentShapes() {
        Set<String> shapes = new HashSet<>();
        for (long seed = 0; seed < 24; seed++) {
            shapes.add(Arrays.toString(pixels(CatArt.draw(seed, 96))));
        }
        assertEquals(24, shapes.size());
    }

    @Test
    void drawIsColouredBySchemeForTheSameSeed() {
        IndexColorModel drawn = (IndexColorModel) CatArt.draw(7).getColorModel();
        IndexColorModel scheme = CatArt.schemeFor(7).colours();
        for (int i = 0; i < scheme.getMapSize(); i++) {
            assertEquals(scheme.getRGB(i), drawn.getRGB(i));
        }
    }

    @Test
    void schemesVaryOverRealCoatsAndEyes() {
        Set<String> coats = new HashSet<>();
        Set<String> eyes = new HashSet<>();
        for (long seed = 0; seed < 500; seed++) {
            CatArt.Scheme scheme = CatArt.schemeFor(seed);
            coats.add(scheme.coat());
            eyes.add(scheme.eyes());
        }
        assertTrue(coats.containsAll(Set.of("ginger", "black", "grey", "cream", "brown tabby", "calico")), coats::toString);
        assertTrue(eyes.containsAll(Set.of("green", "amber", "blue")), eyes::toString);
        assertEquals(CatArt.schemeFor(9).toString(), CatArt.schemeFor(9).toString());
    }

    @Test
    void pngKeepsThePaletteSoItCanBeRecoloured() throws IOException {
        BufferedImage cat = CatArt.draw(5);
        byte[] png = CatArt.png(cat);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        IndexColorModel colours = assertInstanceOf(IndexColorModel.class, decoded.getColorModel());
        IndexColorModel scheme = CatArt.schemeFor(5).colours();
        for (int i = 0; i < scheme.getMapSize(); i++) {
            assertEquals(scheme.getRGB(i), colours.getRGB(i), "palette entry " + i);
        }
        for (int y = 0; y < cat.getHeight(); y += 7) {
            for (int x = 0; x < cat.getWidth(); x += 7) {
                assertEquals(cat.getRGB(x, y), decoded.getRGB(x, y));
            }
        }
    }

    @Test
    void rejectsSizesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> CatArt.draw(1, 8));
        assertThrows(IllegalArgumentException.class, () -> CatArt.draw(1, 100_000));
        assertThrows(IllegalArgumentException.class, () -> CatArt.says(1, "hi", 0));
    }

    @Test
    void saysPutsTheWordsOnTheCat() {
        BufferedImage silent = CatArt.says(3, "", 256);
        BufferedImage talking = CatArt.says(3, "meow", 256);
        assertEquals(BufferedImage.TYPE_INT_RGB, talking.getType());
        assertEquals(256, talking.getWidth());
        assertFalse(Arrays.equals(rgb(silent), rgb(talking)));
    }

    @Test
    void saysWithBlankTextDrawsJustTheCat() {
        assertArrayEquals(rgb(CatArt.says(3, "", 200)), rgb(CatArt.says(3, " \t\n ", 200)));
    }

    @Test
    void saysFitsLongTextAndUnicode() {
        String essay = "Threads are like cats: they do what they want, when they want. ".repeat(40);
        for (String text : new String[] {essay, "x".repeat(5000), "Ünïcödé ✓ Ελληνικά Кошка 猫 😺", "שלום cat"}) {
            for (int size : new int[] {64, 256, 512}) {
                BufferedImage picture = CatArt.says(11, text, size);
                assertEquals(size, picture.getWidth());
                assertEquals(size, picture.getHeight());
            }
        }
    }

    @Test
    void saysRejectsNullText() {
        assertThrows(NullPointerException.class, () -> CatArt.says(1, null, 256));
    }

    private static Set<Integer> rolesUsed(BufferedImage indexed) {
        Set<Integer> used = new HashSet<>();
        for (byte b : pixels(indexed)) {
            used.add(b & 0xFF);
        }
        return used;
    }

    private static byte[] pixels(BufferedImage indexed) {
        return ((DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
    }

    private static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
