import FuzzSupport
import MetroTrace
import MetroTraceIO

/// A folder of spreadsheet tables: the input is split at NUL bytes into the tables of a
/// dataset in their documented order (dataset.csv, quantities.csv, labs.csv, …), read,
/// built, analysed and queried; what reads without errors is written as tables again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTables(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    var tables: [String: [UInt8]] = [:]
    for (table, part) in zip(DatasetTables.all, bytes.split(separator: 0, omittingEmptySubsequences: false))
    where !part.isEmpty {
        tables[table.file] = Array(part)
    }
    var builder = NetworkBuilder()
    DatasetTablesReader.read(tables: tables, named: "fuzz", into: &builder)
    Exercise.build(&builder)
    var collector = DatasetCollector()
    DatasetTablesReader.read(tables: tables, named: "fuzz", into: &collector)
    if !collector.log.hasErrors {
        let written = DatasetTables.write(collector.dataset).mapValues { Array($0.utf8) }
        var again = DatasetCollector()
        DatasetTablesReader.read(tables: written, named: "again", into: &again)
        // Tables written by MetroTrace read back to the same dataset.
        precondition(!again.log.hasErrors && again.dataset == collector.dataset, "tables did not round-trip")
    }
    return 0
}
