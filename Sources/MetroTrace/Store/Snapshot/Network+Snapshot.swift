/// A frozen network saved as one file (`.mtnet`): a header with a format version and an
/// XXH64 checksum, then the network's columns as they are in memory. Loading it is a
/// matter of copying columns, so a network of millions of records is ready in well under
/// a second; a corrupt, truncated, foreign or outdated file is refused with a reason.
public enum NetworkSnapshot {
    /// The first bytes of every snapshot.
    public static let magic: [UInt8] = Array("MTNET\r\n".utf8) + [0x1A]
    /// The format version this MetroTrace writes and reads. Raised whenever the columns
    /// change, and whenever a rule whose results the snapshot stores changes (the anchor
    /// rule, the numbering of records, what each reference stood on; a test ties the
    /// version to a fingerprint of them).
    public static let formatVersion: UInt32 = 2
    /// The fingerprint of the rules whose results snapshots of ``formatVersion`` store
    /// (the anchor rule, the numbering of records, what each reference stood on): what
    /// `FrozenRules.fingerprint()` gives. A test fails when the rules change and this
    /// does not, so that old snapshots are refused rather than answered by old rules.
    static let frozenRulesFingerprint: UInt64 = 0x9fed_777c_6b65_3369
    static let byteOrderMark: UInt32 = 0x0102_0304
    /// The header's size in bytes: magic, version, byte-order mark, payload length and
    /// checksum (the last two are the header's final 16 bytes).
    public static let headerSize = 8 + 4 + 4 + 8 + 8

    /// Whether `bytes` start like a snapshot (to tell one from a JSON dataset).
    public static func isSnapshot(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
    }

    /// Whether `bytes` look like a snapshot whose first bytes were damaged: most of the
    /// magic is there, or the content is binary where a JSON document would start with
    /// text. Such a file is reported as a damaged snapshot, not as malformed JSON.
    public static func isDamagedSnapshot(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !isSnapshot(bytes), bytes.count >= headerSize else { return false }
        let matching = zip(bytes.prefix(magic.count), magic).filter { $0 == $1 }.count
        return matching >= magic.count - 2
    }

    /// The snapshot of `network`.
    public static func encode(_ network: Network) -> [UInt8] {
        var payload = SnapshotWriter()
        network.write(to: &payload)
        var file = SnapshotWriter()
        file.append(magic)
        file.raw(formatVersion)
        file.raw(byteOrderMark)
        file.raw(UInt64(payload.bytes.count))
        file.raw(payload.bytes.withUnsafeBytes { XXHash64.hash($0) })
        file.append(payload.bytes)
        return file.bytes
    }

    /// The network in a snapshot.
    ///
    /// - Parameters:
    ///   - bytes: the snapshot file's bytes, header first.
    ///   - release: told the ranges of `bytes` that have been read and will not
    ///     be read again, so that a mapped file's pages can be dropped as loading goes
    ///     (the file is read once: each piece is hashed for the checksum just before
    ///     its column is copied out).
    /// - Throws: ``SnapshotError`` for a file that is not a snapshot, was written by
    ///   another format version, is truncated, corrupt or inconsistent.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, release: @escaping (Range<Int>) -> Void = { _ in }
    ) throws(SnapshotError) -> Network {
        guard isSnapshot(bytes) else { throw SnapshotError("not a MetroTrace network snapshot (.mtnet)") }
        guard bytes.count >= headerSize else { throw SnapshotError("snapshot is truncated (header incomplete)") }
        var header = SnapshotReader(UnsafeRawBufferPointer(rebasing: bytes[magic.count..<headerSize]))
        let version = try header.raw(UInt32.self)
        let mark = try header.raw(UInt32.self)
        // A version or byte-order field that no MetroTrace writes is damage, not another
        // format: say so rather than suggest the wrong remedy.
        guard mark == byteOrderMark || mark == byteOrderMark.byteSwapped else {
            throw SnapshotError(
                "snapshot is damaged: its header's byte-order mark reads 0x\(String(mark, radix: 16)); compile it again from its dataset"
            )
        }
        guard mark == byteOrderMark else {
            throw SnapshotError("snapshot was written on a machine of the other byte order; compile it again here")
        }
        guard version == formatVersion else {
            guard version > 0, version < 1000 else {
                throw SnapshotError(
                    "snapshot is damaged: its header's format version reads \(version); compile it again from its dataset"
                )
            }
            throw SnapshotError(
                "snapshot format version \(version) is not the \(formatVersion) this MetroTrace reads; compile it again from its dataset"
            )
        }
        let length = try header.raw(UInt64.self)
        let checksum = try header.raw(UInt64.self)
        guard UInt64(bytes.count - headerSize) == length else {
            throw SnapshotError(
                UInt64(bytes.count - headerSize) < length
                    ? "snapshot is truncated (\(bytes.count - headerSize) of \(length) bytes)"
                    : "snapshot has \(UInt64(bytes.count - headerSize) - length) bytes too many")
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[headerSize...])
        // The checksum is worked out as the columns are read; whatever the reading found,
        // a mismatch is what is reported, since it explains everything else.
        var reader = SnapshotReader(payload) { range in
            release((headerSize + range.lowerBound)..<(headerSize + range.upperBound))
        }
        let corrupt = SnapshotError("snapshot is corrupt (checksum mismatch)")
        var network: Network
        do throws(SnapshotError) {
            network = try Network(reading: &reader)
            guard reader.atEnd else { throw SnapshotError("snapshot is malformed: data after the last section") }
        } catch {
            throw reader.checksum() == checksum ? error : corrupt
        }
        guard reader.checksum() == checksum else { throw corrupt }
        try network.validate()
        network.strings.freeze()
        return network
    }
}
