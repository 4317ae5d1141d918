import Foundation
import FuzzSupport
import MetroTrace
import MetroTraceIO

/// Validating against `$METROTRACE_DCC_SCHEMAS` when set (scripts/fuzz.sh points it at
/// PTB's schemas when they are there): most mutated certificates stop there.
let validating = DCCImporter(
    schemas: DCCSchemas(directory: ProcessInfo.processInfo.environment["METROTRACE_DCC_SCHEMAS"]),
    allowsUnvalidated: true)
/// Without schemas, so that every well-formed input reaches the mapping.
let mapping = DCCImporter(schemas: DCCSchemas(directory: nil), allowsUnvalidated: true)

/// A Digital Calibration Certificate: parsed, validated, mapped to a record; a record
/// the importer gives must build into a network with what it created.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDCC(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    _ = validating.importCertificate(bytes, named: "fuzz.xml")
    let imported = mapping.importCertificate(bytes, named: "fuzz.xml")
    if let record = imported.record {
        var builder = NetworkBuilder()
        for lab in imported.createdLabs { builder.add(lab) }
        for item in imported.createdItems { builder.add(item) }
        builder.add(record)
        Exercise.build(&builder)
    }
    return 0
}
