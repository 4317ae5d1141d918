import FuzzSupport
import MetroTrace
import MetroTraceIO

/// A network snapshot (`.mtnet`) as a crafted file would be: the input's length and
/// checksum fields are set to match its payload before decoding, so that the fuzzer's
/// changes reach the columns (a file with a wrong checksum is refused before them). What
/// decodes is analysed and queried.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let header = NetworkSnapshot.headerSize
    if bytes.count >= header, bytes.withUnsafeBytes({ NetworkSnapshot.isSnapshot($0) }) {
        let length = UInt64(bytes.count - header).littleEndian
        let payload: ArraySlice<UInt8> = bytes[header...]
        let hash: UInt64 = payload.withUnsafeBytes { XXHash64.hash($0) }
        let checksum = hash.littleEndian
        withUnsafeBytes(of: length) { bytes.replaceSubrange((header - 16)..<(header - 8), with: $0) }
        withUnsafeBytes(of: checksum) { bytes.replaceSubrange((header - 8)..<header, with: $0) }
    }
    guard let network = try? bytes.withUnsafeBytes({ try NetworkSnapshot.decode($0) }) else { return 0 }
    Exercise.network(network)
    return 0
}
