/**
 * The harness behind every lesson script: its command line declared once ({@link course.lesson.Options}), run
 * the same way ({@link course.lesson.Lesson}), hazards declared beside the variants that must or must not show
 * them ({@link course.lesson.Check}), and what each run showed written as data ({@link course.lesson.Results}).
 * The lessons' own concurrency lives in the scripts; this package only repeats, counts, judges and reports.
 */
package course.lesson;
