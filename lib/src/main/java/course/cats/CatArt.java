package course.cats;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

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

    // ---------------------------------------------------------------- colours

    /** A real cat coat: the colours that belong together on one cat. */
    private record Coat(String name, int fur, int markings, int patch, int white, int outline, int whisker,
                        int nose, boolean usuallyBlueEyed) {
    }

    private record Pastel(int background, int accent) {
    }

    private record EyeColour(String name, int rgb) {
    }

    private static final List<Coat> COATS = List.of(
            new Coat("ginger", 0xF2A65A, 0xD47A35, 0xFFE3C2, 0xFFF7EC, 0x5C3420, 0x5C3420, 0xF08C9A, false),
            new Coat("cream", 0xF6DDB5, 0xE2B781, 0xFFF3E0, 0xFFFBF4, 0x6B4A32, 0x6B4A32, 0xF2A0A8, false),
            new Coat("black", 0x3C3C47, 0x2A2A33, 0x2A2A33, 0x54545F, 0x131318, 0xD8D8E0, 0xD98A98, false),
            new Coat("tuxedo", 0x34343D, 0x24242B, 0xFFFFFF, 0xFFFFFF, 0x111115, 0xB8B8C0, 0xF2A0B0, false),
            new Coat("grey", 0x9DA8B6, 0x74808E, 0xC9D1DA, 0xF4F6F8, 0x353D47, 0x353D47, 0xE79AAA, false),
            new Coat("brown tabby", 0xC0915F, 0x6F4A2E, 0xE2C29B, 0xFBF3E6, 0x43291A, 0x43291A, 0xD9868C, false),
            new Coat("silver tabby", 0xD4D8DD, 0x5E646C, 0xF2F3F5, 0xFFFFFF, 0x3A3F46, 0x3A3F46, 0xEFA3B0, false),
            new Coat("calico", 0xFFF8EF, 0xF0A04B, 0x3D3633, 0xFFFFFF, 0x4A3A30, 0x4A3A30, 0xF4A3B0, false),
            new Coat("tortoiseshell", 0x4A3B34, 0xC7763A, 0xE9A760, 0xF5E6D6, 0x1F1814, 0xD9D0C8, 0xC98A8A, false),
            new Coat("siamese", 0xF4E8D6, 0x6A4E3E, 0x8A6A55, 0xFFF8EE, 0x4A3628, 0x4A3628, 0xB58585, true),
            new Coat("white", 0xFBFAF7, 0xE6E0D6, 0xF3D9B1, 0xFFFFFF, 0x5A5560, 0x8A8590, 0xF6A7B6, true));

    private static final List<EyeColour> EYES = List.of(
            new EyeColour("green", 0x8CCB5E), new EyeColour("emerald", 0x4FB87A),
            new EyeColour("amber", 0xF2B33D), new EyeColour("gold", 0xE8CF4A),
            new EyeColour("copper", 0xDC8A3A), new EyeColour("hazel", 0xB8A04A),
            new EyeColour("blue", 0x7EC3EA));
    private static final EyeColour BLUE = EYES.get(EYES.size() - 1);

    private static final List<Pastel> PASTELS = List.of(
            new Pastel(0xD8F3E6, 0xBCE8D3), new Pastel(0xDCEBFA, 0xC3DAF5), new Pastel(0xE8E0F8, 0xD6C9F2),
            new Pastel(0xFDE4D6, 0xF9CFB9), new Pastel(0xFCE1EA, 0xF7C8D8), new Pastel(0xFBF3C8, 0xF3E49F),
            new Pastel(0xE0F4F4, 0xC2E6E8));

    private static final int[] COLLARS = {0xE04F5F, 0x3F7FD9, 0x8E5BD6, 0x2BA58E, 0xF06FA5, 0xF29F38};
    private static final int[] BELLS = {0xF3C443, 0xF3C443, 0xC9CFD6};

    // A different stream than the shape's, so a cat's coat does not follow from its pose.
    private static final long SCHEME_SALT = 0x5DEECE66DL * 0x9E3779B97F4A7C15L;

    /**
     * The colours of cat {@code seed}: a real coat, eyes that suit it, a pastel backdrop. Cheap (under a
     * microsecond), so {@link PngPalette#recolour} calls it per request.
     */
    public static Scheme schemeFor(long seed) {
        var random = new SplittableRandom(seed ^ SCHEME_SALT);
        Coat coat = COATS.get(random.nextInt(COATS.size()));
        EyeColour eyes = coat.usuallyBlueEyed() && random.nextInt(3) > 0 ? BLUE : EYES.get(random.nextInt(EYES.size()));
        Pastel pastel = PASTELS.get(random.nextInt(PASTELS.size()));
        int[] rgb = new int[Role.values().length];
        rgb[Role.BACKGROUND.ordinal()] = pastel.background();
        rgb[Role.BACKGROUND_ACCENT.ordinal()] = pastel.accent();
        rgb[Role.FUR.ordinal()] = coat.fur();
        rgb[Role.MARKINGS.ordinal()] = coat.markings();
        rgb[Role.OUTLINE.ordinal()] = coat.outline();
        rgb[Role.IRIS.ordinal()] = eyes.rgb();
        rgb[Role.PUPIL.ordinal()] = 0x1F1B24;
        rgb[Role.NOSE.ordinal()] = coat.nose();
        rgb[Role.WHITE.ordinal()] = coat.white();
        rgb[Role.HIGHLIGHT.ordinal()] = 0xFFFFFF;
        rgb[Role.BLUSH.ordinal()] = 0xF6A8B8;
        rgb[Role.PATCH.ordinal()] = coat.patch();
        rgb[Role.TONGUE.ordinal()] = 0xE8707F;
        rgb[Role.COLLAR.ordinal()] = COLLARS[random.nextInt(COLLARS.length)];
        rgb[Role.BELL.ordinal()] = BELLS[random.nextInt(BELLS.length)];
        rgb[Role.WHISKER.ordinal()] = coat.whisker();
        var colours = new IndexColorModel(8, rgb.length, rgb, 0, false, -1, DataBuffer.TYPE_BYTE);
        return new Scheme(coat.name(), eyes.name(), colours);
    }

    // ---------------------------------------------------------------- shapes

    private enum Head { ROUND, CHUBBY, TALL, FLUFFY }

    private enum Eyes { ROUND, WIDE, SLEEPY, HAPPY, WINK }

    private enum Markings { PLAIN, TABBY, PATCHES, EYE_PATCH }

    private enum Mouth { SMILE, BLEP, MEOW }

    private enum Backdrop { PLAIN, DOTS, STRIPES, PAWS, HEARTS, HALO }

    /**
     * Everything about a cat but its colours. Lengths are in a 256 x 256 drawing; {@code side} (+1 right,
     * -1 left) says where the one-sided things go, {@code tail} is a side or 0 for none.
     */
    private record Look(Head head, double rx, double ry, double tilt, double earSize, double earSpread,
                        boolean roundEars, Eyes eyes, double eyeSpacing, boolean slitPupils, Markings markings,
                        int side, Mouth mouth, boolean blush, boolean bib, boolean socks, int whiskers,
                        int tail, double bodyWidth, boolean collar, Backdrop backdrop) {

        static Look of(long seed) {
            var r = new SplittableRandom(seed);
            Head head = pick(r, Head.values());
            double rx = switch (head) {
                case ROUND, FLUFFY -> 80;
                case CHUBBY -> 90;
                case TALL -> 74;
            };
            double ry = switch (head) {
                case ROUND, FLUFFY -> 67;
                case CHUBBY -> 64;
                case TALL -> 71;
            };
            double tilt = r.nextDouble(-0.13, 0.13);  // radians
            double earSize = r.nextDouble(0.8, 1.2);
            double earSpread = r.nextDouble(0, 1);
            boolean roundEars = r.nextInt(3) == 0;
            Eyes eyes = pick(r, Eyes.values());
            double eyeSpacing = r.nextDouble(0.36, 0.45);
            boolean slitPupils = r.nextInt(5) == 0;  // round pupils look friendlier: keep slits rare
            Markings markings = pick(r, Markings.values());
            int side = r.nextBoolean() ? 1 : -1;
            Mouth mouth = pick(r, Mouth.values());
            boolean blush = r.nextInt(3) > 0;
            boolean bib = r.nextBoolean();
            boolean socks = r.nextInt(3) == 0;
            int whiskers = 2 + r.nextInt(2);
            int tail = r.nextInt(4) == 0 ? 0 : (r.nextBoolean() ? 1 : -1);
            double bodyWidth = r.nextDouble(66, 82);
            boolean collar = r.nextInt(5) < 2;
            Backdrop backdrop = pick(r, Backdrop.values());
            return new Look(head, rx, ry, tilt, earSize, earSpread, roundEars, eyes, eyeSpacing, slitPupils,
                    markings, side, mouth, blush, bib, socks, whiskers, tail, bodyWidth, collar, backdrop);
        }

        private static <T> T pick(SplittableRandom r, T[] values) {
            return values[r.nextInt(values.length)];
        }
    }

    // ---------------------------------------------------------------- the public drawings

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
            var painter = new Painter(g, Look.of(seed), role -> new Color(role.ordinal()));
            painter.backdrop();
            painter.cat();
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
        String words = tidy(text);
        var picture = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            AffineTransform pixels = g.getTransform();
            g.scale(size / 256.0, size / 256.0);
            var painter = new Painter(g, Look.of(seed), scheme::colour);
            painter.backdrop();
            if (!words.isEmpty()) {
                // make room above the cat for the bubble
                double k = 0.72;
                g.translate(128 * (1 - k), 256 * (1 - k));
                g.scale(k, k);
            }
            painter.cat();
            g.setTransform(pixels);
            if (!words.isEmpty()) {
                new Bubble(g, size).say(words);
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

    /** One line of at most 200 characters: a URL may carry any control character or a whole essay. */
    private static String tidy(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.codePointCount(0, line.length()) <= 200
                ? line
                : line.substring(0, line.offsetByCodePoints(0, 199)) + "…";
    }

    // ---------------------------------------------------------------- drawing

    /** Draws one cat in a 256 x 256 space; {@code ink} says how each role is painted. */
    private static final class Painter {
        private static final float LINE = 6.5f;

        private final Graphics2D g;
        private final Look look;
        private final Function<Role, Color> ink;

        Painter(Graphics2D g, Look look, Function<Role, Color> ink) {
            this.g = g;
            this.look = look;
            this.ink = ink;
        }

        void backdrop() {
            fill(new Rectangle2D.Double(-1, -1, 258, 258), Role.BACKGROUND);
            Role accent = Role.BACKGROUND_ACCENT;
            switch (look.backdrop()) {
                case PLAIN -> fill(new Rectangle2D.Double(-1, 214, 258, 43), accent);  // a floor to sit on
                case DOTS -> {
                    for (int row = 0; row < 9; row++) {
                        for (int col = 0; col < 9; col++) {
                            fill(circle(col * 32 + (row % 2) * 16, row * 32 + 8, 5.5), accent);
                        }
                    }
                }
                case STRIPES -> {
                    g.setColor(ink.apply(accent));
                    g.setStroke(new BasicStroke(13));
                    for (int x = -256; x < 512; x += 36) {
                        g.draw(new Line2D.Double(x, -4, x + 260, 260));
                    }
                }
                case PAWS -> {
                    for (int row = 0; row < 5; row++) {
                        for (int col = 0; col < 5; col++) {
                            paw(col * 64 + (row % 2) * 32 + 8, row * 56 + 20, (row + col) % 2 == 0 ? -0.4 : 0.4);
                        }
                    }
                }
                case HEARTS -> {
                    for (int row = 0; row < 6; row++) {
                        for (int col = 0; col < 6; col++) {
                            heart(col * 48 + (row % 2) * 24 + 6, row * 48 + 16);
                        }
                    }
                }
                case HALO -> fill(circle(128, 128, 112), accent);
            }
        }

        void cat() {
            if (look.tail() != 0) {
                tail(look.tail());
            }
            body();
            if (look.collar()) {
                collar();
            }
            AffineTransform before = g.getTransform();
            g.translate(128, 122);
            g.rotate(look.tilt());
            head();
            g.setTransform(before);
        }

        private void tail(int side) {
            var path = new Path2D.Double();
            path.moveTo(128 + side * 40, 240);
            path.curveTo(128 + side * 122, 250, 128 + side * 126, 190, 128 + side * 104, 150);
            stroke(path, 27, Role.OUTLINE);
            stroke(path, 27 - 2 * LINE, Role.FUR);
            if (look.markings() == Markings.TABBY) {
                Area tail = new Area(new BasicStroke((float) (27 - 2 * LINE), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND).createStrokedShape(path));
                Shape old = g.getClip();
                g.clip(tail);
                for (int i = 0; i < 3; i++) {
                    double y = 168 + i * 22;
                    stroke(new Line2D.Double(128 + side * 90, y + 10, 128 + side * 140, y - 6), 7,
                            Role.MARKINGS);
                }
                g.setClip(old);
            }
        }

        private void body() {
            double w = look.bodyWidth();
            Shape body = new Ellipse2D.Double(128 - w, 170, 2 * w, 170);
            outlined(body, Role.FUR);
            Shape old = g.getClip();
            g.clip(body);
            switch (look.markings()) {
                case TABBY -> {
                    for (int i = 0; i < 3; i++) {
                        for (int side = -1; side <= 1; side += 2) {
                            double y = 196 + i * 17;
                            stroke(new Line2D.Double(128 + side * (w + 4), y, 128 + side * (w - 24), y + 8), 7,
                                    Role.MARKINGS);
                        }
                    }
                }
                case PATCHES -> fill(new Ellipse2D.Double(128 - look.side() * w * 1.15 - 40, 200, 80, 70), Role.PATCH);
                default -> { }
            }
            if (look.bib()) {
                fill(new Ellipse2D.Double(98, 180, 60, 90), Role.WHITE);
            }
            g.setClip(old);
            for (int side = -1; side <= 1; side += 2) {
                Shape paw = new Ellipse2D.Double(128 + side * 27 - 19, 232, 38, 28);
                outlined(paw, look.socks() ? Role.WHITE : Role.FUR);
                for (int toe = -1; toe <= 1; toe += 2) {
                    double x = 128 + side * 27 + toe * 6;
                    stroke(new Line2D.Double(x, 238, x, 245), 2.5, Role.OUTLINE);
                }
            }
        }

        private void collar() {
            double rx = look.rx() * 0.62;
            double ry = look.ry() + 14;
            stroke(new Arc2D.Double(128 - rx, 122 - ry, 2 * rx, 2 * ry, 225, 90, Arc2D.OPEN), 14, Role.OUTLINE);
            stroke(new Arc2D.Double(128 - rx, 122 - ry, 2 * rx, 2 * ry, 225, 90, Arc2D.OPEN), 14 - LINE,
                    Role.COLLAR);
            Shape bell = circle(128, 122 + ry + 9, 9);
            outlined(bell, Role.BELL);
            stroke(new Line2D.Double(128, 122 + ry + 11, 128, 122 + ry + 16), 2.5, Role.OUTLINE);
            fill(circle(125, 122 + ry + 6, 2.2), Role.HIGHLIGHT);
        }

        /** The head, drawn around (0, 0) so that it can tilt. */
        private void head() {
            double rx = look.rx();
            double ry = look.ry();
            Area skull = skull(rx, ry);
            Path2D left = ear(-1, rx, ry);
            Path2D right = ear(1, rx, ry);
            Area silhouette = new Area(skull);
            silhouette.add(new Area(left));
            silhouette.add(new Area(right));
            outlined(silhouette, Role.FUR);

            Shape old = g.getClip();
            g.clip(silhouette);
            markings(rx, ry);
            g.setClip(old);
            for (Path2D ear : List.of(left, right)) {
                Area inner = new Area(innerEar(ear));
                inner.subtract(skull);
                fill(inner, Role.NOSE);
            }

            double ex = rx * look.eyeSpacing();
            double ey = ry * 0.02;
            double er = Math.min(rx, ry) * 0.215;
            muzzle(rx, ry);
            if (look.blush()) {
                for (int side = -1; side <= 1; side += 2) {
                    fill(new Ellipse2D.Double(side * rx * 0.64 - rx * 0.13, ry * 0.3, rx * 0.26, ry * 0.15), Role.BLUSH);
                }
            }
            switch (look.eyes()) {
                case ROUND -> { openEye(-ex, ey, er, er); openEye(ex, ey, er, er); }
                case WIDE -> { openEye(-ex, ey, er * 1.08, er * 1.25); openEye(ex, ey, er * 1.08, er * 1.25); }
                case SLEEPY -> { sleepyEye(-ex, ey, er); sleepyEye(ex, ey, er); }
                case HAPPY -> { happyEye(-ex, ey, er); happyEye(ex, ey, er); }
                case WINK -> {
                    // the open eye on the patched side: a closed eye ringed by a dark patch reads as a frown
                    openEye(look.side() * ex, ey, er * 1.05, er * 1.1);
                    happyEye(-look.side() * ex, ey, er);
                }
            }
            whiskers(rx, ry);
        }

        private Area skull(double rx, double ry) {
            var skull = new Area(new Ellipse2D.Double(-rx, -ry, 2 * rx, 2 * ry));
            if (look.head() == Head.FLUFFY) {
                // tufts of cheek fur
                for (int side = -1; side <= 1; side += 2) {
                    var tuft = new Path2D.Double();
                    tuft.moveTo(side * rx * 0.9, -ry * 0.05);
                    tuft.lineTo(side * rx * 1.14, ry * 0.22);
                    tuft.lineTo(side * rx * 0.93, ry * 0.32);
                    tuft.lineTo(side * rx * 1.06, ry * 0.5);
                    tuft.lineTo(side * rx * 0.7, ry * 0.62);
                    tuft.closePath();
                    skull.add(new Area(tuft));
                }
            }
            return skull;
        }

        private Path2D ear(int side, double rx, double ry) {
            Point2D outer = new Point2D.Double(side * rx * 0.94, -ry * 0.3);
            Point2D inner = new Point2D.Double(side * rx * 0.2, -ry * 0.9);
            // the head's centre is 122 px from the top: keep tall ears, even tilted, inside the picture
            Point2D tip = new Point2D.Double(side * rx * (0.72 + 0.22 * look.earSpread()),
                    Math.max(-100, -ry * (0.95 + 0.55 * look.earSize())));
            double round = look.roundEars() ? 0.32 : 0.14;
            var ear = new Path2D.Double();
            ear.moveTo(outer.getX(), outer.getY());
            ear.lineTo(between(tip, outer, round).getX(), between(tip, outer, round).getY());
            ear.quadTo(tip.getX(), tip.getY(), between(tip, inner, round).getX(), between(tip, inner, round).getY());
            ear.lineTo(inner.getX(), inner.getY());
            ear.closePath();
            return ear;
        }

        private static Shape innerEar(Path2D ear) {
            Rectangle2D box = ear.getBounds2D();
            double cx = box.getCenterX();
            double cy = box.getCenterY() + box.getHeight() * 0.08;
            var inner = AffineTransform.getTranslateInstance(cx, cy);
            inner.scale(0.55, 0.6);
            inner.translate(-cx, -box.getCenterY());
            return inner.createTransformedShape(ear);
        }

        private void markings(double rx, double ry) {
            int side = look.side();
            switch (look.markings()) {
                case PLAIN -> { }
                case TABBY -> {
                    // the tabby "M" on the forehead and stripes on the cheeks
                    for (int i = -1; i <= 1; i++) {
                        double x = i * rx * 0.2;
                        stroke(new Line2D.Double(x, -ry * 1.1, x, -ry * (i == 0 ? 0.5 : 0.62)), 8, Role.MARKINGS);
                    }
                    for (int s = -1; s <= 1; s += 2) {
                        for (int i = 0; i < 3; i++) {
                            double y = -ry * 0.12 + i * ry * 0.2;
                            stroke(new Line2D.Double(s * rx * 1.1, y, s * rx * 0.76, y + ry * 0.06), 7, Role.MARKINGS);
                        }
                    }
                }
                case PATCHES -> {
                    fill(new Ellipse2D.Double(side * rx * 0.55 - rx * 0.62, -ry * 1.5, rx * 1.24, ry * 1.2),
                            Role.MARKINGS);
                    fill(new Ellipse2D.Double(-side * rx * 0.85 - rx * 0.4, -ry * 0.2, rx * 0.8, ry * 0.75),
                            Role.PATCH);
                }
                case EYE_PATCH -> fill(new Ellipse2D.Double(side * rx * look.eyeSpacing() - rx * 0.36, -ry * 0.5,
                        rx * 0.72, ry * 0.85), Role.MARKINGS);
            }
        }

        private void muzzle(double rx, double ry) {
            double my = ry * 0.43;
            for (int side = -1; side <= 1; side += 2) {
                fill(new Ellipse2D.Double(side * rx * 0.12 - rx * 0.16, my - ry * 0.14, rx * 0.32, ry * 0.28),
                        Role.WHITE);
            }
            double nw = rx * 0.085;
            double top = ry * 0.22;
            double noseBottom = top + nw * 1.1;
            double mouthY = noseBottom + 5;
            double mw = rx * 0.12;
            if (look.mouth() == Mouth.MEOW) {
                outlined(new Ellipse2D.Double(-mw * 0.55, mouthY + mw * 0.05, mw * 1.1, mw * 1.2), Role.TONGUE);
            } else if (look.mouth() == Mouth.BLEP) {
                outlined(new RoundRectangle2D.Double(-mw * 0.45 + look.side() * 2, mouthY - 2, mw * 0.9, mw * 1.1,
                        mw * 0.8, mw * 0.8), Role.TONGUE);
            }
            var mouth = new Path2D.Double();
            mouth.moveTo(0, noseBottom);
            mouth.lineTo(0, mouthY);
            mouth.moveTo(-mw, mouthY - 2);
            mouth.quadTo(-mw * 0.5, mouthY + mw * 0.7, 0, mouthY);
            mouth.quadTo(mw * 0.5, mouthY + mw * 0.7, mw, mouthY - 2);
            stroke(mouth, 3.2, Role.OUTLINE);

            var nose = new Path2D.Double();
            nose.moveTo(-nw, top);
            nose.quadTo(0, top - nw * 0.35, nw, top);
            nose.quadTo(nw * 0.9, top + nw * 0.5, 0, noseBottom);
            nose.quadTo(-nw * 0.9, top + nw * 0.5, -nw, top);
            nose.closePath();
            stroke(nose, 3, Role.OUTLINE);
            fill(nose, Role.NOSE);
        }

        private void openEye(double x, double y, double rw, double rh) {
            Shape eye = new Ellipse2D.Double(x - rw, y - rh, 2 * rw, 2 * rh);
            stroke(eye, 5, Role.OUTLINE);
            fill(eye, Role.IRIS);
            if (look.slitPupils()) {
                fill(new Ellipse2D.Double(x - rw * 0.2, y - rh * 0.8, rw * 0.4, rh * 1.6), Role.PUPIL);
            } else {
                fill(new Ellipse2D.Double(x - rw * 0.62, y - rh * 0.55, rw * 1.24, rh * 1.24), Role.PUPIL);
            }
            // two highlights, light from the upper left, make the eyes look wet and alive
            fill(circle(x - rw * 0.3, y - rh * 0.3, rw * 0.3), Role.HIGHLIGHT);
            fill(circle(x + rw * 0.32, y + rh * 0.34, rw * 0.13), Role.HIGHLIGHT);
        }

        private void sleepyEye(double x, double y, double r) {
            // the lid's edge is a dome, not a line: a flat lid makes a cat look grumpy, a curved one drowsy
            var lid = new Rectangle2D.Double(x - r * 1.25, y - r * 0.5, r * 2.5, r * 2.8);
            Shape old = g.getClip();
            g.clip(new Ellipse2D.Double(lid.x, lid.y, lid.width, lid.height));
            openEye(x, y + r * 0.1, r, r * 0.95);
            g.setClip(old);
            // the part of the lid's edge that lies across the eye: cos(37 degrees) = 1 / 1.25
            stroke(new Arc2D.Double(lid, 37, 106, Arc2D.OPEN), 5, Role.OUTLINE);
        }

        private void happyEye(double x, double y, double r) {
            stroke(new Arc2D.Double(x - r * 0.85, y - r * 0.45, r * 1.7, r * 1.5, 15, 150, Arc2D.OPEN), 5.5,
                    Role.OUTLINE);
        }

        private void whiskers(double rx, double ry) {
            for (int side = -1; side <= 1; side += 2) {
                for (int i = 0; i < look.whiskers(); i++) {
                    double spread = look.whiskers() == 2 ? (i - 0.5) * 1.4 : i - 1;
                    var whisker = new Path2D.Double();
                    whisker.moveTo(side * rx * 0.62, ry * 0.4 + spread * 5);
                    whisker.quadTo(side * rx * 0.95, ry * 0.3 + spread * 9, side * rx * 1.28, ry * 0.3 + spread * 18);
                    stroke(whisker, 2.4, Role.WHISKER);
                }
            }
        }

        private void paw(double x, double y, double angle) {
            AffineTransform before = g.getTransform();
            g.translate(x, y);
            g.rotate(angle);
            Role accent = Role.BACKGROUND_ACCENT;
            fill(new Ellipse2D.Double(-8, -2, 16, 13), accent);
            fill(circle(-9, -7, 3.6), accent);
            fill(circle(-3.2, -11, 3.6), accent);
            fill(circle(3.2, -11, 3.6), accent);
            fill(circle(9, -7, 3.6), accent);
            g.setTransform(before);
        }

        private void heart(double x, double y) {
            var heart = new Path2D.Double();
            heart.moveTo(x, y + 3);
            heart.curveTo(x - 2, y - 5, x - 11, y - 2, x - 7, y + 5);
            heart.lineTo(x, y + 11);
            heart.lineTo(x + 7, y + 5);
            heart.curveTo(x + 11, y - 2, x + 2, y - 5, x, y + 3);
            heart.closePath();
            fill(heart, Role.BACKGROUND_ACCENT);
        }

        /** An outline half of which shows outside the shape: the cartoon look. */
        private void outlined(Shape shape, Role role) {
            stroke(shape, LINE, Role.OUTLINE);
            fill(shape, role);
        }

        private void fill(Shape shape, Role role) {
            g.setColor(ink.apply(role));
            g.fill(shape);
        }

        private void stroke(Shape shape, double width, Role role) {
            g.setColor(ink.apply(role));
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
        }

        private static Shape circle(double x, double y, double r) {
            return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        }

        private static Point2D between(Point2D from, Point2D to, double t) {
            return new Point2D.Double(from.getX() + (to.getX() - from.getX()) * t,
                    from.getY() + (to.getY() - from.getY()) * t);
        }
    }

    /** A speech bubble across the top of a {@link #says} picture, its tail pointing down at the cat. */
    private static final class Bubble {
        private static final Color PAPER = Color.WHITE;
        private static final Color INK = new Color(0x2B2B33);

        private final Graphics2D g;
        private final int size;

        Bubble(Graphics2D g, int size) {
            this.g = g;
            this.size = size;
        }

        void say(String words) {
            float maxWidth = size * 0.84f;
            float maxHeight = size * 0.22f;
            FontRenderContext frc = g.getFontRenderContext();
            List<TextLayout> lines = List.of();
            float fontSize = size * 0.1f;
            float smallest = Math.max(8f, size * 0.045f);
            for (; fontSize >= smallest; fontSize *= 0.9f) {
                lines = wrap(words, font(fontSize), frc, maxWidth);
                if (height(lines) <= maxHeight) {
                    break;
                }
            }
            if (height(lines) > maxHeight) {
                lines = cut(words, font(smallest), frc, maxWidth, maxHeight);
            }

            float textWidth = 0;
            for (TextLayout line : lines) {
                textWidth = Math.max(textWidth, line.getAdvance());
            }
            float pad = size * 0.035f;
            float w = Math.max(textWidth + 2 * pad, size * 0.3f);
            float h = height(lines) + 2 * pad;
            float x = (size - w) / 2;
            float y = size * 0.03f;
            var bubble = new Area(new RoundRectangle2D.Float(x, y, w, h, size * 0.08f, size * 0.08f));
            var tail = new Path2D.Float();
            tail.moveTo(size * 0.42f, y + h - 2);
            tail.lineTo(size * 0.52f, y + h - 2);
            tail.lineTo(size * 0.40f, y + h + size * 0.07f);
            tail.closePath();
            bubble.add(new Area(tail));
            g.setColor(PAPER);
            g.fill(bubble);
            g.setColor(INK);
            g.setStroke(new BasicStroke(Math.max(1.5f, size / 110f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(bubble);

            float baseline = y + pad;
            for (TextLayout line : lines) {
                baseline += line.getAscent();
                line.draw(g, (size - line.getAdvance()) / 2, baseline);
                baseline += line.getDescent() + line.getLeading();
            }
        }

        private static Font font(float points) {
            return new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont(points);
        }

        private static List<TextLayout> wrap(String words, Font font, FontRenderContext frc, float width) {
            var text = new AttributedString(words);
            text.addAttribute(TextAttribute.FONT, font);
            var measurer = new LineBreakMeasurer(text.getIterator(), frc);
            var lines = new ArrayList<TextLayout>();
            while (measurer.getPosition() < words.length()) {
                lines.add(measurer.nextLayout(width));
            }
            return lines;
        }

        /** As many lines as fit, the last one ending in "…". */
        private static List<TextLayout> cut(String words, Font font, FontRenderContext frc, float width, float height) {
            var text = new AttributedString(words);
            text.addAttribute(TextAttribute.FONT, font);
            var measurer = new LineBreakMeasurer(text.getIterator(), frc);
            var lines = new ArrayList<TextLayout>();
            int lastStart = 0;
            while (measurer.getPosition() < words.length()) {
                int start = measurer.getPosition();
                TextLayout line = measurer.nextLayout(width);
                lines.add(line);
                if (height(lines) > height) {
                    lines.remove(lines.size() - 1);
                    break;
                }
                lastStart = start;
            }
            if (lines.isEmpty()) {
                return lines;
            }
            String rest = words.substring(lastStart).strip();
            for (int end = rest.length(); end > 0; end = rest.offsetByCodePoints(end, -1)) {
                var last = new TextLayout(rest.substring(0, end).strip() + "…", font, frc);
                if (last.getAdvance() <= width) {
                    lines.set(lines.size() - 1, last);
                    break;
                }
            }
            return lines;
        }

        private static float height(List<TextLayout> lines) {
            float h = 0;
            for (TextLayout line : lines) {
                h += line.getAscent() + line.getDescent() + line.getLeading();
            }
            return h;
        }
    }
}
