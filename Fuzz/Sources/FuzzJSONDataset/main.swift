import FuzzSupport
import MetroTrace
import MetroTraceIO

/// A JSON dataset document: read into a builder (and into a document model, the path
/// imports and exports take), built, analysed and queried.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONDataset(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    var builder = NetworkBuilder()
    DatasetLoader.read(bytes: bytes, named: "fuzz.json", into: &builder)
    Exercise.build(&builder)
    var collector = DatasetCollector()
    DatasetLoader.read(bytes: bytes, named: "fuzz.json", into: &collector)
    if !collector.log.hasErrors {
        // What the reader made of it, written and read again, loads the same way.
        var again = NetworkBuilder()
        DatasetLoader.read(
            bytes: Array(DatasetJSON.document(collector.dataset).utf8), named: "again.json", into: &again)
        _ = try? again.build()
    }
    return 0
}
