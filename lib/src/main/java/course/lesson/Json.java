package course.lesson;

import java.util.Collection;
import java.util.Map;

/** Just enough JSON for {@link Results}: strings, numbers, booleans, null, lists and maps. */
final class Json {

    private Json() {
    }

    static String of(Object value) {
        var json = new StringBuilder();
        write(json, value);
        return json.toString();
    }

    private static void write(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case Boolean b -> json.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> json.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> json.append("null");
            case Number n -> json.append(n);
            case Map<?, ?> map -> {
                json.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) json.append(',');
                    first = false;
                    string(json, String.valueOf(entry.getKey()));
                    json.append(':');
                    write(json, entry.getValue());
                }
                json.append('}');
            }
            case Collection<?> list -> {
                json.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) json.append(',');
                    first = false;
                    write(json, item);
                }
                json.append(']');
            }
            default -> string(json, String.valueOf(value));
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
                    else json.append(c);
                }
            }
        }
        json.append('"');
    }
}
