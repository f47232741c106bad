package io.cqrsconnect.testing.db;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Names for private test databases: readable (the owning test class), unique, and valid unquoted everywhere. */
final class DatabaseNames {

    private DatabaseNames() {
    }

    static String unique(String owner) {
        String readable = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (readable.length() > 40) {
            readable = readable.substring(0, 40);
        }
        return "cqrs_" + readable + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24, 1 << 30), 36);
    }
}
