import Testing

@testable import MetroTrace

@Suite("Calendar days")
struct DayTests {
    @Test(
        "ISO dates round-trip",
        arguments: ["1970-01-01", "2000-02-29", "2026-11-26", "1875-05-20", "2200-12-31", "1969-12-31"])
    func roundTrip(_ text: String) throws {
        let day = try #require(Day(iso: text))
        #expect(day.description == text)
    }

    @Test(
        "invalid dates are refused",
        arguments: [
            "2025-02-29", "2025-13-01", "2025-00-10", "2025-1-1", "20250101", "2025-04-31", "abcd-ef-gh", "2025-06-1x",
        ])
    func invalid(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("ordinals count days since 1970-01-01")
    func ordinals() {
        #expect(Day(iso: "1970-01-02")!.ordinal == 1)
        #expect(Day(iso: "2026-11-26")!.ordinal == 20_783)
        #expect(Day(iso: "1969-12-31")!.ordinal == -1)
    }

    @Test("months add with clamping to the month's end")
    func months() {
        #expect(Day(iso: "2025-01-31")!.adding(months: 1).description == "2025-02-28")
        #expect(Day(iso: "2024-01-31")!.adding(months: 1).description == "2024-02-29")
        #expect(Day(iso: "2025-03-01")!.adding(months: 12).description == "2026-03-01")
        #expect(Day(iso: "2025-03-01")!.adding(months: -3).description == "2024-12-01")
    }
}
