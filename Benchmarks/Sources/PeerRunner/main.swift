// The MetroTrace side of the peer comparison (Benchmarks/peers/run.sh): loads a dataset,
// times the analysis and the queries in-process, and prints what the peers must agree
// with, as JSON.
//
//   peer-runner validity DATASET YYYY-MM-DD POLICY
//       {"load", "analysis", "validity", "broken": [item ids, sorted]}; analysis and
//       validity are medians of five runs (after one untimed run)
//   peer-runner uncertainty DATASET YYYY-MM-DD
//       {"load", "analysis", "uncertainties", "correlations", "items": {id: [u, dof or null]},
//        "pairs": [[a, b, correlation]]} for the instruments, in item order
import Foundation
import MetroTrace
import MetroTraceIO

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func json(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else {
        fail("cannot encode the result")
    }
    return String(decoding: data, as: UTF8.self)
}

/// The middle of `times`.
func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }

/// Timed runs per measurement in the validity comparison.
let runs = 5

let arguments = CommandLine.arguments
guard arguments.count >= 4, let day = Day(iso: arguments[3]) else {
    fail("usage: peer-runner validity DATASET DAY POLICY | peer-runner uncertainty DATASET DAY")
}
var clock = ContinuousClock.now
let network: Network
do {
    network = try DatasetLoader.load(arguments[2]).network
} catch {
    fail("\(error)")
}
let load = seconds(since: clock)

switch arguments[1] {
case "validity":
    guard arguments.count == 5 else { fail("usage: peer-runner validity DATASET DAY POLICY") }
    let policy: Policy
    do {
        policy = try PolicyReader.read(arguments[4])
    } catch {
        fail("\(error)")
    }
    // Medians of five runs each (the peer script takes the median of its runs too): one
    // run on a 2-core virtual machine varies by up to a factor of two.
    var validity = TraceabilityAnalysis(network: network, policy: policy).validity(at: day)
    var analysisTimes: [Double] = []
    var validityTimes: [Double] = []
    for _ in 0..<runs {
        // Each run's analysis is released after its timing, not inside the next one's.
        clock = .now
        let analysis = TraceabilityAnalysis(network: network, policy: policy)
        analysisTimes.append(seconds(since: clock))
        clock = .now
        validity = analysis.validity(at: day)
        validityTimes.append(seconds(since: clock))
    }
    let (analysed, judged) = (median(analysisTimes), median(validityTimes))
    let broken = validity.filter { $0.status == .broken }.map { network.id(of: $0.item) }.sorted()
    print(json(["load": load, "analysis": analysed, "validity": judged, "broken": broken]))

case "uncertainty":
    clock = .now
    let analysis = TraceabilityAnalysis(network: network)
    let analysed = seconds(since: clock)
    clock = .now
    let instruments = network.itemIndices.filter { network.kind(of: $0) == .instrument }
    // Timed: the queries alone; the JSON is built afterwards.
    let points = instruments.map { analysis.uncertainty(of: $0, at: day).first }
    let uncertainties = seconds(since: clock)
    clock = .now
    let correlations = zip(instruments, instruments.dropFirst()).map { a, b in
        analysis.correlation(Measurand(a), Measurand(b), at: day)
    }
    let correlated = seconds(since: clock)
    var items: [String: Any] = [:]
    for (instrument, point) in zip(instruments, points) {
        guard let point else { continue }
        items[network.id(of: instrument)] = [point.u, point.dof.map { $0 as Any } ?? NSNull()]
    }
    let pairs: [[Any]] = zip(zip(instruments, instruments.dropFirst()), correlations).map { pair, r in
        [network.id(of: pair.0), network.id(of: pair.1), r.map { $0 as Any } ?? NSNull()]
    }
    print(json(["load": load, "analysis": analysed, "uncertainties": uncertainties, "correlations": correlated, "items": items, "pairs": pairs]))

default:
    fail("unknown command \(arguments[1])")
}
