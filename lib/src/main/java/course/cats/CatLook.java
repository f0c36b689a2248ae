package course.cats;

import java.util.SplittableRandom;

/**
 * Which cat: everything about it but its colours, chosen by a seed. Lengths are in a 256 x 256 drawing;
 * {@code side} (+1 right, -1 left) says where the one-sided things go, {@code tail} is a side or 0 for none.
 */
record CatLook(Head head, double rx, double ry, double tilt, double earSize, double earSpread,
               boolean roundEars, Eyes eyes, double eyeSpacing, boolean slitPupils, Markings markings,
               int side, Mouth mouth, boolean blush, boolean bib, boolean socks, int whiskers,
               int tail, double bodyWidth, boolean collar, Backdrop backdrop) {

    enum Head { ROUND, CHUBBY, TALL, FLUFFY }

    enum Eyes { ROUND, WIDE, SLEEPY, HAPPY, WINK }

    enum Markings { PLAIN, TABBY, PATCHES, EYE_PATCH }

    enum Mouth { SMILE, BLEP, MEOW }

    enum Backdrop { PLAIN, DOTS, STRIPES, PAWS, HEARTS, HALO }

    /** The look of cat {@code seed}: the same seed always gives the same cat. */
    static CatLook of(long seed) {
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
        return new CatLook(head, rx, ry, tilt, earSize, earSpread, roundEars, eyes, eyeSpacing, slitPupils,
                markings, side, mouth, blush, bib, socks, whiskers, tail, bodyWidth, collar, backdrop);
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
