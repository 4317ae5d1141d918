/// What a record documents: 检定 verification (pass/fail against a maximum permissible
/// error), 校准 calibration (values with uncertainty) or 测试 test.
public enum Activity: String, CaseIterable, Hashable, Sendable, Codable {
    /// 校准: values with their uncertainty.
    case calibration
    /// 检定: conformity with a maximum permissible error, under a JJG regulation.
    case verification
    /// 测试: a test report.
    case test

    /// The Chinese term used on certificates: 校准, 检定, 测试.
    public var chineseName: String {
        switch self {
        case .calibration: "校准"
        case .verification: "检定"
        case .test: "测试"
        }
    }
}

/// The conformity verdict of a verification (or of a calibration that states one).
public enum Verdict: String, CaseIterable, Hashable, Sendable, Codable {
    /// Conforms (合格).
    case pass
    /// Does not conform (不合格).
    case fail
}
