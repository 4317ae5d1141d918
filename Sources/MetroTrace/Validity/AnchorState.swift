/// Whether an item can end a chain on a day, and if not, why (`docs/rules.md`,
/// *Anchors*).
enum AnchorState: Equatable {
    /// Its kind never anchors (a reference or working standard, an instrument).
    case notAnAnchor
    /// A valid anchor: recognised and in service.
    case valid
    /// An anchor kind outside its recognition.
    case notRecognized
    /// Recognised, but out of service since the day given.
    case outOfService(ItemState, Day?)

    /// The anchor rule: an SI realisation is recognised unless it lists windows that all
    /// miss the day; a primary standard needs a recognition window covering the day; a
    /// reference material needs one too, or, when it lists none, an accredited producer.
    /// A recognised anchor must also be in service.
    static func of(
        kind: ItemKind, recognitions: some Collection<DateWindow>, ownerAccredited: () -> Bool,
        state: () -> (ItemState, Day?), at day: Day
    ) -> AnchorState {
        guard kind.canAnchor else { return .notAnAnchor }
        let recognized: Bool
        switch kind {
        case .siRealization:
            recognized = recognitions.isEmpty || recognitions.contains { $0.contains(day) }
        case .primaryStandard:
            recognized = recognitions.contains { $0.contains(day) }
        default:
            recognized = recognitions.isEmpty ? ownerAccredited() : recognitions.contains { $0.contains(day) }
        }
        guard recognized else { return .notRecognized }
        let (current, since) = state()
        return current.isInService ? .valid : .outOfService(current, since)
    }
}

extension ItemState {
    /// The state on `day` given an item's events in date order: that of the latest event
    /// on or before the day (of two on one day, the later listed), in service when none.
    ///
    /// - Complexity: O(e) for e events.
    static func on(_ day: Day, events: some Sequence<EventRow>) -> (state: ItemState, since: Day?) {
        var result: (ItemState, Day?) = (.inService, nil)
        for event in events {
            if event.day > day { break }
            result = (event.state, event.day)
        }
        return result
    }
}

extension Network {
    /// Whether an item can end a chain at `day`, and if not, why.
    func anchorState(_ item: ItemIndex, at day: Day) -> AnchorState {
        AnchorState.of(
            kind: itemKind[item.int], recognitions: recognitionRows(of: item).lazy.map(\.window),
            ownerAccredited: {
                lab(of: item).map { accreditationRows(of: $0).contains { $0.contains(day) } } ?? false
            },
            state: { state(of: item, at: day) }, at: day)
    }

    /// What a record's reference stands on at the record's date: the reference as a
    /// valid anchor, its record in force then, or nothing. A reference whose record is
    /// in a cycle with the using record stands on nothing: the cycle is the finding.
    ///
    /// - Complexity: O(1): settled when the network was built.
    @inline(__always)
    func resolve(_ reference: ReferenceRow, of record: RecordIndex) -> ResolvedReference {
        switch reference.used {
        case ReferenceRow.anchor: return .anchor
        case ReferenceRow.nothing: return .none
        default:
            let used = RecordIndex(reference.used)
            return recordInCycle[record.int] && recordInCycle[used.int] ? .cycle(used) : .record(used)
        }
    }
}

/// What a reference stands on at the using record's date.
enum ResolvedReference: Equatable {
    /// The reference is a valid anchor.
    case anchor
    /// The reference's record in force.
    case record(RecordIndex)
    /// A record in force that is in a cycle with the using record.
    case cycle(RecordIndex)
    /// No record in force, and not a valid anchor.
    case none
}
