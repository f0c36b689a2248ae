package course.show;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The cats a lesson downloaded, as one picture: a grid of thumbnails, each captioned (e.g. by thread). */
public final class CatGrid {

    /** One picture of the grid and the words under it. */
    public record Tile(Path file, String caption) {
    }

    private CatGrid() {
    }

    /** A grid of at most {@code max} tiles, {@code columns} wide, each thumbnail {@code size} px. */
    public static BufferedImage draw(List<Tile> tiles, int columns, int size, int max) {
        List<Tile> shown = tiles.subList(0, Math.min(max, tiles.size()));
        int cols = Math.max(1, Math.min(columns, shown.size()));
        int rows = Math.max(1, (shown.size() + cols - 1) / cols);
        int gap = 6;
        int captionHeight = 16;
        int cellW = size + gap;
        int cellH = size + captionHeight + gap;
        var image = new BufferedImage(cols * cellW + gap, rows * cellH + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < shown.size(); i++) {
                int x = gap + (i % cols) * cellW;
                int y = gap + (i / cols) * cellH;
                Tile tile = shown.get(i);
                BufferedImage cat = read(tile.file());
                if (cat == null) {
                    g.setColor(Color.LIGHT_GRAY);
                    g.fillRect(x, y, size, size);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString("unreadable", x + 8, y + size / 2);
                } else {
                    g.drawImage(cat, x, y, size, size, null);
                }
                g.setColor(Color.DARK_GRAY);
                String caption = fit(g, tile.caption(), size);
                g.drawString(caption, x + (size - g.getFontMetrics().stringWidth(caption)) / 2, y + size + 12);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Up to 20 tiles, 10 per row, 80 px each: fits a notebook's width. */
    public static BufferedImage draw(List<Tile> tiles) {
        return draw(tiles, 10, 80, 20);
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static String fit(Graphics2D g, String text, int width) {
        String s = text == null ? "" : text;
        while (s.length() > 1 && g.getFontMetrics().stringWidth(s) > width) {
            s = s.substring(0, s.length() - 2) + "…";
        }
        return s;
    }
}
