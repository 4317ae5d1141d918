import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

@Suite("Codable model and results")
struct CodableTests {
    static func roundTrip<T: Codable>(_ value: T) throws -> (T, Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        let decoded = try decoder.decode(T.self, from: data)
        return (decoded, try encoder.encode(decoded))
    }

    @Test("a dataset encodes and decodes to itself: every field, units, dates and °C on both scales")
    func dataset() throws {
        for path in [SpreadsheetTests.everyField, SampleNetworkTests.sample] {
            let (dataset, _) = try DatasetLoader.readDataset(path)
            let (decoded, _) = try Self.roundTrip(dataset)
            #expect(decoded == dataset)
        }
        let warm = try QuantityValue.parse("23.5 °C", scale: .absolute)
        let step = try QuantityValue.parse("0.5 °C", scale: .interval)
        #expect(try Self.roundTrip(warm).0 == warm && Self.roundTrip(step).0 == step)
        #expect(try Self.roundTrip(Day(iso: "2025-03-01")!).1 == Data(#""2025-03-01""#.utf8))
    }

    @Test("results of the analysis encode and decode to the same values")
    func results() throws {
        let loaded = try DatasetLoader.load(SampleNetworkTests.sample)
        let analysis = loaded.network.analysis()
        let day = Day(iso: "2026-11-26")!
        for item in loaded.network.itemIndices {
            let chain = analysis.chain(of: item, at: day)
            let (validity, _) = try Self.roundTrip(chain.validity)
            #expect(validity == analysis.validity(of: item, at: day))
            #expect(try Self.roundTrip(chain.findings).0 == chain.findings)
            let (decodedChain, bytes) = try Self.roundTrip(chain)
            #expect(decodedChain.links.map(\.record) == chain.links.map(\.record))
            #expect(bytes == (try Self.roundTrip(decodedChain).1))
            let points = analysis.uncertainty(of: item, at: day)
            #expect(try Self.roundTrip(points).0 == points)
        }
        let report = CheckReport(analysis: analysis, at: day)
        #expect(try Self.roundTrip(report.entries).0.map(\.validity) == report.entries.map(\.validity))
    }

    @Test("a date that is not one, or a unit that does not parse, is a decoding error naming it")
    func badValues() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Day.self, from: Data(#""2025-02-30""#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Unit.self, from: Data(#""furlong""#.utf8)) }
    }
}

@Suite("Loading from async code")
struct AsyncLoadingTests {
    @Test("a dataset loads off the cooperative pool with the same network and errors as the blocking load")
    func loadInBackground() async throws {
        let loaded = try await DatasetLoader.loadInBackground(SampleNetworkTests.sample)
        let blocking = try DatasetLoader.load(SampleNetworkTests.sample)
        #expect(loaded.network.itemCount == blocking.network.itemCount)
        #expect(loaded.network.recordCount == blocking.network.recordCount)
        #expect(loaded.files == blocking.files)
        do {
            _ = try await DatasetLoader.loadInBackground("/no/such/dataset")
            Issue.record("a missing dataset must throw")
        } catch {
            #expect(error.log.sortedByPlace.first?.message == "no such file or folder")
        }
    }

    @Test("many loads at once from tasks all complete")
    func concurrentLoads() async throws {
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await DatasetLoader.loadInBackground(SampleNetworkTests.sample).network.itemCount }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.count == 8 && Set(counts).count == 1)
    }
}
