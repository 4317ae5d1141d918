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
        var page = AuditPage(title: "Traceability audit at \(at) — \(context.datasetName)")
        page.header(context: context, at: at, counts: Self.counts(validities.map(\.status)))
        page.summaries(
            byIndustry: summary(validities) {
                network.lab(of: $0).flatMap { network.labModel($0).industry } ?? "(none)"
            },
            byLab: summary(validities) { network.lab(of: $0).map { network.id(of: $0) } ?? "(none)" })
        page.findings(
            errorFindings(broken, findingsByItem), drawn: Set(drawn.map(\.item)), network: network,
            limit: maximumFindings)
        page.scopeProblems(scopeProblems(findingsByItem))
        page.dues(analysis.duePlan(at: at, within: dueWithin), network: network, limit: maximumDues)
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
                    svg = "<p class=\"error\">The diagram could not be drawn: \(HTMLPage.escape("\(error)"))</p>"
                }
                return (network.id(of: validity.item), svg)
            }, omitted: broken.count - drawn.count)
        return page.finished()
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
