import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// Each kind of bad input gives a message that names the file, the JSON path and the
/// entity, and says what was expected.
@Suite("Loader errors")
struct LoaderErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var calibration: String
        var path: String
        var subject: String?
        var mentions: String
        var testDescription: String { name }
    }

    /// A valid base document with one lab, an SI realisation, a weight and one record
    /// that each case replaces.
    static func document(calibration: String, extraItems: String = "", extraLabs: String = "") -> String {
        """
        {
          "metrotrace": 1,
          "name": "loader test",
          "labs": [
            {"id": "L", "name": "Lab", "kind": "calibration-lab",
             "accreditations": [{"scheme": "CNAS", "from": "2000-01-01", "to": null}],
             "capabilities": [{"quantity": "mass", "activity": "calibration", "range": ["0 kg", "50 kg"], "from": "2000-01-01"}]}\(extraLabs)
          ],
          "items": [
            {"id": "SI", "name": "kilogram", "kind": "si-realization", "quantity": "mass", "unit": "kg", "lab": "L"},
            {"id": "W", "name": "weight", "kind": "working-standard", "quantity": "mass", "unit": "kg", "lab": "L"}\(extraItems)
          ],
          "calibrations": [
            \(calibration)
          ]
        }
        """
    }

    static let good =
        #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "due": "2026-02-28", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "U": "0.1 mg", "k": 2}]}"#

    static func record(_ patch: String) -> String {
        #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "due": "2026-02-28", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "U": "0.1 mg", "k": 2}], "#
            + patch + "}"
    }

    static let cases: [Case] = [
        Case(
            name: "wrong type", calibration: record(#""procedure": 42"#),
            path: "calibrations[0].procedure", subject: "record C1", mentions: "expected a string, found a number"),
        Case(
            name: "unknown enum value", calibration: record(#""verdict": "passed""#),
            path: "calibrations[0].verdict", subject: "record C1", mentions: #"unknown value "passed""#),
        Case(
            name: "invalid date",
            calibration: #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-02-30"}"#,
            path: "calibrations[0].date", subject: "record C1", mentions: "invalid date \"2025-02-30\""),
        Case(
            name: "absurd date",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "1066-10-14", "references": [{"item": "SI", "at": "1 kg"}]}"#,
            path: "calibrations[0].date", subject: "record C1", mentions: "implausible"),
        Case(
            name: "due before date",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "due": "2025-01-01", "references": [{"item": "SI", "at": "1 kg"}]}"#,
            path: "calibrations[0].due", subject: "record C1", mentions: "before the calibration date"),
        Case(
            name: "unknown unit",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kgf"}]}"#,
            path: "calibrations[0].references[0].at", subject: "record C1", mentions: #"unknown unit "kgf""#),
        Case(
            name: "non-positive U",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "U": "0 mg", "k": 2}]}"#,
            path: "calibrations[0].points[0].U", subject: "record C1", mentions: "U must be positive"),
        Case(
            name: "non-positive k",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "U": "1 mg", "k": -2}]}"#,
            path: "calibrations[0].points[0].k", subject: "record C1", mentions: "k must be a positive number"),
        Case(
            name: "U without k or coverage",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "U": "1 mg"}]}"#,
            path: "calibrations[0].points[0].U", subject: "record C1", mentions: "without k or coverage"),
        Case(
            name: "k and coverage disagree",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "U": "1 mg", "k": 2, "coverage": 0.99}]}"#,
            path: "calibrations[0].points[0].k", subject: "record C1", mentions: "disagree"),
        Case(
            name: "dimension mismatch of a point",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 m", "U": "1 mm", "k": 2}]}"#,
            path: "calibrations[0].points[0].nominal", subject: "record C1", mentions: "measures mass"),
        Case(
            name: "dimension mismatch of reference × sensitivity",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg", "sensitivity": "2 m"}]}"#,
            path: "calibrations[0].references[0].sensitivity", subject: "record C1", mentions: "× sensitivity"),
        Case(
            name: "dimension mismatch of a budget line × its sensitivity",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "budget": [{"name": "repeatability", "u": "1 mg", "sensitivity": "3 /K"}]}"#,
            path: "calibrations[0].budget[0]", subject: "record C1", mentions: "u × sensitivity"),
        Case(
            name: "dangling item",
            calibration: #"{"id": "C1", "activity": "calibration", "item": "NOPE", "lab": "L", "date": "2025-03-01"}"#,
            path: "calibrations[0].item", subject: "record C1", mentions: #"unknown item "NOPE""#),
        Case(
            name: "dangling lab",
            calibration: #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "NOPE", "date": "2025-03-01"}"#,
            path: "calibrations[0].lab", subject: "record C1", mentions: #"unknown lab "NOPE""#),
        Case(
            name: "dangling reference",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "NOPE", "at": "1 kg"}]}"#,
            path: "calibrations[0].references[0].item", subject: "record C1",
            mentions: #"unknown reference item "NOPE""#),
        Case(
            name: "duplicate id", calibration: good + ", " + good,
            path: "calibrations[1].id", subject: "record C1",
            mentions: "duplicate record id \"C1\"; also at calibrations[0]"),
        Case(
            name: "missing required field",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "references": [{"item": "SI"}]}"#,
            path: "calibrations[0].date", subject: "record C1", mentions: #"missing required field "date""#),
        Case(
            name: "missing at",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI"}]}"#,
            path: "calibrations[0].references[0].at", subject: "record C1", mentions: #"missing required field "at""#),
        Case(
            name: "a budget line with u and a rectangular distribution",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "budget": [{"name": "drift", "u": "15 mg", "distribution": "rectangular"}]}"#,
            path: "calibrations[0].budget[0]", subject: "record C1",
            mentions: #""u" is a standard uncertainty; for a rectangular distribution give "halfWidth""#),
        Case(
            name: "a budget line with a half-width and no distribution",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "budget": [{"name": "drift", "halfWidth": "15 mg"}]}"#,
            path: "calibrations[0].budget[0]", subject: "record C1",
            mentions: #""halfWidth" needs a "distribution" (rectangular, triangular, u-shaped)"#),
        Case(
            name: "a budget line with both u and a half-width",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "budget": [{"name": "drift", "u": "1 mg", "halfWidth": "15 mg", "distribution": "rectangular"}]}"#,
            path: "calibrations[0].budget[0]", subject: "record C1",
            mentions: #"give either "u" or "halfWidth", not both"#),
        Case(
            name: "a budget line with neither u nor a half-width",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "budget": [{"name": "drift"}]}"#,
            path: "calibrations[0].budget[0]", subject: "record C1",
            mentions: #"a budget line needs "u" (a standard uncertainty) or "halfWidth" with a "distribution""#),
        Case(
            name: "k without U",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "points": [{"nominal": "1 kg", "k": 2}]}"#,
            path: "calibrations[0].points[0]", subject: "record C1", mentions: "k or coverage is given without U"),
        Case(
            name: "half-width of a normal distribution",
            calibration:
                #"{"id": "C1", "activity": "calibration", "item": "W", "lab": "L", "date": "2025-03-01", "references": [{"item": "SI", "at": "1 kg"}], "budget": [{"name": "drift", "halfWidth": "15 mg", "distribution": "normal"}]}"#,
            path: "calibrations[0].budget[0].distribution", subject: "record C1",
            mentions: "normal distribution has no half-width"),
        Case(
            name: "U overflowing to infinity",
            calibration: record(#""verdict": null"#).replacingOccurrences(
                of: #""U": "0.1 mg""#, with: #""U": "1e308 Qg""#),
            path: "calibrations[0].points[0].U", subject: "record C1",
            mentions: "out of range: it overflows to infinity"),
        Case(
            name: "nominal overflowing to infinity",
            calibration: record(#""verdict": null"#).replacingOccurrences(
                of: #""nominal": "1 kg""#, with: #""nominal": "2e307 Qg""#),
            path: "calibrations[0].points[0].nominal", subject: "record C1", mentions: "out of range"),
        Case(
            name: "k beyond the range of numbers",
            calibration: record(#""verdict": null"#).replacingOccurrences(of: #""k": 2"#, with: #""k": 1e400"#),
            path: "calibrations[0].points[0].k", subject: "record C1", mentions: "number out of range"),
        Case(
            name: "sensitivity beyond the range of numbers",
            calibration: record(#""verdict": null"#).replacingOccurrences(
                of: #""at": "1 kg"}"#, with: #""at": "1 kg", "sensitivity": -1e999}"#),
            path: "calibrations[0].references[0].sensitivity", subject: "record C1", mentions: "number out of range"),
        Case(
            name: "NUL in a record id",
            calibration: record(#""verdict": null"#).replacingOccurrences(
                of: #""id": "C1""#, with: #""id": "C\u00001""#),
            path: "calibrations[0].id", subject: nil, mentions: "holds the control character U+0000 at position 2"),
    ]

    static func load(_ text: String, file: String = "test.json") -> Result<Network, DatasetError> {
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: file, into: &builder)
        return Result { () throws(DatasetError) in try builder.build() }
    }

    @Test("the base document is valid")
    func baseIsValid() throws {
        let network = try Self.load(Self.document(calibration: Self.good)).get()
        #expect(network.recordCount == 1)
    }

    @Test("each mistake names file, path, entity and what was expected", arguments: cases)
    func mistake(_ c: Case) throws {
        let text = Self.document(calibration: c.calibration)
        guard case .failure(let error) = Self.load(text, file: "bad/\(c.name).json") else {
            Issue.record("loaded without error")
            return
        }
        let match = error.log.errors.first { $0.path == c.path && $0.message.contains(c.mentions) }
        let diagnostic = try #require(match, "got: \(error.log.errors.map(\.description))")
        #expect(diagnostic.file == "bad/\(c.name).json")
        #expect(diagnostic.subject == c.subject)
        #expect(diagnostic.line != nil)
        #expect(diagnostic.description.hasPrefix("bad/\(c.name).json:"))
    }

    @Test("malformed JSON names line and column")
    func malformed() {
        let text = "{\n  \"metrotrace\": 1,\n  \"labs\": [ {\"id\": \"L\",, } ]\n}"
        guard case .failure(let error) = Self.load(text) else {
            Issue.record("loaded without error")
            return
        }
        let diagnostic = error.log.errors[0]
        #expect(diagnostic.line == 3)
        #expect(diagnostic.column == 24)
        #expect(diagnostic.message.contains("malformed JSON"))
    }

    @Test("unknown fields are warnings, never silently ignored")
    func unknownField() throws {
        var builder = NetworkBuilder()
        let text = Self.document(calibration: Self.record(#""colour": "red""#))
        DatasetLoader.read(bytes: Array(text.utf8), named: "w.json", into: &builder)
        _ = try builder.build()
        let warning = try #require(builder.log.warnings.first)
        #expect(warning.path == "calibrations[0].colour")
        #expect(warning.message.contains("unknown field \"colour\""))
    }

    @Test(
        "a document without the format version, or with another, is refused",
        arguments: [
            (#"{"name": "x"}"#, "not a MetroTrace dataset"),
            (#"{"metrotrace": 2}"#, "version 2 is not supported"),
            (#"[1, 2]"#, "is a JSON object"),
        ])
    func version(_ text: String, _ mention: String) {
        guard case .failure(let error) = Self.load(text) else {
            Issue.record("loaded without error")
            return
        }
        #expect(error.log.errors.contains { $0.message.contains(mention) })
    }

    @Test("ten different mistakes give ten precise messages")
    func tenMistakes() {
        let mistakes = [0, 2, 4, 5, 6, 8, 10, 11, 13, 15].map { Self.cases[$0] }
        let calibrations = mistakes.enumerated().map { index, mistake in
            mistake.calibration.replacingOccurrences(of: "\"C1\"", with: "\"C\(index)\"")
        }.joined(separator: ",\n")
        guard case .failure(let error) = Self.load(Self.document(calibration: calibrations)) else {
            Issue.record("loaded without error")
            return
        }
        #expect(error.log.errorCount == 10, "\(error.log.errors.map(\.description))")
        for (index, mistake) in mistakes.enumerated() {
            let path = mistake.path.replacingOccurrences(of: "calibrations[0]", with: "calibrations[\(index)]")
            #expect(
                error.log.errors.contains { $0.path == path && $0.message.contains(mistake.mentions) },
                "\(mistake.name)")
        }
    }

    @Test(
        "ids of labs and items may not hold control characters",
        arguments: [
            (#", {"id": "L\u0000X", "name": "x", "kind": "calibration-lab"}"#, "", "labs[1].id"),
            (
                "",
                #", {"id": "W2\n", "name": "w", "kind": "working-standard", "quantity": "mass", "unit": "kg", "lab": "L"}"#,
                "items[2].id"
            ),
        ])
    func controlCharacters(_ lab: String, _ item: String, _ path: String) throws {
        guard
            case .failure(let error) = Self.load(
                Self.document(calibration: Self.good, extraItems: item, extraLabs: lab))
        else {
            Issue.record("loaded without error")
            return
        }
        #expect(
            error.log.errors.contains { $0.path == path && $0.message.contains("control character") },
            "\(error.log.errors.map(\.description))")
    }

    @Test(
        "a range with a null bound is an error, not a missing range",
        arguments: [
            (#"["0 kg", "50 kg"]"#, #"[null, "50 kg"]"#, "labs[0].capabilities[0].range[0]"),
            (#"["0 kg", "50 kg"]"#, #"["0 kg", null]"#, "labs[0].capabilities[0].range[1]"),
        ])
    func nullBound(_ original: String, _ replacement: String, _ path: String) throws {
        let text = Self.document(calibration: Self.good).replacingOccurrences(of: original, with: replacement)
        guard case .failure(let error) = Self.load(text) else {
            Issue.record("loaded without error: the capability was dropped silently")
            return
        }
        #expect(
            error.log.errors.contains { $0.path == path && $0.message.contains("found null") },
            "\(error.log.errors.map(\.description))")
        let item = Self.document(
            calibration: Self.good,
            extraItems:
                #", {"id": "W3", "name": "w", "kind": "working-standard", "quantity": "mass", "unit": "kg", "lab": "L", "range": [null, "2 kg"]}"#
        )
        guard case .failure(let itemError) = Self.load(item) else {
            Issue.record("an item's range with a null bound was dropped silently")
            return
        }
        #expect(itemError.log.errors.contains { $0.path == "items[2].range[0]" && $0.message.contains("found null") })
    }

    @Test("a folder of tables with a JSON document beside them is refused, naming both")
    func tablesAndDocuments() throws {
        let folder = NSTemporaryDirectory() + "metrotrace-mixed-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = try DatasetLoader.readDataset(SampleNetworkTests.sample).dataset
        for (name, text) in DatasetTables.write(dataset) {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        #expect(try DatasetLoader.load(folder).network.itemCount == dataset.items.count)
        try "{}".write(toFile: folder + "/notes.json", atomically: true, encoding: .utf8)
        #expect {
            _ = try DatasetLoader.load(folder)
        } throws: { error in
            let text = "\(error)"
            return text.contains("spreadsheet tables") && text.contains("notes.json")
                && text.contains("one or the other")
        }
    }
}
