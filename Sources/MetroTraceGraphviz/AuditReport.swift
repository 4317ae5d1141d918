import Foundation
import MetroTrace

/// The audit report: one self-contained HTML file (inline CSS and SVG, no external
/// assets) that an auditor opens in a browser or prints: summaries per industry and per
/// lab, every error finding with the chain diagram it belongs to, capability-scope
/// problems per lab, upcoming dues, and the dataset's digest and the policy.
public struct AuditReport {
    /// Broken chains drawn at most; the others are listed (the bundle of
    /// `metrotrace diagrams` has them all).
    public var maximumDiagrams = 60
    /// Error findings listed at most.
    public var maximumFindings = 2000
    /// How far ahead dues are listed, in days.
    public var dueWithin = 30
    /// Dues listed at most.
    public var maximumDues = 500

    /// The report's number, printed in its header and on every page; by default
    /// `MT-<date>-<first 8 hex digits of the dataset's SHA-256>`.
    public var number: String?
    /// Who prepared, reviewed and approved the report (编制 / 审核 / 批准); blank lines to
    /// sign when not given.
    public var signatures = Signatures()

    /// The names of the report's sign-off block.
    public struct Signatures: Sendable {
        public var prepared: String?
        public var reviewed: String?
        public var approved: String?

        public init(prepared: String? = nil, reviewed: String? = nil, approved: String? = nil) {
            self.prepared = prepared
            self.reviewed = reviewed
            self.approved = approved
        }
    }

    public let analysis: TraceabilityAnalysis
    public let at: Day
    public let context: DiagramContext

    public init(analysis: TraceabilityAnalysis, at: Day, context: DiagramContext) {
        self.analysis = analysis
        self.at = at
        self.context = context
    }

    var network: Network { analysis.network }

    /// Rules about what a lab may issue.
    static let scopeRules: Set<Rule> = [.labOutOfScope, .labNotAccredited, .belowCMC]

    /// The report as HTML.
    /// - Parameter renderer: draws the broken chains' diagrams; a diagram that cannot be
    ///   drawn is named in its place.
    public func html(renderer: GraphvizRenderer = .shared) -> String {
        let validities = analysis.validity(at: at)
        var findingsByItem: [ItemIndex: [Finding]] = [:]
        for validity in validities where validity.status != .valid {
            findingsByItem[validity.item] = analysis.findings(of: validity.item, at: at)
        }
        let broken = validities.filter { $0.status == .broken }
        let drawn = Array(broken.prefix(maximumDiagrams))
        var page = AuditPage(
            title: context.text(
                "report.title", ("date", .literal(at.description)), ("dataset", .literal(context.datasetName))),
            number: reportNumber, context: context)
        page.header(context: context, at: at, counts: Self.counts(validities.map(\.status)))
        let plan = analysis.duePlan(at: at, within: dueWithin)
        page.overdue(plan, network: network, limit: maximumDues)
        page.suspects(suspectImpacts(), network: network)
        page.summaries(
            byIndustry: summary(validities) {
                network.lab(of: $0).flatMap { network.labModel($0).industry } ?? context.text("report.none")
            },
            byLab: summary(validities) { network.lab(of: $0).map { network.id(of: $0) } ?? context.text("report.none") }
        )
        page.findings(
            errorFindings(broken, findingsByItem), drawn: Set(drawn.map(\.item)), network: network,
            limit: maximumFindings)
        page.findings(
            warningFindings(validities, findingsByItem), severity: .warning, drawn: Set(drawn.map(\.item)),
            network: network, limit: maximumFindings)
        page.scopeProblems(scopeProblems(findingsByItem))
        page.dues(plan, network: network, limit: maximumDues)
        page.diagrams(
            drawn.map { validity in
                let chain = analysis.chain(of: validity.item, at: at)
                let svg: String
                do {
                    svg = String(
                        decoding: try renderer.render(
                            dot: ChainDiagram.dot(chain, analysis: analysis, context: context), format: .svg),
                        as: UTF8.self)
                } catch {
                    svg =
                        "<p class=\"error\">\(HTMLPage.escape(context.text("report.diagrams.failed", ("error", .literal("\(error)")))))</p>"
                }
                return (network.id(of: validity.item), svg)
            }, omitted: broken.count - drawn.count)
        page.signOff(signatures, at: at)
        return page.finished()
    }

    /// The report's number as printed.
    var reportNumber: String {
        number ?? "MT-\(at)-\(context.digest.map { String($0.prefix(8)) } ?? "nodigest")"
    }

    /// The impact of every standard found out of tolerance on or before the date that
    /// put some record in doubt, by standard id.
    func suspectImpacts() -> [Impact] {
        network.itemIndices.compactMap { item -> Impact? in
            guard let found = network.lastOutOfTolerance(of: item, onOrBefore: at) else { return nil }
            let impact = analysis.impact(of: item, foundOutOfToleranceAt: found, at: at)
            return impact.records.isEmpty ? nil : impact
        }.sorted { network.id(of: $0.standard) < network.id(of: $1.standard) }
    }

    static func counts(_ statuses: [Status]) -> (valid: Int, warning: Int, broken: Int) {
        (
            statuses.filter { $0 == .valid }.count, statuses.filter { $0 == .warning }.count,
            statuses.filter { $0 == .broken }.count
        )
    }

    /// Valid / warning / broken counts per group, groups in name order.
    func summary(_ validities: [ItemValidity], group: (ItemIndex) -> String) -> [(
        String, (valid: Int, warning: Int, broken: Int)
    )] {
        var statuses: [String: [Status]] = [:]
        for validity in validities { statuses[group(validity.item), default: []].append(validity.status) }
        return statuses.keys.sorted().map { ($0, Self.counts(statuses[$0]!)) }
    }

    /// Every error finding of every broken chain, with the item it was found for.
    func errorFindings(_ broken: [ItemValidity], _ findings: [ItemIndex: [Finding]]) -> [(ItemIndex, Finding)] {
        broken.flatMap { validity in
            (findings[validity.item] ?? []).filter { $0.severity == .error }.map { (validity.item, $0) }
        }
    }

    /// Every warning on every chain that is not valid, with the item it was found for.
    func warningFindings(_ validities: [ItemValidity], _ findings: [ItemIndex: [Finding]]) -> [(ItemIndex, Finding)] {
        validities.filter { $0.status != .valid }.flatMap { validity in
            var seen = Set<Finding>()
            return (findings[validity.item] ?? []).filter { $0.severity == .warning && seen.insert($0).inserted }
                .map { (validity.item, $0) }
        }
    }

    /// Scope, accreditation and CMC findings by issuing lab, each once.
    func scopeProblems(_ findings: [ItemIndex: [Finding]]) -> [(lab: String, findings: [Finding])] {
        var byLab: [String: [Finding]] = [:]
        var seen: Set<Finding> = []
        for finding in findings.values.joined()
        where Self.scopeRules.contains(finding.rule) && seen.insert(finding).inserted {
            byLab[finding.lab ?? "(unknown lab)", default: []].append(finding)
        }
        return byLab.keys.sorted().map {
            ($0, byLab[$0]!.sorted { ($0.record ?? "", $0.message) < ($1.record ?? "", $1.message) })
        }
    }
}
