/// A calendar day (ISO 8601 `YYYY-MM-DD`, proleptic Gregorian), counted as days since
/// 1970-01-01. Traceability is decided by the day: due dates and validity windows are
/// inclusive.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Strideable {
    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int32

    /// Creates a day from its ordinal.
    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The earliest day a metrological record may carry: the signing of the Metre
    /// Convention, 1875-05-20. Earlier dates are taken as typing mistakes.
    public static let earliest = Day(year: 1875, month: 5, day: 20)!
    /// The latest day a record may carry; later dates are taken as typing mistakes.
    public static let latest = Day(year: 2200, month: 12, day: 31)!

    /// Creates a day from a year, month and day of month, or nil when there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
            (-9999...9999).contains(year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.ordinal = Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
    public init?(iso text: some StringProtocol) {
        self.init(isoBytes: text.utf8)
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes.
    public init?(isoBytes bytes: some Sequence<UInt8>) {
        // Ten ASCII bytes, read without copying them.
        var digits: (Int, Int, Int) = (0, 0, 0)
        var count = 0
        var valid = true
        for byte in bytes {
            switch count {
            case 4, 7:
                valid = valid && byte == UInt8(ascii: "-")
            default:
                let digit = Int(byte) - 48
                if digit < 0 || digit > 9 { valid = false }
                if count < 4 {
                    digits.0 = digits.0 * 10 + digit
                } else if count < 7 {
                    digits.1 = digits.1 * 10 + digit
                } else {
                    digits.2 = digits.2 * 10 + digit
                }
            }
            count += 1
            if count > 10 || !valid { return nil }
        }
        guard count == 10 else { return nil }
        self.init(year: digits.0, month: digits.1, day: digits.2)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(ordinal) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        guard (0...9999).contains(y) else {
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        }
        // Ten ASCII bytes, written in place: this is on every report's and diagram's path.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }
            buffer[0] = digit(y / 1000)
            buffer[1] = digit(y / 100 % 10)
            buffer[2] = digit(y / 10 % 10)
            buffer[3] = digit(y % 10)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = digit(m / 10)
            buffer[6] = digit(m % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = digit(d / 10)
            buffer[9] = digit(d % 10)
            return 10
        }
    }

    /// Today in UTC.
    public static var today: Day {
        let seconds = Int64(Clock.secondsSinceEpoch())
        return Day(ordinal: Int32(seconds / 86_400))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    public func distance(to other: Day) -> Int { Int(other.ordinal) - Int(ordinal) }

    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }

    /// The same day of month `months` later, clamped to the month's last day
    /// (2025-01-31 + 1 month = 2025-02-28), as calibration intervals are counted.
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        return Day(year: year, month: month, day: min(d, Day.daysIn(month: month, year: year)))!
    }
}

enum Clock {
    static func secondsSinceEpoch() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
