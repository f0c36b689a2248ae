package course.cats;

import course.cats.CatArt.Role;
import course.cats.CatLook.Backdrop;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import static course.cats.Brush.circle;

/** Paints what is behind the cat over the whole 256 x 256 drawing: a floor, dots, stripes, paws, hearts or a halo. */
final class CatBackdrop {
    private final Brush brush;
    private final Backdrop backdrop;

    CatBackdrop(Brush brush, Backdrop backdrop) {
        this.brush = brush;
        this.backdrop = backdrop;
    }

    void paint() {
        brush.fill(new Rectangle2D.Double(-1, -1, 258, 258), Role.BACKGROUND);
        Role accent = Role.BACKGROUND_ACCENT;
        switch (backdrop) {
            case PLAIN -> brush.fill(new Rectangle2D.Double(-1, 214, 258, 43), accent);  // a floor to sit on
            case DOTS -> {
                for (int row = 0; row < 9; row++) {
                    for (int col = 0; col < 9; col++) {
                        brush.fill(circle(col * 32 + (row % 2) * 16, row * 32 + 8, 5.5), accent);
                    }
                }
            }
            case STRIPES -> {
                var stripe = new BasicStroke(13);
                for (int x = -256; x < 512; x += 36) {
                    brush.stroke(new Line2D.Double(x, -4, x + 260, 260), stripe, accent);
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
            case HALO -> brush.fill(circle(128, 128, 112), accent);
        }
    }

    private void paw(double x, double y, double angle) {
        Role accent = Role.BACKGROUND_ACCENT;
        brush.at(x, y, angle, () -> {
            brush.fill(new Ellipse2D.Double(-8, -2, 16, 13), accent);
            brush.fill(circle(-9, -7, 3.6), accent);
            brush.fill(circle(-3.2, -11, 3.6), accent);
            brush.fill(circle(3.2, -11, 3.6), accent);
            brush.fill(circle(9, -7, 3.6), accent);
        });
    }

    private void heart(double x, double y) {
        var heart = new Path2D.Double();
        heart.moveTo(x, y + 3);
        heart.curveTo(x - 2, y - 5, x - 11, y - 2, x - 7, y + 5);
        heart.lineTo(x, y + 11);
        heart.lineTo(x + 7, y + 5);
        heart.curveTo(x + 11, y - 2, x + 2, y - 5, x, y + 3);
        heart.closePath();
        brush.fill(heart, Role.BACKGROUND_ACCENT);
    }
}
