import MetroTrace

/// Typed access to the fields of a JSON document being streamed, with the JSON path of
/// every value so that each problem names its place (`calibrations[12].points[0].U`).
///
/// A value of the wrong type is reported and skipped, so one pass finds every problem;
/// only broken JSON syntax stops the reading of a document.
final class JSONFields {
    typealias SyntaxError = JSONReader.SyntaxError

    enum Component {
        case key(JSONKey)
        case index(Int)
    }

    let file: String
    /// The format unknown fields are checked against, named in their warning.
    var format: LocalizedText = .key("diagnostic.format.dataset")

    /// The mutable state, behind one pointer: reading millions of values touches it
    /// constantly, and a class's stored properties would pay a dynamic exclusivity
    /// check on every access (measured: an eighth of the load time).
    private struct State {
        var reader: JSONReader
        var path: [Component] = []
        /// Problems of the entity being read; they get its subject when it is finished.
        var pending: [Diagnostic] = []
        /// Values with units, read with a cache of the units seen.
        var values = QuantityValueReader()
        /// The keys seen in each object being read, by nesting depth (reused storage).
        var seenKeys: [[JSONKey]] = []
        var depth = 0
    }

    private let state: UnsafeMutablePointer<State>

    init(storage: MappedBytes, file: String) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(reader: JSONReader(storage: storage)))
        self.file = file
    }

    convenience init(bytes: [UInt8], file: String) {
        self.init(storage: MappedBytes(copying: bytes), file: file)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var reader: JSONReader {
        get { state.pointee.reader }
        _modify { yield &state.pointee.reader }
    }

    private(set) var path: [Component] {
        get { state.pointee.path }
        _modify { yield &state.pointee.path }
        set { state.pointee.path = newValue }
    }

    private var pending: [Diagnostic] {
        get { state.pointee.pending }
        _modify { yield &state.pointee.pending }
        set { state.pointee.pending = newValue }
    }

    private var values: QuantityValueReader {
        get { state.pointee.values }
        _modify { yield &state.pointee.values }
    }

    private var seenKeys: [[JSONKey]] {
        get { state.pointee.seenKeys }
        _modify { yield &state.pointee.seenKeys }
    }

    private var depth: Int {
        get { state.pointee.depth }
        _modify { yield &state.pointee.depth }
    }

    // MARK: Paths and problems

    var pathText: String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key.string
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// Reports a problem at the current path (the value just read or about to be read).
    func report(_ message: LocalizedText, severity: Diagnostic.Severity = .error, line: Int? = nil) {
        pending.append(
            Diagnostic(
                severity, file: file, line: line ?? reader.line, path: pathText, text: message))
    }

    /// The problems of the entity just read, each given the entity as subject
    /// (`record X`).
    func finishEntity(subject: String?) -> [Diagnostic] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.subject = subject
            return diagnostic
        }
    }

    func syntaxDiagnostic(_ error: SyntaxError) -> Diagnostic {
        Diagnostic(
            .error, file: file, line: error.line, column: error.column,
            text: .key("diagnostic.json.malformed", ("detail", .literal(error.message))))
    }

    // MARK: Structure

    /// Whether any problem is waiting for its entity's subject.
    var hasPending: Bool { !state.pointee.pending.isEmpty }

    /// Whether an error was reported for the entity being read.
    var entityHasErrors: Bool { pending.contains { $0.severity == .error } }

    /// Walks an object's fields. `body` reads the value of a known key and returns true,
    /// or returns false for an unknown key, which is reported as a warning and skipped.
    /// A value that is not an object is reported and skipped.
    ///
    /// - Returns: the keys present, to tell a missing field from a null or broken one.
    @discardableResult
    func object(_ body: (JSONKey) throws(SyntaxError) -> Bool) throws(SyntaxError) -> Keys {
        guard try expect(.object) else { return Keys(names: []) }
        try reader.beginObject()
        if depth == seenKeys.count { seenKeys.append([]) }
        seenKeys[depth].removeAll(keepingCapacity: true)
        depth += 1
        defer { depth -= 1 }
        var first = true
        while let key = try reader.nextKey(first: first) {
            first = false
            path.append(.key(key))
            if seenKeys[depth - 1].contains(key) {
                report(.key("diagnostic.json.duplicate-field", ("field", .literal(key.string))))
                try reader.skipValue()
            } else {
                seenKeys[depth - 1].append(key)
                if try !body(key) {
                    report(
                        .key("diagnostic.json.unknown-field", ("field", .literal(key.string)), ("format", format)),
                        severity: .warning)
                    try reader.skipValue()
                }
            }
            path.removeLast()
        }
        return Keys(names: seenKeys[depth - 1])
    }

    /// Walks an array's elements; `null` counts as empty.
    func array(_ body: (Int) throws(SyntaxError) -> Void) throws(SyntaxError) {
        if try reader.peekKind() == .null {
            try reader.readNull()
            return
        }
        guard try expect(.array) else { return }
        try reader.beginArray()
        var index = 0
        while try reader.nextElement(first: index == 0) {
            path.append(.index(index))
            try body(index)
            path.removeLast()
            index += 1
        }
    }

    /// Checks the next value's kind; reports and skips it when it is another.
    private func expect(_ kind: JSONReader.Kind, or alternative: JSONReader.Kind? = nil) throws(SyntaxError) -> Bool {
        let found = try reader.peekKind()
        if found == kind || found == alternative { return true }
        let expected =
            alternative.map { LocalizedText.key("diagnostic.json.either", ("a", kind.phrase), ("b", $0.phrase)) }
            ?? kind.phrase
        report(.key("diagnostic.json.expected", ("expected", expected), ("found", found.phrase)))
        try reader.skipValue()
        return false
    }

    // MARK: Scalars

    /// A string, or nil for null (and for a value of another type, which is reported).
    func string() throws(SyntaxError) -> String? {
        if try reader.peekKind() == .null {
            try reader.readNull()
            return nil
        }
        guard try expect(.string) else { return nil }
        return try reader.readString()
    }

    /// `true` or `false`, or nil for null (and for a value of another type, which is
    /// reported).
    func bool() throws(SyntaxError) -> Bool? {
        if try reader.peekKind() == .null {
            try reader.readNull()
            return nil
        }
        guard try expect(.bool) else { return nil }
        return try reader.readBool()
    }

    /// A string that must be there: null is reported like any other wrong type.
    func requiredString() throws(SyntaxError) -> String? {
        guard try expect(.string) else { return nil }
        return try reader.readString()
    }

    /// A number, or nil for null (and for a value of another type, which is reported).
    func number() throws(SyntaxError) -> Double? {
        if try reader.peekKind() == .null {
            try reader.readNull()
            return nil
        }
        guard try expect(.number) else { return nil }
        let number = try reader.readNumber()
        guard number.isFinite else {
            report(.key("diagnostic.json.number-not-finite"))
            return nil
        }
        return number
    }

    /// An ISO 8601 day, or nil for null and for what is not one (reported).
    func day(required: Bool = false) throws(SyntaxError) -> Day? {
        if try reader.peekKind() == .string, let raw = try reader.readRawString() {
            if let day = Day(isoBytes: raw) { return day }
            report(.key("diagnostic.date.invalid", ("text", .literal(String(decoding: raw, as: UTF8.self)))))
            return nil
        }
        guard let text = try required ? requiredString() : string() else { return nil }
        guard let day = Day(iso: text) else {
            report(.key("diagnostic.date.invalid", ("text", .literal(text))))
            return nil
        }
        return day
    }

    /// A value with a unit written as a string (`"59 mg"`); a bare JSON number is a
    /// pure number. Nil for null and for what cannot be read (reported).
    func quantity(_ scale: ValueScale, required: Bool = false) throws(SyntaxError) -> QuantityValue? {
        switch try reader.peekKind() {
        case .null:
            if required { report(.key("diagnostic.json.value-null")) }
            try reader.readNull()
            return nil
        case .number:
            let number = try reader.readNumber()
            guard number.isFinite else {
                report(.key("diagnostic.json.number-not-finite"))
                return nil
            }
            return .number(number)
        default:
            if try reader.peekKind() == .string, let raw = try reader.readRawString() {
                if let value = values.parse(raw, scale: scale) { return value }
                let text = String(decoding: raw, as: UTF8.self)
                do {
                    return try QuantityValue.parse(text, scale: scale)
                } catch {
                    report(.key("diagnostic.value.unreadable", ("problem", error.text)))
                    return nil
                }
            }
            guard let text = try string() else { return nil }
            do {
                return try values.parse(text, scale: scale)
            } catch {
                report(.key("diagnostic.value.unreadable", ("problem", error.text)))
                return nil
            }
        }
    }

    /// A unit symbol (`"kg"`, `"mV/V"`); nil for what is not one (reported) or not a
    /// string.
    func unit() throws(SyntaxError) -> Unit? {
        guard let text = try requiredString() else { return nil }
        do throws(UnitError) {
            return try values.unit(text)
        } catch {
            report(error.text)
            return nil
        }
    }

    /// A pure number given as a JSON number or as a dimensionless string (`"0.02 %"`).
    func ratio() throws(SyntaxError) -> Double? {
        guard let value = try quantity(.interval) else { return nil }
        guard value.dimension.isDimensionless else {
            report(
                .key(
                    "diagnostic.value.not-pure-number", ("value", .literal("\(value)")),
                    ("dimension", value.dimension.explainedText)))
            return nil
        }
        return value.si
    }

    /// One of an enumeration's raw values; anything else is reported with the allowed ones.
    func enumeration<E: RawRepresentable & CaseIterable>(_ type: E.Type, required: Bool = true)
        throws(SyntaxError) -> E? where E.RawValue == String
    {
        guard let text = try required ? requiredString() : string() else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map { LocalizedText.literal("\"\($0.rawValue)\"") }
            report(.key("diagnostic.value.unknown-choice", ("text", .literal(text)), ("allowed", .list(allowed))))
            return nil
        }
        return value
    }

    /// A pair of values `[lower, upper]`.
    func range(_ scale: ValueScale) throws(SyntaxError) -> QuantityRange? {
        var values: [QuantityValue?] = []
        // Both bounds are required: a null bound is reported, never read as "no range".
        try array { _ throws(SyntaxError) in values.append(try quantity(scale, required: true)) }
        guard values.count == 2 else {
            report(.key("diagnostic.range.two-values", ("count", .literal("\(values.count)"))))
            return nil
        }
        guard let lower = values[0], let upper = values[1] else { return nil }
        return QuantityRange(lower, upper)
    }

    /// Reports each required field absent from `present` (the keys of the object just
    /// read, starting on `line`). Returns true when all are there.
    @discardableResult
    func require(_ fields: JSONKey..., in present: Keys, line: Int) -> Bool {
        var complete = true
        for field in fields where !present.contains(field) {
            path.append(.key(field))
            report(.key("diagnostic.json.missing-field", ("field", .literal(field.string))), line: line)
            path.removeLast()
            complete = false
        }
        return complete
    }
}

/// The keys an object had, to tell a missing field from a null or broken one.
struct Keys {
    var names: [JSONKey]

    func contains(_ key: JSONKey) -> Bool { names.contains(key) }
}
