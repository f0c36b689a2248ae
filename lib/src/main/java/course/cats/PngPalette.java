package course.cats;

import java.awt.image.IndexColorModel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Gives an indexed PNG new colours by rewriting its palette (the PLTE chunk) and nothing else.
 *
 * <p>The pixels (IDAT) stay compressed as they are: a copy, a few dozen bytes written and one CRC, a few
 * microseconds for a 256 px cat where drawing and encoding one costs milliseconds. With {@link CatArt}'s fixed
 * palette roles, the result is the same cat in a different coat.
 *
 * <p>Thread-safe: stateless.
 */
public final class PngPalette {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int PLTE = type("PLTE");
    private static final int IDAT = type("IDAT");
    private static final int IEND = type("IEND");

    private PngPalette() {
    }

    /** {@code png} in the colours of {@link CatArt#schemeFor}(seed); the input is left untouched. */
    public static byte[] recolour(byte[] png, long seed) {
        return recolour(png, CatArt.schemeFor(seed).colours());
    }

    /**
     * {@code png} with its first palette entries replaced by {@code colours} (red, green, blue; alpha is
     * ignored). Entries beyond {@code colours} keep their old colour.
     *
     * @throws IllegalArgumentException when {@code png} is not a whole PNG or has no palette
     */
    public static byte[] recolour(byte[] png, IndexColorModel colours) {
        int palette = findPalette(png);
        int length = readInt(png, palette);
        int data = palette + 8;
        byte[] recoloured = png.clone();
        int entries = Math.min(length / 3, colours.getMapSize());
        for (int i = 0; i < entries; i++) {
            int rgb = colours.getRGB(i);
            recoloured[data + 3 * i] = (byte) (rgb >> 16);
            recoloured[data + 3 * i + 1] = (byte) (rgb >> 8);
            recoloured[data + 3 * i + 2] = (byte) rgb;
        }
        // a PNG decoder may reject a chunk whose CRC (over type and data) does not match
        var crc = new CRC32();
        crc.update(recoloured, palette + 4, 4 + length);
        writeInt(recoloured, data + length, (int) crc.getValue());
        return recoloured;
    }

    /** Where the PLTE chunk starts (its length field), after checking the chunks up to it. */
    private static int findPalette(byte[] png) {
        if (png.length < SIGNATURE.length + 12 || !startsWithSignature(png)) {
            throw new IllegalArgumentException("not a PNG: the bytes do not start with the PNG signature");
        }
        int at = SIGNATURE.length;
        while (at + 12 <= png.length) {
            long length = readInt(png, at) & 0xFFFF_FFFFL;
            int type = readInt(png, at + 4);
            if (length > png.length - at - 12) {
                throw new IllegalArgumentException("not a whole PNG: chunk " + name(type) + " at byte " + at
                        + " claims " + length + " bytes, past the end");
            }
            if (type == PLTE) {
                if (length == 0 || length % 3 != 0 || length > 256 * 3) {
                    throw new IllegalArgumentException("broken PNG: a PLTE chunk of " + length + " bytes");
                }
                return at;
            }
            if (type == IDAT || type == IEND) {
                break;  // the palette, if any, comes before the pixels
            }
            at += 12 + (int) length;
        }
        throw new IllegalArgumentException("PNG has no palette (PLTE chunk): only indexed-colour PNGs, "
                + "such as CatArt.png(CatArt.draw(...)), can be recoloured");
    }

    private static boolean startsWithSignature(byte[] png) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    private static int type(String name) {
        return readInt(name.getBytes(StandardCharsets.US_ASCII), 0);
    }

    private static String name(int type) {
        return new String(new byte[] {(byte) (type >>> 24), (byte) (type >>> 16), (byte) (type >>> 8), (byte) type},
                StandardCharsets.ISO_8859_1);
    }
}
