package course.timeline;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every kind of label a colour (for pictures) and a letter (for text), the same for the
 * same events. The kind of a label is its first word: "cat 3" and "cat 7" are both "cat",
 * "WAITING for fork 2" is "WAITING", so a lane of many downloads reads as one colour.
 */
final class Legend {

    /** A kind of label with its colour and letter. */
    record Entry(String kind, Color colour, char letter) {}

    static final char IDLE = '.', NEXT = '|', MARK = '*';

    /** States the lessons use get colours that mean something: green runs, red is stuck. */
    private static final Map<String, Color> WELL_KNOWN = Map.ofEntries(
            Map.entry("THINKING", new Color(0x9EC5E8)),
            Map.entry("HUNGRY", new Color(0xFFB74D)),
            Map.entry("EATING", new Color(0x66BB6A)),
            Map.entry("WAITING", new Color(0xE57373)),
            Map.entry("BLOCKED", new Color(0xD32F2F)),
            Map.entry("TIMED_WAITING", new Color(0xB39DDB)),
            Map.entry("RUNNABLE", new Color(0x81C784)),
            Map.entry("RUNNING", new Color(0x81C784)),
            Map.entry("IDLE", new Color(0xCFD8DC)),
            Map.entry("SLEEPING", new Color(0xB39DDB)));

    /** Tableau 10: distinct, print-friendly, readable with black text. */
    private static final int[] PALETTE = {
            0x4E79A7, 0xF28E2B, 0x59A14F, 0xE15759, 0x76B7B2,
            0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

    private final Map<String, Entry> byKind = new LinkedHashMap<>();
    private final List<String> markLabels = new ArrayList<>();

    /** Kinds in order of their first event, so that the same events give the same legend. */
    Legend(List<Timeline.Event> events) {
        List<Timeline.Event> coloured = new ArrayList<>();
        for (var event : events) {
            if (event.type() != Timeline.Type.MARK) coloured.add(event);
            else if (!markLabels.contains(event.label())) markLabels.add(event.label());
        }
        // Well-known states first, so that no other kind takes a colour that looks like theirs
        Map<String, Color> colours = new LinkedHashMap<>();
        for (var event : coloured) {
            String kind = kindOf(event.label());
            Color known = WELL_KNOWN.get(kind);
            if (known != null && !colours.containsValue(known)) colours.putIfAbsent(kind, known);
        }
        List<Color> wellKnownInUse = List.copyOf(colours.values());
        Set<Character> usedLetters = new HashSet<>(List.of(IDLE, NEXT, MARK, ' '));
        for (var event : coloured) {
            String kind = kindOf(event.label());
            if (byKind.containsKey(kind)) continue;
            Color colour = colours.get(kind);
            if (colour == null) {
                colour = paletteColour(kind, colours.values(), wellKnownInUse);
                colours.put(kind, colour);
            }
            char letter = letterFor(kind, usedLetters);
            usedLetters.add(letter);
            byKind.put(kind, new Entry(kind, colour, letter));
        }
    }

    List<Entry> entries() {
        return List.copyOf(byKind.values());
    }

    /** The distinct labels of the marks: there are few, and each one tells what happened. */
    List<String> markLabels() {
        return List.copyOf(markLabels);
    }

    Entry of(String label) {
        return byKind.get(kindOf(label));
    }

    /** The label up to the first character that is not a letter or '_'; else its first word. */
    static String kindOf(String label) {
        String s = label.strip();
        int i = 0;
        while (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) i++;
        if (i > 0) return s.substring(0, i);
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    private static Color paletteColour(String kind, Collection<Color> used, List<Color> wellKnown) {
        // By hash, so a kind tends to keep its colour from one picture to the next
        int start = Math.floorMod(kind.hashCode(), PALETTE.length);
        for (int i = 0; i < PALETTE.length; i++) {
            Color c = new Color(PALETTE[(start + i) % PALETTE.length]);
            if (!used.contains(c) && wellKnown.stream().allMatch(k -> distance(k, c) > 100)) return c;
        }
        // More kinds than colours: spread the rest around the colour wheel
        for (int i = 0; ; i++) {
            float hue = (start * 0.618034f + i * 0.381966f) % 1f;
            Color c = Color.getHSBColor(hue, 0.45f, 0.9f);
            if (!used.contains(c)) return c;
        }
    }

    private static double distance(Color a, Color b) {
        int r = a.getRed() - b.getRed(), g = a.getGreen() - b.getGreen(), bl = a.getBlue() - b.getBlue();
        return Math.sqrt(r * r + g * g + bl * bl);
    }

    private static char letterFor(String kind, Set<Character> used) {
        // Initial as written, then the initial in the other case, then any letter of the kind
        char first = kind.isEmpty() ? '?' : kind.charAt(0);
        List<Character> candidates = new ArrayList<>();
        candidates.add(first);
        candidates.add(Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first));
        for (char c : kind.toCharArray()) candidates.add(c);
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789#@%&+=~$^".toCharArray()) {
            candidates.add(c);
        }
        for (char c : candidates) {
            if (c < 128 && !Character.isWhitespace(c) && !used.contains(c)) return c;
        }
        return '?';
    }
}
