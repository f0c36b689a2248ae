package course.cats;

import course.cats.CatArt.Role;
import course.cats.CatLook.Markings;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

import static course.cats.Brush.LINE;
import static course.cats.Brush.circle;

/** Paints one cat in a 256 x 256 drawing, in front of what is there: tail, body, collar and its tilted head. */
final class CatPainter {
    private final Brush brush;
    private final CatLook look;

    CatPainter(Brush brush, CatLook look) {
        this.brush = brush;
        this.look = look;
    }

    void paint() {
        if (look.tail() != 0) {
            tail(look.tail());
        }
        body();
        if (look.collar()) {
            collar();
        }
        brush.at(128, 122, look.tilt(), new CatHead(brush, look)::paint);
    }

    private void tail(int side) {
        var path = new Path2D.Double();
        path.moveTo(128 + side * 40, 240);
        path.curveTo(128 + side * 122, 250, 128 + side * 126, 190, 128 + side * 104, 150);
        brush.stroke(path, 27, Role.OUTLINE);
        brush.stroke(path, 27 - 2 * LINE, Role.FUR);
        if (look.markings() == Markings.TABBY) {
            Area tail = new Area(new BasicStroke(27 - 2 * LINE, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND).createStrokedShape(path));
            brush.clipped(tail, () -> {
                for (int i = 0; i < 3; i++) {
                    double y = 168 + i * 22;
                    brush.stroke(new Line2D.Double(128 + side * 90, y + 10, 128 + side * 140, y - 6), 7,
                            Role.MARKINGS);
                }
            });
        }
    }

    private void body() {
        double w = look.bodyWidth();
        Shape body = new Ellipse2D.Double(128 - w, 170, 2 * w, 170);
        brush.outlined(body, Role.FUR);
        brush.clipped(body, () -> {
            switch (look.markings()) {
                case TABBY -> {
                    for (int i = 0; i < 3; i++) {
                        for (int side = -1; side <= 1; side += 2) {
                            double y = 196 + i * 17;
                            brush.stroke(new Line2D.Double(128 + side * (w + 4), y, 128 + side * (w - 24), y + 8), 7,
                                    Role.MARKINGS);
                        }
                    }
                }
                case PATCHES -> brush.fill(new Ellipse2D.Double(128 - look.side() * w * 1.15 - 40, 200, 80, 70),
                        Role.PATCH);
                default -> { }
            }
            if (look.bib()) {
                brush.fill(new Ellipse2D.Double(98, 180, 60, 90), Role.WHITE);
            }
        });
        for (int side = -1; side <= 1; side += 2) {
            Shape paw = new Ellipse2D.Double(128 + side * 27 - 19, 232, 38, 28);
            brush.outlined(paw, look.socks() ? Role.WHITE : Role.FUR);
            for (int toe = -1; toe <= 1; toe += 2) {
                double x = 128 + side * 27 + toe * 6;
                brush.stroke(new Line2D.Double(x, 238, x, 245), 2.5, Role.OUTLINE);
            }
        }
    }

    private void collar() {
        double rx = look.rx() * 0.62;
        double ry = look.ry() + 14;
        var band = new Arc2D.Double(128 - rx, 122 - ry, 2 * rx, 2 * ry, 225, 90, Arc2D.OPEN);
        brush.stroke(band, 14, Role.OUTLINE);
        brush.stroke(band, 14 - LINE, Role.COLLAR);
        Shape bell = circle(128, 122 + ry + 9, 9);
        brush.outlined(bell, Role.BELL);
        brush.stroke(new Line2D.Double(128, 122 + ry + 11, 128, 122 + ry + 16), 2.5, Role.OUTLINE);
        brush.fill(circle(125, 122 + ry + 6, 2.2), Role.HIGHLIGHT);
    }
}
