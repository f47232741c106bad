package io.cqrsconnect.jdbc.source.capture;

import io.cqrsconnect.jdbc.common.TrackingKind;

/**
 * A column that orders reads (the incrementing id, the timestamp, a key column breaking ties), by its name as the
 * result holds it, with the way its values are kept in offsets.
 */
public record OrderColumn(String name, TrackingKind kind) {
}
