/// A traceability rule. Its raw value is the stable id that findings, policies and
/// scripts use; `docs/rules.md` documents each with its source.
public enum Rule: String, CaseIterable, Hashable, Sendable, Codable {
    // The item at the query date.
    case noRecordInForce = "record.none-in-force"
    case expired = "record.expired"
    case noDueDate = "record.no-due-date"
    case outOfService = "item.out-of-service"
    case verdictFail = "record.verdict-fail"
    case anchorNotRecognized = "anchor.not-recognized"
    case suspect = "record.suspect"
    // A record's basis at its own date.
    case unanchored = "chain.unanchored"
    case cycle = "chain.cycle"
    case referenceNoRecord = "reference.no-record"
    case referenceExpired = "reference.expired"
    case referenceInvalid = "reference.invalid"
    case referenceOutOfService = "reference.out-of-service"
    case referenceVerdictFail = "reference.verdict-fail"
    case referenceAnchorInvalid = "reference.anchor-invalid"
    case referenceOutOfRange = "reference.out-of-range"
    case labNotAccredited = "lab.not-accredited"
    case labOutOfScope = "lab.out-of-scope"
    case belowCMC = "record.below-cmc"
    case belowChainUncertainty = "record.below-chain"
    case testUncertaintyRatio = "record.tur-low"
    case intervalTooLong = "record.interval-too-long"

    /// The id, e.g. `record.expired`.
    public var id: String { rawValue }

    /// The severity a finding of this rule has unless the policy says otherwise.
    /// (The test uncertainty ratio's severity comes from its policy thresholds.)
    public var defaultSeverity: FindingSeverity {
        switch self {
        case .noDueDate, .suspect, .testUncertaintyRatio, .intervalTooLong: .warning
        default: .error
        }
    }

    /// Whether the rule depends on the query date (the others judge a record at its
    /// own date, once).
    public var dependsOnQueryDate: Bool {
        switch self {
        case .noRecordInForce, .expired, .outOfService, .anchorNotRecognized, .suspect: true
        default: false
        }
    }

    /// A one-line summary of what the rule checks.
    public var summary: String {
        switch self {
        case .noRecordInForce: "The item has no record dated on or before the query date."
        case .expired: "The record in force was past its due date at the query date."
        case .noDueDate:
            "The record states no due date and the policy gives no interval for its kind of item, so it never expires."
        case .outOfService: "The item was out of service (found out of tolerance, or retired) at the query date."
        case .verdictFail: "The record's verdict is fail: the item does not conform."
        case .anchorNotRecognized:
            "The anchor (primary standard or reference material) was not recognised at the date in question."
        case .suspect:
            "The record used a standard found out of tolerance later, between its last good calibration and the finding (reverse traceability), directly or through a chain."
        case .unanchored: "The record has no references and its item is not an anchor: the chain ends outside the SI."
        case .cycle: "The record depends on itself (through same-day calibrations or its own item)."
        case .referenceNoRecord: "A reference had no record in force at the calibration date."
        case .referenceExpired: "A reference's record in force was past its due date at the calibration date."
        case .referenceInvalid: "A reference's record in force at the calibration date was itself not sound."
        case .referenceOutOfService: "A reference was out of service at the calibration date."
        case .referenceVerdictFail: "A reference's record in force at the calibration date had verdict fail."
        case .referenceAnchorInvalid:
            "A reference is an anchor that was not recognised, or out of service, at the calibration date."
        case .referenceOutOfRange: "A reference was used at a value outside the points its own record calibrated."
        case .labNotAccredited: "The lab held no accreditation at the record's date."
        case .labOutOfScope:
            "No capability of the lab for the quantity and activity covered the record's date and each point."
        case .belowCMC: "A point's expanded uncertainty is smaller than the lab's CMC at that point."
        case .belowChainUncertainty:
            "The stated uncertainty is below what the references carry (and the budget adds): the certificate claims better than its chain supports."
        case .testUncertaintyRatio:
            "The test uncertainty ratio (item tolerance / expanded uncertainty) is below the policy threshold."
        case .intervalTooLong: "The calibration interval is longer than the policy's maximum for the kind of item."
        }
    }

    /// Where the rule comes from.
    public var source: String {
        switch self {
        case .noRecordInForce, .expired, .outOfService:
            "JJF 1001-2011 (traceability: an unbroken chain of calibrations); JJF 1139 (confirmation intervals); ISO/IEC 17025:2017 §6.4.13, §6.5"
        case .noDueDate:
            "JJF 1139 (calibration intervals must be set); ILAC-G24 / OIML D 10"
        case .verdictFail:
            "JJG verification regulations: a non-conforming instrument gets a notice of non-conformity (检定结果通知书), not a certificate"
        case .anchorNotRecognized, .referenceAnchorInvalid:
            "CIPM MRA (recognised CMCs of NMIs, KCDB); ISO 17034 (competence of reference material producers); ILAC P10:2020"
        case .suspect:
            "ISO/IEC 17025:2017 §7.10 (nonconforming work: evaluate the impact on previous results); JJF 1069 §7"
        case .unanchored:
            "VIM 2.41 (metrological traceability ends at a reference: the SI via a primary standard); ILAC P10:2020"
        case .cycle:
            "VIM 2.42 (a traceability chain is a sequence from the reference to the result; a standard cannot calibrate itself)"
        case .referenceNoRecord, .referenceExpired, .referenceInvalid, .referenceOutOfService, .referenceVerdictFail:
            "ISO/IEC 17025:2017 §6.5.1, §6.4.4 (equipment used must be calibrated and in service); JJF 1033 (measurement standards)"
        case .referenceOutOfRange:
            "ISO/IEC 17025:2017 §6.4.5 (equipment capable of the accuracy required over the range used); ILAC P10"
        case .labNotAccredited:
            "ILAC P10:2020 §2 (traceability via accredited labs); CNAS-CL01"
        case .labOutOfScope:
            "Jiangxi guidance on industry metrology test centres (approved, dated capability scope); CNAS-CL01-G001; ILAC P14"
        case .belowCMC:
            "ILAC P14:2020 §5 (no uncertainty smaller than the CMC may be stated on accredited certificates)"
        case .belowChainUncertainty:
            "GUM (JCGM 100:2008) 5.1: the combined uncertainty includes the uncertainty of the standards used"
        case .testUncertaintyRatio:
            "JJF 1094-2002 (evaluation of measuring instrument characteristics: U ≤ MPE/3 for conformity assessment); ANSI/NCSL Z540.3 (4:1)"
        case .intervalTooLong:
            "JJF 1139; the laboratory's or authority's interval policy"
        }
    }
}
