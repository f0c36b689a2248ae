package course.cats;

import course.cats.CatArt.Role;
import course.cats.CatLook.Head;
import course.cats.CatLook.Mouth;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/** Paints a cat's head around (0, 0), so that it can tilt: skull, ears, markings, muzzle, eyes and whiskers. */
final class CatHead {
    private final Brush brush;
    private final CatLook look;

    CatHead(Brush brush, CatLook look) {
        this.brush = brush;
        this.look = look;
    }

    void paint() {
        double rx = look.rx();
        double ry = look.ry();
        Area skull = skull(rx, ry);
        Path2D left = ear(-1, rx, ry);
        Path2D right = ear(1, rx, ry);
        Area silhouette = new Area(skull);
        silhouette.add(new Area(left));
        silhouette.add(new Area(right));
        brush.outlined(silhouette, Role.FUR);

        brush.clipped(silhouette, () -> markings(rx, ry));
        for (Path2D ear : List.of(left, right)) {
            Area inner = new Area(innerEar(ear));
            inner.subtract(skull);
            brush.fill(inner, Role.NOSE);
        }

        muzzle(rx, ry);
        if (look.blush()) {
            for (int side = -1; side <= 1; side += 2) {
                brush.fill(new Ellipse2D.Double(side * rx * 0.64 - rx * 0.13, ry * 0.3, rx * 0.26, ry * 0.15),
                        Role.BLUSH);
            }
        }
        new CatEyes(brush, look).paint();
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
        Point2D tipOuter = between(tip, outer, round);
        Point2D tipInner = between(tip, inner, round);
        var ear = new Path2D.Double();
        ear.moveTo(outer.getX(), outer.getY());
        ear.lineTo(tipOuter.getX(), tipOuter.getY());
        ear.quadTo(tip.getX(), tip.getY(), tipInner.getX(), tipInner.getY());
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
                    brush.stroke(new Line2D.Double(x, -ry * 1.1, x, -ry * (i == 0 ? 0.5 : 0.62)), 8, Role.MARKINGS);
                }
                for (int s = -1; s <= 1; s += 2) {
                    for (int i = 0; i < 3; i++) {
                        double y = -ry * 0.12 + i * ry * 0.2;
                        brush.stroke(new Line2D.Double(s * rx * 1.1, y, s * rx * 0.76, y + ry * 0.06), 7,
                                Role.MARKINGS);
                    }
                }
            }
            case PATCHES -> {
                brush.fill(new Ellipse2D.Double(side * rx * 0.55 - rx * 0.62, -ry * 1.5, rx * 1.24, ry * 1.2),
                        Role.MARKINGS);
                brush.fill(new Ellipse2D.Double(-side * rx * 0.85 - rx * 0.4, -ry * 0.2, rx * 0.8, ry * 0.75),
                        Role.PATCH);
            }
            case EYE_PATCH -> brush.fill(new Ellipse2D.Double(side * rx * look.eyeSpacing() - rx * 0.36, -ry * 0.5,
                    rx * 0.72, ry * 0.85), Role.MARKINGS);
        }
    }

    private void muzzle(double rx, double ry) {
        double my = ry * 0.43;
        for (int side = -1; side <= 1; side += 2) {
            brush.fill(new Ellipse2D.Double(side * rx * 0.12 - rx * 0.16, my - ry * 0.14, rx * 0.32, ry * 0.28),
                    Role.WHITE);
        }
        double nw = rx * 0.085;
        double top = ry * 0.22;
        double noseBottom = top + nw * 1.1;
        double mouthY = noseBottom + 5;
        double mw = rx * 0.12;
        if (look.mouth() == Mouth.MEOW) {
            brush.outlined(new Ellipse2D.Double(-mw * 0.55, mouthY + mw * 0.05, mw * 1.1, mw * 1.2), Role.TONGUE);
        } else if (look.mouth() == Mouth.BLEP) {
            brush.outlined(new RoundRectangle2D.Double(-mw * 0.45 + look.side() * 2, mouthY - 2, mw * 0.9, mw * 1.1,
                    mw * 0.8, mw * 0.8), Role.TONGUE);
        }
        var mouth = new Path2D.Double();
        mouth.moveTo(0, noseBottom);
        mouth.lineTo(0, mouthY);
        mouth.moveTo(-mw, mouthY - 2);
        mouth.quadTo(-mw * 0.5, mouthY + mw * 0.7, 0, mouthY);
        mouth.quadTo(mw * 0.5, mouthY + mw * 0.7, mw, mouthY - 2);
        brush.stroke(mouth, 3.2, Role.OUTLINE);

        var nose = new Path2D.Double();
        nose.moveTo(-nw, top);
        nose.quadTo(0, top - nw * 0.35, nw, top);
        nose.quadTo(nw * 0.9, top + nw * 0.5, 0, noseBottom);
        nose.quadTo(-nw * 0.9, top + nw * 0.5, -nw, top);
        nose.closePath();
        brush.stroke(nose, 3, Role.OUTLINE);
        brush.fill(nose, Role.NOSE);
    }

    private void whiskers(double rx, double ry) {
        for (int side = -1; side <= 1; side += 2) {
            for (int i = 0; i < look.whiskers(); i++) {
                double spread = look.whiskers() == 2 ? (i - 0.5) * 1.4 : i - 1;
                var whisker = new Path2D.Double();
                whisker.moveTo(side * rx * 0.62, ry * 0.4 + spread * 5);
                whisker.quadTo(side * rx * 0.95, ry * 0.3 + spread * 9, side * rx * 1.28, ry * 0.3 + spread * 18);
                brush.stroke(whisker, 2.4, Role.WHISKER);
            }
        }
    }

    private static Point2D between(Point2D from, Point2D to, double t) {
        return new Point2D.Double(from.getX() + (to.getX() - from.getX()) * t,
                from.getY() + (to.getY() - from.getY()) * t);
    }
}
