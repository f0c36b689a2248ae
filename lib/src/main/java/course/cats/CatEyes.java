package course.cats;

import course.cats.CatArt.Role;

import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

import static course.cats.Brush.circle;

/** Paints a cat's two eyes on its head (drawn around (0, 0)): round, wide, sleepy, happy or winking. */
final class CatEyes {
    private final Brush brush;
    private final CatLook look;

    CatEyes(Brush brush, CatLook look) {
        this.brush = brush;
        this.look = look;
    }

    void paint() {
        double ex = look.rx() * look.eyeSpacing();
        double ey = look.ry() * 0.02;
        double er = Math.min(look.rx(), look.ry()) * 0.215;
        switch (look.eyes()) {
            case ROUND -> { open(-ex, ey, er, er); open(ex, ey, er, er); }
            case WIDE -> { open(-ex, ey, er * 1.08, er * 1.25); open(ex, ey, er * 1.08, er * 1.25); }
            case SLEEPY -> { sleepy(-ex, ey, er); sleepy(ex, ey, er); }
            case HAPPY -> { happy(-ex, ey, er); happy(ex, ey, er); }
            case WINK -> {
                // the open eye on the patched side: a closed eye ringed by a dark patch reads as a frown
                open(look.side() * ex, ey, er * 1.05, er * 1.1);
                happy(-look.side() * ex, ey, er);
            }
        }
    }

    private void open(double x, double y, double rw, double rh) {
        Shape eye = new Ellipse2D.Double(x - rw, y - rh, 2 * rw, 2 * rh);
        brush.stroke(eye, 5, Role.OUTLINE);
        brush.fill(eye, Role.IRIS);
        if (look.slitPupils()) {
            brush.fill(new Ellipse2D.Double(x - rw * 0.2, y - rh * 0.8, rw * 0.4, rh * 1.6), Role.PUPIL);
        } else {
            brush.fill(new Ellipse2D.Double(x - rw * 0.62, y - rh * 0.55, rw * 1.24, rh * 1.24), Role.PUPIL);
        }
        // two highlights, light from the upper left, make the eyes look wet and alive
        brush.fill(circle(x - rw * 0.3, y - rh * 0.3, rw * 0.3), Role.HIGHLIGHT);
        brush.fill(circle(x + rw * 0.32, y + rh * 0.34, rw * 0.13), Role.HIGHLIGHT);
    }

    private void sleepy(double x, double y, double r) {
        // the lid's edge is a dome, not a line: a flat lid makes a cat look grumpy, a curved one drowsy
        var lid = new Rectangle2D.Double(x - r * 1.25, y - r * 0.5, r * 2.5, r * 2.8);
        brush.clipped(new Ellipse2D.Double(lid.x, lid.y, lid.width, lid.height),
                () -> open(x, y + r * 0.1, r, r * 0.95));
        // the part of the lid's edge that lies across the eye: cos(37 degrees) = 1 / 1.25
        brush.stroke(new Arc2D.Double(lid, 37, 106, Arc2D.OPEN), 5, Role.OUTLINE);
    }

    private void happy(double x, double y, double r) {
        brush.stroke(new Arc2D.Double(x - r * 0.85, y - r * 0.45, r * 1.7, r * 1.5, 15, 150, Arc2D.OPEN), 5.5,
                Role.OUTLINE);
    }
}
