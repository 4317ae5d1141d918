import Foundation
import MetroTrace

/// An audit bundle: one diagram per item's full chain, an `index.html` that lists them,
/// and a `MANIFEST.sha256` (`sha256sum -c` format) with the digest of every file, ready to
/// zip and hand over.
public struct AuditBundle: Sendable {
    /// One diagram of the bundle.
    public struct Entry: Sendable {
        /// The item.
        public var item: ItemIndex
        /// The chain drawn.
        public var status: Status
        /// The worst finding, if any.
        public var worst: Finding?
        /// The file written, relative to the bundle folder; nil when it failed.
        public var file: String?
        /// Why the diagram could not be made, when it could not.
        public var error: String?
    }

    /// The diagrams, in item order.
    public var entries: [Entry] = []
    /// The files written, relative to the bundle folder, with their SHA-256 digests.
    public var manifest: [(file: String, digest: String)] = []

    /// Whether some chain is broken.
    public var hasBrokenChains: Bool { entries.contains { $0.status == .broken } }
    /// The items whose diagram could not be made.
    public var failures: [Entry] { entries.filter { $0.file == nil } }

    /// Writes the bundle of every item's chain at `day` into `directory` (created when
    /// missing). A diagram that cannot be rendered or written is reported in its entry and
    /// skipped; the index and the manifest are always written.
    ///
    /// - Parameters:
    ///   - writeFile: writes one file, given its path and bytes; callers pass an atomic
    ///     writer (the command line passes `AtomicFile.replace`), so that a reader of the
    ///     folder never sees half a file.
    ///   - progress: called after each diagram with (done, total).
    /// - Throws: when the folder, the index or the manifest cannot be written.
    public static func write(
        analysis: TraceabilityAnalysis, at day: Day, context: DiagramContext, format: DiagramFormat,
        to directory: URL, writeFile: (_ path: String, _ bytes: [UInt8]) throws -> Void,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> AuditBundle {
        let network = analysis.network
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let items = Array(network.itemIndices)
        let names = FileNames.unique(items.map { network.id(of: $0) }, extension: format.rawValue)
        var bundle = AuditBundle()
        for (position, item) in items.enumerated() {
            let chain = analysis.chain(of: item, at: day)
            let worst = chain.findings.filter { $0.severity != .info }.max { $0.severity < $1.severity }
            var entry = Entry(item: item, status: chain.status, worst: worst)
            // Whatever goes wrong with one diagram is reported in its entry (and so in the
            // index); the bundle goes on and always ends with its index and manifest.
            do {
                let graph = ChainDiagram.graph(chain, analysis: analysis, context: context)
                let bytes = try GraphvizRenderer.shared.render(graph, format: format)
                do {
                    try writeFile(directory.appendingPathComponent(names[position]).path, bytes)
                } catch {
                    throw BundleWriteFailure(message: "cannot write \(names[position]): \(error)")
                }
                entry.file = names[position]
                bundle.manifest.append((names[position], SHA256.hex(bytes)))
            } catch let error as RenderError {
                entry.error = error.description
            } catch let error as BundleWriteFailure {
                entry.error = error.message
            } catch {
                entry.error = "\(error)"
            }
            bundle.entries.append(entry)
            progress(position + 1, items.count)
        }
        let index = Array(BundleIndex.html(bundle, network: network, at: day, context: context).utf8)
        try writeFile(directory.appendingPathComponent("index.html").path, index)
        bundle.manifest.append(("index.html", SHA256.hex(index)))
        bundle.manifest.sort { $0.file < $1.file }
        let manifest = bundle.manifest.map { "\($0.digest)  \($0.file)\n" }.joined()
        try writeFile(directory.appendingPathComponent("MANIFEST.sha256").path, Array(manifest.utf8))
        return bundle
    }

    /// A diagram that was rendered but could not be written.
    private struct BundleWriteFailure: Error {
        var message: String
    }
}

/// File names made from ids that never leave their folder: `../../etc/x`, names with `/`,
/// `\`, NUL or other control characters, Windows-reserved names (`CON`, `NUL`, `COM1` …)
/// and hidden names are made safe, and two ids that sanitise alike get distinct names.
public enum FileNames {
    static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL"]
        for i in 1...9 {
            names.insert("COM\(i)")
            names.insert("LPT\(i)")
        }
        return names
    }()

    /// The longest stem, in UTF-8 bytes: file systems limit a name to 255 bytes (not
    /// characters: 90 Chinese characters are 270), and room is left for `-N` and the
    /// extension.
    public static let maximumStemBytes = 200

    /// A safe file name stem for `id`: letters (any script), digits, `-`, `_`, `.` kept;
    /// anything else becomes `_`; no leading dot; at most ``maximumStemBytes`` bytes, cut
    /// between characters.
    public static func sanitized(_ id: String) -> String {
        var stem = String(
            id.unicodeScalars.map { scalar -> Character in
                let keep =
                    CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)
                    || scalar == "-" || scalar == "_" || scalar == "."
                return keep && scalar.value >= 0x20 ? Character(scalar) : "_"
            })
        while stem.hasPrefix(".") { stem = "_" + stem.dropFirst() }
        if stem.isEmpty { stem = "_" }
        if stem.utf8.count > maximumStemBytes {
            var cut = ""
            for character in stem {
                guard cut.utf8.count + character.utf8.count <= maximumStemBytes else { break }
                cut.append(character)
            }
            stem = cut
        }
        let base = stem.split(separator: ".", maxSplits: 1).first.map(String.init)?.uppercased() ?? ""
        if reserved.contains(base) { stem = "_" + stem }
        return stem
    }

    /// Distinct file names `stem.extension` for `ids`, in order; a name already taken
    /// (compared case-insensitively, as some file systems do) gets `-2`, `-3`, ….
    public static func unique(_ ids: [String], extension fileExtension: String) -> [String] {
        var taken: Set<String> = ["index.html", "manifest.sha256"]
        return ids.map { id in
            let stem = sanitized(id)
            var name = "\(stem).\(fileExtension)"
            var counter = 2
            while taken.contains(name.lowercased()) {
                name = "\(stem)-\(counter).\(fileExtension)"
                counter += 1
            }
            taken.insert(name.lowercased())
            return name
        }
    }
}
