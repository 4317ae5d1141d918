import Foundation
import Testing

@testable import MetroTrace

@Suite("Documentation")
struct DocumentationTests {
    @Test("docs/rules.md documents every rule id with its default severity", arguments: Rule.allCases)
    func rule(_ rule: Rule) throws {
        let text = try String(
            contentsOf: SampleNetworkTests.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `\(rule.id)` |") })
        #expect(row.contains("| \(rule.defaultSeverity.rawValue)"))
    }
}
