package course.cats;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Cat pictures made from a seed, for the embedded cat server: the seed chooses the cat's shape (head, ears,
 * eyes, markings, tail, backdrop) and, through {@link #schemeFor}, its colours.
 *
 * <p>A picture from {@link #draw} is indexed: every pixel is a palette index with a fixed {@link Role}, so
 * {@link PngPalette#recolour} can give an encoded PNG a new coat by rewriting only its palette. That is how
 * a server answers thousands of requests, each with a different cat, without drawing or encoding any.
 *
 * <p>Thread-safe: no shared mutable state; every call draws on its own canvas. Works headless.
 */
public final class CatArt {

    /** 256 px: big enough to be charming in a notebook grid, small enough (~10 KB) to download by the thousand. */
    public static final int DEFAULT_SIZE = 256;
    public static final int MIN_SIZE = 32;
    public static final int MAX_SIZE = 2048;

    /** What each palette entry paints; the entry's index is the role's ordinal. */
    public enum Role {
        BACKGROUND, BACKGROUND_ACCENT, FUR, MARKINGS, OUTLINE, IRIS, PUPIL, NOSE,
        WHITE, HIGHLIGHT, BLUSH, PATCH, TONGUE, COLLAR, BELL, WHISKER
    }

    /** A colour for every {@link Role}; {@code coat} and {@code eyes} name them for people. */
    public record Scheme(String coat, String eyes, IndexColorModel colours) {
        public Color colour(Role role) {
            return new Color(colours.getRGB(role.ordinal()));
        }

        @Override
        public String toString() {
            return coat + " cat with " + eyes + " eyes";
        }
    }

    private CatArt() {
    }

    /**
     * The colours of cat {@code seed}: a real coat, eyes that suit it, a pastel backdrop. Cheap (under a
     * microsecond), so {@link PngPalette#recolour} calls it per request.
     */
    public static Scheme schemeFor(long seed) {
        return CatPalette.schemeFor(seed);
    }

    /** Cat {@code seed} at {@link #DEFAULT_SIZE}. */
    public static BufferedImage draw(long seed) {
        return draw(seed, DEFAULT_SIZE);
    }

    /**
     * Cat {@code seed}, {@code size} px square, as an indexed picture coloured by {@link #schemeFor}(seed).
     * Every pixel is exactly one {@link Role}: drawn without anti-aliasing, so no edge blends into a colour
     * the palette lacks (a recolour then changes every pixel of a role together).
     */
    public static BufferedImage draw(long seed, int size) {
        checkSize(size);
        // Each role is painted in a colour whose value is its index, then copied into the indexed picture:
        // drawing on the indexed picture directly would snap to the nearest colour, and two roles may share one.
        var canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / 256.0, size / 256.0);
            var brush = new Brush(g, role -> new Color(role.ordinal()));
            CatLook look = CatLook.of(seed);
            new CatBackdrop(brush, look.backdrop()).paint();
            new CatPainter(brush, look).paint();
        } finally {
            g.dispose();
        }
        var picture = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_INDEXED, schemeFor(seed).colours());
        int[] roles = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        byte[] indices = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < roles.length; i++) {
            indices[i] = (byte) roles[i];
        }
        return picture;
    }

    /** The picture as PNG bytes; an indexed picture keeps its palette (a PLTE chunk) for {@link PngPalette}. */
    public static byte[] png(BufferedImage picture) {
        var bytes = new ByteArrayOutputStream(16 * 1024);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // in memory: ImageIO.write would buffer through a temporary file, per request, on a server
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(picture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a memory stream does not fail; keep callers free of it
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Cat {@code seed} saying {@code text} in a speech bubble, {@code size} px square, in full colour with
     * smooth edges. Long text wraps and shrinks, and is cut with "…" if it still does not fit; blank text
     * gives a cat with nothing to say. Glyphs missing from the installed fonts show as boxes.
     */
    public static BufferedImage says(long seed, String text, int size) {
        Objects.requireNonNull(text, "text");
        checkSize(size);
        Scheme scheme = schemeFor(seed);
        SpeechBubble bubble = SpeechBubble.saying(text);
        var picture = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            AffineTransform pixels = g.getTransform();
            g.scale(size / 256.0, size / 256.0);
            var brush = new Brush(g, scheme::colour);
            CatLook look = CatLook.of(seed);
            new CatBackdrop(brush, look.backdrop()).paint();
            if (!bubble.isEmpty()) {
                // make room above the cat for the bubble
                double k = 0.72;
                g.translate(128 * (1 - k), 256 * (1 - k));
                g.scale(k, k);
            }
            new CatPainter(brush, look).paint();
            g.setTransform(pixels);
            if (!bubble.isEmpty()) {
                bubble.draw(g, size);
            }
        } finally {
            g.dispose();
        }
        return picture;
    }

    private static void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be " + MIN_SIZE + ".." + MAX_SIZE + " px, not " + size);
        }
    }
}
