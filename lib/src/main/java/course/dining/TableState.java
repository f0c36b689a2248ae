package course.dining;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who holds which fork and who waits for which, at one moment: what the note's picture shows, read from
 * the live forks. Philosopher {@code p} sits between fork {@code p} (his left) and fork {@code p + 1}
 * (his right, modulo the number of seats); take it with {@link #of(List, List)} while the table stands
 * still (during a deadlock), then draw it ({@link TablePicture}) or print it ({@link #toString()}).
 *
 * @param names     the philosophers' names, by seat
 * @param holderOf  for each fork, the seat of the philosopher holding it, or -1 if it lies on the table
 * @param waitsFor  for each seat, the fork that philosopher waits for, or -1 if he waits for none
 */
public record TableState(List<String> names, List<Integer> holderOf, List<Integer> waitsFor) {

    public static final int NOBODY = -1, NOTHING = -1;

    public TableState {
        names = List.copyOf(names);
        holderOf = List.copyOf(holderOf);
        waitsFor = List.copyOf(waitsFor);
        if (names.size() < 2 || holderOf.size() != names.size() || waitsFor.size() != names.size()) {
            throw new IllegalArgumentException("a table needs as many forks as seats, and at least 2");
        }
    }

    /** Reads the forks now; {@code philosophers.get(p)} sits at seat p. */
    public static TableState of(List<Fork> forks, List<? extends Thread> philosophers) {
        List<String> names = philosophers.stream().map(Thread::getName).toList();
        List<Integer> holderOf = new ArrayList<>();
        for (Fork fork : forks) {
            Thread holder = fork.holder();
            holderOf.add(holder == null ? NOBODY : philosophers.indexOf(holder));
        }
        List<Integer> waitsFor = new ArrayList<>(Collections.nCopies(philosophers.size(), NOTHING));
        for (Fork fork : forks) {
            for (Thread waiter : fork.waiting()) {
                int seat = philosophers.indexOf(waiter);
                if (seat >= 0) waitsFor.set(seat, fork.number());
            }
        }
        return new TableState(names, holderOf, waitsFor);
    }

    public int seats() {
        return names.size();
    }

    public int leftFork(int seat) {
        return seat;
    }

    public int rightFork(int seat) {
        return (seat + 1) % seats();
    }

    /** The forks philosopher {@code seat} holds, in fork order. */
    public List<Integer> holdings(int seat) {
        List<Integer> forks = new ArrayList<>();
        for (int f = 0; f < holderOf.size(); f++) if (holderOf.get(f) == seat) forks.add(f);
        return forks;
    }

    /**
     * The seats that wait for each other in a circle (each waits for a fork the next one holds), in
     * order from the lowest seat; empty when there is none. A deadlock is such a circle.
     */
    public List<Integer> cycle() {
        for (int start = 0; start < seats(); start++) {
            List<Integer> path = new ArrayList<>();
            int seat = start;
            while (seat >= 0 && !path.contains(seat)) {
                path.add(seat);
                int fork = waitsFor.get(seat);
                seat = fork == NOTHING ? NOBODY : holderOf.get(fork);
            }
            if (seat >= 0) return List.copyOf(path.subList(path.indexOf(seat), path.size()));
        }
        return List.of();
    }

    /** One line per philosopher: what he holds, what he waits for, and who holds that. */
    @Override
    public String toString() {
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        var out = new StringBuilder();
        for (int seat = 0; seat < seats(); seat++) {
            List<Integer> held = holdings(seat);
            String holds = held.isEmpty() ? "holds no fork" : "holds " + forks(held);
            int wanted = waitsFor.get(seat);
            String waits = wanted == NOTHING ? "" : ", waits for fork " + wanted
                    + (holderOf.get(wanted) == NOBODY ? "" : " (held by " + names.get(holderOf.get(wanted)) + ")");
            out.append(String.format("%-" + width + "s  %s%s%n", names.get(seat), holds, waits));
        }
        List<Integer> cycle = cycle();
        if (!cycle.isEmpty()) {
            var circle = new StringBuilder();
            for (int seat : cycle) circle.append(names.get(seat)).append(" -> ");
            circle.append(names.get(cycle.getFirst()));
            out.append("a circle of waiting: ").append(circle).append('\n');
        }
        return out.toString();
    }

    private static String forks(List<Integer> numbers) {
        return (numbers.size() == 1 ? "fork " : "forks ")
                + String.join(" and ", numbers.stream().map(String::valueOf).toList());
    }
}
