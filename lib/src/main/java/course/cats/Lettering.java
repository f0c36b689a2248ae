package course.cats;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/** Words set in bold lines that fit a box: wrapped, shrunk as far as needed, and as a last resort cut with "…". */
record Lettering(List<TextLayout> lines) {

    /** {@code words} in lines at most {@code width} wide and together at most {@code height} high. */
    static Lettering fit(String words, FontRenderContext frc, float width, float height, float largest,
                         float smallest) {
        List<TextLayout> lines = List.of();
        for (float fontSize = largest; fontSize >= smallest; fontSize *= 0.9f) {
            lines = wrap(words, font(fontSize), frc, width);
            if (height(lines) <= height) {
                break;
            }
        }
        if (height(lines) > height) {
            lines = cut(words, font(smallest), frc, width, height);
        }
        return new Lettering(lines);
    }

    float width() {
        float width = 0;
        for (TextLayout line : lines) {
            width = Math.max(width, line.getAdvance());
        }
        return width;
    }

    float height() {
        return height(lines);
    }

    /** Draws the lines from {@code top} down, each centred across {@code across}, a width from x = 0. */
    void draw(Graphics2D g, float across, float top) {
        float baseline = top;
        for (TextLayout line : lines) {
            baseline += line.getAscent();
            line.draw(g, (across - line.getAdvance()) / 2, baseline);
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
