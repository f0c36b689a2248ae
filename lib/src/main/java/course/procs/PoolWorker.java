package course.procs;

import course.cats.CatClient;
import course.cats.CatDownloadException;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A long-lived worker JVM for a process pool: one task per line on stdin, one reply per line on stdout.
 * It says {@code ready <pid>} once started, then answers each task with {@code ok <result>} or
 * {@code fail <reason>}, and exits 0 at the end of its input. {@link Worker} is the other end.
 *
 * <p>A task's words are joined by spaces, each escaped as {@link TaskLine} does, so a file's path may hold
 * spaces or any character. Tasks: {@code cat <url> <file>} (download one cat into file), {@code primes <limit> <share> <shares>},
 * {@code sleep <ms>}; and two for showing what a broken worker looks like: {@code exit <code>} (dies
 * mid-task) and {@code garble} (answers something that is not a reply).
 *
 * <p>Only replies go to stdout; anything else the JVM or a library prints goes to stderr.
 */
public final class PoolWorker {

    private PoolWorker() {
    }

    public static void main(String[] args) throws IOException {
        var replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        replies.println("ready " + ProcessHandle.current().pid());
        try (var client = new CatClient();
             var tasks = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String task; (task = tasks.readLine()) != null; ) {
                replies.println(oneLine(answer(task.strip(), client)));
            }
        }
        System.exit(0);
    }

    static String answer(String task, CatClient client) {
        String[] words;
        try {
            words = TaskLine.words(task).toArray(String[]::new);
        } catch (IllegalArgumentException e) {
            return "fail " + e.getMessage();
        }
        if (words.length == 0) return "fail an empty task";
        try {
            switch (words[0]) {
                case "cat" -> {
                    need(words, 3);
                    long start = System.nanoTime();
                    var cat = CatFetch.fetch(client, words[1], Path.of(words[2]));
                    return "ok " + cat.bytes() + " bytes in " + (System.nanoTime() - start) / 1_000_000 + " ms";
                }
                case "primes" -> {
                    need(words, 4);
                    return "ok " + PrimeCount.countShare(Long.parseLong(words[1]), Integer.parseInt(words[2]), Integer.parseInt(words[3]));
                }
                case "sleep" -> {
                    need(words, 2);
                    Thread.sleep(Long.parseLong(words[1]));
                    return "ok slept " + words[1] + " ms";
                }
                case "exit" -> {
                    need(words, 2);
                    System.exit(Integer.parseInt(words[1]));
                    return "fail still alive";
                }
                case "garble" -> {
                    return "meow?";
                }
                default -> {
                    return "fail unknown task '" + words[0] + "'";
                }
            }
        } catch (CatDownloadException | IllegalArgumentException e) {
            return "fail " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "fail interrupted";
        }
    }

    private static void need(String[] words, int count) {
        if (words.length != count) throw new IllegalArgumentException("'" + words[0] + "' takes " + (count - 1) + " argument(s)");
    }

    private static String oneLine(String reply) {
        return reply.replace('\n', ' ').replace('\r', ' ');
    }
}
