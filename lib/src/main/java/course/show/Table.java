package course.show;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the terminal and the notebook: text left-aligned, numbers right-aligned.
 *
 * <pre>{@code
 * var table = new Table("way", "wall ms", "speed-up");
 * table.row("sequential", 3012, "1.0x");
 * System.out.print(table);
 * }</pre>
 */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; doubles are shown with one decimal, everything else as {@code String.valueOf}. */
    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(Table::format).toList());
        return this;
    }

    /** A line printed under the table, e.g. how the numbers were measured. */
    public Table note(String note) {
        notes.add(note);
        return this;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        Arrays.fill(numeric, true);
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= looksNumeric(row.get(c));
            }
        }
        var out = new StringBuilder();
        line(out, header, widths, numeric);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths, numeric);
        }
        for (String note : notes) {
            out.append(note).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] numeric) {
        var line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) line.append("  ");
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(numeric[c] ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static boolean looksNumeric(String cell) {
        return cell.matches("[-+]?[0-9][0-9,.]*\\s*[a-zA-Z%x]*") || cell.equals("-");
    }

    private static String format(Object cell) {
        if (cell instanceof Double d) return String.format("%.1f", d);
        if (cell instanceof Float f) return String.format("%.1f", f);
        return String.valueOf(cell);
    }
}
