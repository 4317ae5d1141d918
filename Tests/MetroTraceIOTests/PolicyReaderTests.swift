import Testing

@testable import MetroTrace
@testable import MetroTraceIO

@Suite("Policy files")
struct PolicyReaderTests {
    static func read(_ text: String) throws(DatasetError) -> Policy {
        try PolicyReader.read(bytes: Array(text.utf8), named: "policy.json")
    }

    @Test("a policy overrides only what it mentions")
    func overrides() throws {
        let policy = try Self.read(
            """
            {"metrotracePolicy": 1,
             "testUncertaintyRatio": {"calibration": {"minimum": 5}, "test": null},
             "maximumIntervalMonths": {"instrument": 12},
             "defaultIntervalMonths": {"working-standard": 24},
             "coverageProbability": 0.95,
             "severities": {"record.suspect": "error", "record.no-due-date": "info"}}
            """)
        #expect(policy.testUncertaintyRatio[.calibration] == Policy.RatioThreshold(minimum: 5, severity: .warning))
        #expect(policy.testUncertaintyRatio[.test] == nil)
        #expect(policy.testUncertaintyRatio[.verification] == Policy.RatioThreshold(minimum: 3, severity: .error))
        #expect(policy.maximumIntervalMonths == [.instrument: 12])
        #expect(policy.defaultIntervalMonths == [.workingStandard: 24])
        #expect(policy.coverageProbability == 0.95)
        #expect(policy.severity(of: .suspect) == .error)
        #expect(policy.severity(of: .noDueDate) == .info)
        #expect(policy.severity(of: .expired) == .error)
    }

    @Test("an empty policy is the default policy")
    func empty() throws {
        #expect(try Self.read(#"{"metrotracePolicy": 1}"#) == Policy())
    }

    @Test(
        "bad policies are refused, naming the key",
        arguments: [
            (#"{"metrotracePolicy": 1, "severities": {"record.expird": "error"}}"#, "unknown rule \"record.expird\""),
            (#"{"metrotracePolicy": 1, "severities": {"record.expired": "fatal"}}"#, "unknown value \"fatal\""),
            (#"{"metrotracePolicy": 1, "coverageProbability": 95}"#, "between 0 and 1"),
            (#"{"metrotracePolicy": 1, "maximumIntervalMonths": {"instrument": 1.5}}"#, "whole number of months"),
            (#"{"metrotracePolicy": 2}"#, "version 2 is not supported"),
            (#"{"severities": {}}"#, "not a MetroTrace policy"),
            (#"{"metrotracePolicy": 1,"#, "malformed JSON"),
        ])
    func refused(_ text: String, _ mention: String) {
        #expect {
            _ = try Self.read(text)
        } throws: { error in
            "\(error)".contains(mention) && "\(error)".contains("policy.json")
        }
    }

    @Test(
        "infinite thresholds are refused",
        arguments: [
            #"{"metrotracePolicy": 1, "testUncertaintyRatio": {"calibration": {"minimum": 1e400}}}"#,
            #"{"metrotracePolicy": 1, "coverageProbability": 1e400}"#,
        ])
    func infinite(_ text: String) {
        #expect {
            _ = try Self.read(text)
        } throws: { error in
            "\(error)".contains("out of range")
        }
    }

    @Test(
        "unknown and misspelled keys are warned about, naming the key, and ignored",
        arguments: [
            (
                #"{"metrotracePolicy": 1, "maximumIntervalMonth": {"instrument": 12}}"#, "maximumIntervalMonth",
                "unknown field \"maximumIntervalMonth\" ignored; check its spelling against the policy format"
            ),
            (
                #"{"metrotracePolicy": 1, "testUncertaintyRatio": {"calibraton": {"minimum": 4}}}"#,
                "testUncertaintyRatio.calibraton",
                "unknown activity \"calibraton\" ignored; the activities are calibration, verification, test"
            ),
            (
                #"{"metrotracePolicy": 1, "testUncertaintyRatio": {"test": {"minimun": 3}}}"#,
                "testUncertaintyRatio.test.minimun", "unknown field \"minimun\""
            ),
            (
                #"{"metrotracePolicy": 1, "maximumIntervalMonths": {"instrumnet": 12}}"#,
                "maximumIntervalMonths.instrumnet", "unknown kind of item \"instrumnet\""
            ),
        ])
    func warned(_ text: String, _ path: String, _ message: String) throws {
        let (policy, warnings) = try PolicyReader.load(bytes: Array(text.utf8), named: "policy.json")
        let warning = try #require(warnings.warnings.first)
        #expect(warning.path == path)
        #expect(warning.file == "policy.json")
        #expect(warning.message.contains(message), "\(warning.message)")
        #expect(warnings.warnings.count == 1)
        #expect(policy.maximumIntervalMonths.isEmpty)
    }
}
