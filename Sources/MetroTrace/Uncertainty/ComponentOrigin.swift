/// What an identified uncertainty component is.
public enum ComponentOrigin: Hashable, Sendable, Codable {
    /// An anchor's realised uncertainty.
    case anchor(ItemIndex)
    /// Everything a record used by several others contributes as a whole: its own
    /// budget and the components of its ancestors that reach it along one path only.
    case record(RecordIndex)
    /// The drift of a reference since the record, shared by the record's children.
    case drift(RecordIndex)
    /// A record's own part at one point when it states only U (the residual).
    case residual(RecordIndex, point: Int)
}
