package course.cats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/** A speech bubble across the top of a square picture, its tail pointing down at the cat, its words inside. */
final class SpeechBubble {
    private static final Color PAPER = Color.WHITE;
    private static final Color INK = new Color(0x2B2B33);

    private final String words;

    private SpeechBubble(String words) {
        this.words = words;
    }

    /**
     * A bubble for {@code text} as one line of at most 200 characters: a URL may carry any control character
     * or a whole essay.
     */
    static SpeechBubble saying(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return new SpeechBubble(line.codePointCount(0, line.length()) <= 200
                ? line
                : line.substring(0, line.offsetByCodePoints(0, 199)) + "…");
    }

    /** Whether there is nothing to say (blank text): then there is no bubble either. */
    boolean isEmpty() {
        return words.isEmpty();
    }

    /** Draws the bubble on {@code g}, {@code size} px square in pixel coordinates. */
    void draw(Graphics2D g, int size) {
        var lettering = Lettering.fit(words, g.getFontRenderContext(), size * 0.84f, size * 0.22f, size * 0.1f,
                Math.max(8f, size * 0.045f));
        float pad = size * 0.035f;
        float w = Math.max(lettering.width() + 2 * pad, size * 0.3f);
        float h = lettering.height() + 2 * pad;
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
        lettering.draw(g, size, y + pad);
    }
}
