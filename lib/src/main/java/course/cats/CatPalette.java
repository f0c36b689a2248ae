package course.cats;

import course.cats.CatArt.Role;
import course.cats.CatArt.Scheme;

import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.util.List;
import java.util.SplittableRandom;

/** The colours a cat can have: real coats, eyes that suit them, pastel backdrops, collars and bells. */
final class CatPalette {

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

    private CatPalette() {
    }

    /** The colours of cat {@code seed}: a real coat, eyes that suit it, a pastel backdrop. */
    static Scheme schemeFor(long seed) {
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
}
