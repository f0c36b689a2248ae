package course.cats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The picture formats a download may save, each known by its Content-Type and by the first bytes of its
 * file (its "magic number"): a body that does not start the way its type says (an HTML error page or an SVG
 * labelled {@code image/png}) is not saved.
 */
enum PictureFormat {
    PNG("image/png", ".png"),
    JPEG("image/jpeg", ".jpg"),
    GIF("image/gif", ".gif"),
    WEBP("image/webp", ".webp");

    /** Enough bytes to tell every format here. */
    static final int MAGIC_LENGTH = 12;

    private final String type;
    private final String extension;

    PictureFormat(String type, String extension) {
        this.type = type;
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    String type() {
        return type;
    }

    /** The format a Content-Type names ({@code image/png; charset=...} too), if it is one we save. */
    static Optional<PictureFormat> forContentType(String contentType) {
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (bare.equals("image/jpg")) bare = "image/jpeg";
        for (PictureFormat f : values()) {
            if (f.type.equals(bare)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** Whether {@code head} (the body's first bytes, up to {@link #MAGIC_LENGTH}) starts the way this format does. */
    boolean matches(byte[] head) {
        return switch (this) {
            case PNG -> startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case JPEG -> startsWith(head, 0, 0xFF, 0xD8, 0xFF);
            case GIF -> startsWith(head, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, 0, 'G', 'I', 'F', '8', '9', 'a');
            case WEBP -> startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P');
        };
    }

    private static boolean startsWith(byte[] head, int at, int... expected) {
        if (head.length < at + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if ((head[at + i] & 0xFF) != expected[i]) return false;
        }
        return true;
    }

    /** The first bytes, printable, for an error message. */
    static String describe(byte[] head) {
        var text = new StringBuilder();
        for (byte b : Arrays.copyOf(head, Math.min(head.length, 8))) {
            text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF));
        }
        return text.toString();
    }
}
