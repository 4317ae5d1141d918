import Foundation

/// Transaction time as the store writes it: UTC, ISO 8601 with milliseconds, so that
/// times compare as text in both backends.
public enum StoreClock {
    /// Now, never before `after` (a clock set back must not reorder the log).
    public static func now(after: String? = nil) -> String {
        let text = format(Date())
        guard let after, after >= text else { return text }
        return after
    }

    /// A date as the store writes it: `2026-12-01T09:30:00.125Z`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// An instant given by a user: an ISO 8601 instant (`2026-09-01T12:00:00Z`, with an
    /// offset or fractional seconds) or a day (`2026-09-01`, meaning its end, UTC:
    /// everything committed that day is known at it). Nil when it is neither.
    public static func instant(_ text: String) -> String? {
        let dayFormatter = ISO8601DateFormatter()
        dayFormatter.formatOptions = [.withFullDate]
        dayFormatter.timeZone = TimeZone(identifier: "UTC")
        if text.count == 10, let day = dayFormatter.date(from: text) {
            return format(day.addingTimeInterval(86_400 - 0.001))
        }
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
        ] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return format(date) }
        }
        return nil
    }
}
