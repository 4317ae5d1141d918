/// A finding in compact form, as the analysis stores millions of them: the rule, its
/// severity, what it concerns by index, and the numbers its message needs. It becomes
/// a readable ``Finding`` only when asked for.
struct FindingCode: Sendable, Hashable {
    var rule: Rule
    var severity: FindingSeverity
    /// The record the finding is about, or -1.
    var record: Int32
    /// The item the finding names besides the record's own (a reference), or -1.
    var subject: Int32
    /// A position: the reference, point or capability concerned, or -1.
    var detail: Int32
    /// Numbers for the message (a ratio, a value), NaN when unused.
    var value: Double
    var limit: Double
    /// A day for the message (a due date, an event), or nil.
    var day: Day?

    init(
        _ rule: Rule, _ severity: FindingSeverity, record: RecordIndex?, subject: ItemIndex? = nil,
        detail: Int = -1, value: Double = .nan, limit: Double = .nan, day: Day? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.record = record?.rawValue ?? -1
        self.subject = subject?.rawValue ?? -1
        self.detail = Int32(detail)
        self.value = value
        self.limit = limit
        self.day = day
    }

    var recordIndex: RecordIndex? { record < 0 ? nil : RecordIndex(record) }
    var subjectIndex: ItemIndex? { subject < 0 ? nil : ItemIndex(subject) }
}

/// A finding: a rule that a record or item breaks, how badly, and why, in words.
public struct Finding: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The rule broken.
    public var rule: Rule
    /// How much it matters.
    public var severity: FindingSeverity
    /// The id of the item whose record (or state) is at fault.
    public var item: String
    /// The id of the record at fault, if a record is.
    public var record: String?
    /// The id of the lab that issued that record, if any.
    public var lab: String?
    /// The id of the reference concerned, for the `reference.*` rules.
    public var reference: String?
    /// What is wrong, for a metrologist, as its facts: render it in a language with
    /// ``message(in:)``.
    public var text: LocalizedText
    /// What is wrong, for a metrologist, in English (the JSON `message`).
    public var message: String {
        get { text.rendered(in: .english) }
        set { text = .literal(newValue) }
    }
    /// The day the finding turns on, when it has one: the due date passed
    /// (`record.expired`, `reference.expired`), the day an item went out of service or
    /// was found out of tolerance (`item.out-of-service`, `reference.out-of-service`,
    /// `record.suspect`), the query date of `record.none-in-force`.
    public var date: Day?
    /// For `record.suspect`: the id of the standard found out of tolerance.
    public var cause: String?

    /// Creates a finding whose message reads the same in every language.
    public init(
        rule: Rule, severity: FindingSeverity, item: String, record: String?, lab: String?,
        reference: String? = nil, message: String, date: Day? = nil, cause: String? = nil
    ) {
        self.init(
            rule: rule, severity: severity, item: item, record: record, lab: lab, reference: reference,
            text: .literal(message), date: date, cause: cause)
    }

    /// Creates a finding.
    public init(
        rule: Rule, severity: FindingSeverity, item: String, record: String?, lab: String?,
        reference: String? = nil, text: LocalizedText, date: Day? = nil, cause: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.item = item
        self.record = record
        self.lab = lab
        self.reference = reference
        self.text = text
        self.date = date
        self.cause = cause
    }

    /// What is wrong, in `language`.
    public func message(in language: Language) -> String { text.rendered(in: language) }

    /// `error record.expired JX-F1-10kg JXIM-2025-00123: …`
    public var description: String {
        "\(severity.rawValue) \(rule.id) \(item)\(record.map { " \($0)" } ?? ""): \(message)"
    }
}
