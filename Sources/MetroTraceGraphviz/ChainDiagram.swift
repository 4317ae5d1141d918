import MetroTrace

/// The audit diagram of one full traceability chain: SI realisations and primary
/// standards at the top, the item at the bottom, one cluster per lab, edges from each
/// standard to what it calibrated, coloured by the link's worst finding.
public enum ChainDiagram {
    /// The diagram of `chain` as a Graphviz graph.
    ///
    /// - Complexity: O(c·(r + p)) for a chain of c records with r references and p points.
    public static func graph(_ chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) -> DOTGraph {
        var builder = Builder(chain: chain, analysis: analysis)
        builder.build()
        var graph = DOTGraph(name: "chain of \(analysis.network.id(of: chain.item))")
        DiagramStyle.apply(to: &graph, context: context)
        graph.attributes.append(.init("label", DiagramStyle.title(
            "Traceability chain of \(analysis.network.id(of: chain.item)) — \(chain.status.symbol) \(chain.status.rawValue)",
            at: chain.at, context: context)))
        builder.layOut(into: &graph, context: context)
        return graph
    }

    /// The diagram of `chain` as DOT text.
    public static func dot(_ chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) -> String {
        graph(chain, analysis: analysis, context: context).text
    }

    /// What a node stands for: an item as calibrated by one record of the chain, or an
    /// item on its own (an anchor, a reference with no record in force).
    enum Key: Hashable {
        case record(RecordIndex)
        case item(ItemIndex)
    }

    struct NodeInfo {
        var key: Key
        var item: ItemIndex
        var status: Status
        var isAnchor: Bool
        /// The uncertainty at each point of the node's record, worked out once.
        var results: [PointUncertainty] = []
        /// Values at which the node's standard was used by its children.
        var usedAt: [Double] = []
        /// Extra lines (the query date's findings on the item itself).
        var notes: [(Status, String)] = []
    }

    /// A calibration edge, named once every node is known.
    struct PendingEdge {
        var from: Key
        var to: Key
        var link: Chain.Link
        var reference: Chain.Reference?
    }

    struct Builder {
        let chain: Chain
        let analysis: TraceabilityAnalysis
        let network: Network
        var nodes: [Key: NodeInfo] = [:]
        var order: [Key] = []
        var pending: [PendingEdge] = []
        /// Node names, set by `build()` once every node is known.
        var names: [Key: String] = [:]

        init(chain: Chain, analysis: TraceabilityAnalysis) {
            self.chain = chain
            self.analysis = analysis
            self.network = analysis.network
        }

        mutating func node(_ key: Key, item: ItemIndex, status: Status, isAnchor: Bool) {
            if nodes[key] == nil {
                var info = NodeInfo(key: key, item: item, status: status, isAnchor: isAnchor)
                switch key {
                case .record(let record): info.results = analysis.uncertainty(of: record)
                case .item(let item) where isAnchor: info.results = analysis.uncertainty(of: item, at: chain.at)
                case .item: break
                }
                nodes[key] = info
                order.append(key)
            }
        }

        /// Collects nodes and edges from the chain, then names the nodes.
        mutating func build() {
            let root: Key = chain.record.map(Key.record) ?? .item(chain.item)
            node(root, item: chain.item, status: max(chain.links.first?.status ?? chain.status, queryStatus()),
                 isAnchor: chain.isAnchor)
            let queryFindings = chain.findings.filter { $0.rule.dependsOnQueryDate }
            nodes[root]?.notes = queryFindings.map { (Status(worst: $0.severity), "\($0.rule.id): \($0.message)") }
            for link in chain.links {
                let target = Key.record(link.record)
                node(target, item: link.item, status: link.status, isAnchor: false)
                if link.references.isEmpty {
                    let missing = Key.item(ItemIndex(-1 - link.record.rawValue))
                    node(missing, item: link.item, status: .broken, isAnchor: false)
                    pending.append(PendingEdge(from: missing, to: target, link: link, reference: nil))
                    continue
                }
                for reference in link.references {
                    let source: Key
                    if let used = reference.record {
                        source = .record(used)
                        let usedLink = chain.link(of: used)
                        node(source, item: reference.item, status: usedLink?.status ?? .broken, isAnchor: false)
                    } else {
                        source = .item(reference.item)
                        node(source, item: reference.item, status: reference.isAnchor ? .valid : .broken,
                             isAnchor: reference.isAnchor)
                    }
                    if reference.at.isNaN {
                        nodes[source]?.usedAt.append(contentsOf: network.points(of: link.record).lazy.map(\.nominal.si))
                    } else {
                        nodes[source]?.usedAt.append(reference.at)
                    }
                    pending.append(PendingEdge(from: source, to: target, link: link, reference: reference))
                }
            }
            nameNodes()
        }

        /// Names every node: the item's id, or id and record when the item appears twice.
        mutating func nameNodes() {
            var appearances: [ItemIndex: Int] = [:]
            for info in nodes.values { appearances[info.item, default: 0] += 1 }
            for key in order {
                switch key {
                case .item(let item) where item.rawValue < 0:
                    names[key] = "no reference for \(network.id(of: RecordIndex(-1 - item.rawValue)))"
                case .item(let item):
                    names[key] = network.id(of: item)
                case .record(let record):
                    let item = network.item(of: record)
                    names[key] = appearances[item, default: 0] > 1
                        ? "\(network.id(of: item)) · \(network.id(of: record))" : network.id(of: item)
                }
            }
        }

        func name(_ key: Key) -> String { names[key] ?? "" }

        func queryStatus() -> Status {
            Status(worst: chain.findings.filter { $0.rule.dependsOnQueryDate }.map(\.severity).max())
        }

        /// Writes nodes (in lab clusters), rank groups, edges and the legend.
        func layOut(into graph: inout DOTGraph, context: DiagramContext) {
            var clusters: [LabIndex: [DOTGraph.Node]] = [:]
            var clusterOrder: [LabIndex] = []
            var ranks = RankGroups<Key>()
            for key in order {
                guard let info = nodes[key] else { continue }
                let node = self.node(info)
                if case .item(let item) = key, item.rawValue < 0 {
                    graph.nodes.append(node)
                    continue
                }
                ranks.place(key, level: network.kind(of: info.item).level)
                if let lab = network.lab(of: info.item) {
                    if clusters[lab] == nil { clusterOrder.append(lab) }
                    clusters[lab, default: []].append(node)
                } else {
                    graph.nodes.append(node)
                }
            }
            for lab in clusterOrder {
                graph.subgraphs.append(DOTGraph.Subgraph(
                    "cluster_\(network.id(of: lab))",
                    [.init("label", .html(clusterLabel(lab))), .init("style", "rounded,dashed"),
                     .init("color", "#8a8a8a"), .init("fontsize", "10")],
                    nodes: clusters[lab] ?? []))
            }
            graph.edges.reserveCapacity(pending.count)
            for edge in pending {
                ranks.connect(edge.from, edge.to)
                graph.edges.append(self.edge(edge))
            }
            let names = names
            graph.subgraphs += ranks.subgraphs { names[$0] ?? "" }
            graph.subgraphs.append(DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [DiagramStyle.legend]))
        }
    }
}
