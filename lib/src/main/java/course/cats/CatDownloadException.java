package course.cats;

import java.io.IOException;

/** One cat that could not be fetched or saved; its message is one line, fit to show a learner. */
public final class CatDownloadException extends IOException {

    public CatDownloadException(String message) {
        super(message);
    }

    public CatDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
