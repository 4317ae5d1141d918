import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// `check --format json` streams its items (a national check is hundreds of megabytes):
/// the text must be exactly the JSON value's rendering.
@Suite("Streamed JSON")
struct StreamedJSONTests {
    @Test("a streamed check report equals the rendered JSON value, in pieces", arguments: [true, false])
    func checkReport(pretty: Bool) throws {
        let text = try NetworkGenerator(instruments: 3_000, years: 2, seed: 3).text()
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: "generated.json", into: &builder)
        let analysis = TraceabilityAnalysis(network: try builder.build())
        let report = CheckReport(analysis: analysis, at: Day(year: 2026, month: 6, day: 1)!)
        var pieces: [String] = []
        report.writeJSON(pretty: pretty) { pieces.append($0) }
        #expect(pieces.count > 1, "a report of several megabytes comes in pieces")
        let same = pieces.joined() == report.json().rendered(pretty: pretty)
        #expect(same, "the streamed text differs from the rendered value")
    }

    @Test("an empty streamed array and the members around it render as the value does")
    func emptyArray() {
        let members: [JSONOutputValue.Member] = [.init("a", 1), .init("list", .null), .init("b", .array([]))]
        for pretty in [true, false] {
            var text = ""
            JSONOutputValue.stream(members, streamed: "list", count: 0, element: { _ in .null }, pretty: pretty) {
                text += $0
            }
            let expected = JSONOutputValue.object([.init("a", 1), .init("list", .array([])), .init("b", .array([]))])
            #expect(text == expected.rendered(pretty: pretty))
        }
    }
}
