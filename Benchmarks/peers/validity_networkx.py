"""Chain validity at a date, written the straightforward way with networkx.

The rules are MetroTrace's chain rules (docs/rules.md) with every other rule a warning
(chain-rules-policy.json): an item is broken at D when it is not a valid anchor and has
no record in force, or its record in force is expired, the item is out of service, or the
record is not sound. A record is sound when its verdict is not fail, it has references
or its item is a valid anchor at its date, it is in no cycle, and every reference was a
valid anchor at the record's date or had a record in force then that was sound, not
expired, not failed, with the reference in service.

Usage: python validity_networkx.py DATASET.json YYYY-MM-DD  (prints JSON on stdout)
"""
import bisect
import datetime
import json
import sys
import time

import networkx as nx


def ordinal(text):
    return datetime.date.fromisoformat(text).toordinal() if text else None


def covers(window, day):
    start = ordinal(window.get("from")) or -10**9
    end = ordinal(window.get("to")) or 10**9
    return start <= day <= end


class Network:
    def __init__(self, dataset):
        self.items = {item["id"]: item for item in dataset.get("items", [])}
        self.labs = {lab["id"]: lab for lab in dataset.get("labs", [])}
        self.records = dataset.get("calibrations", [])
        self.by_item = {}
        for index, record in enumerate(self.records):
            record["_day"] = ordinal(record["date"])
            record["_due"] = ordinal(record.get("due"))
            self.by_item.setdefault(record["item"], []).append(index)
        for indices in self.by_item.values():
            indices.sort(key=lambda i: self.records[i]["_day"])
        self.days = {item: [self.records[i]["_day"] for i in indices] for item, indices in self.by_item.items()}
        self.events = {
            item_id: sorted(((ordinal(e["date"]), n, e["state"]) for n, e in enumerate(item.get("events", []))))
            for item_id, item in self.items.items()
        }

    def in_service(self, item_id, day):
        state = "in-service"
        for event_day, _, event_state in self.events.get(item_id, []):
            if event_day > day:
                break
            state = event_state
        return state in ("in-service", "repaired")

    def valid_anchor(self, item_id, day):
        item = self.items[item_id]
        kind = item["kind"]
        windows = item.get("recognized", [])
        if kind == "si-realization":
            recognized = not windows or any(covers(w, day) for w in windows)
        elif kind == "primary-standard":
            recognized = any(covers(w, day) for w in windows)
        elif kind == "reference-material":
            if windows:
                recognized = any(covers(w, day) for w in windows)
            else:
                lab = self.labs.get(item.get("lab"), {})
                recognized = any(covers(w, day) for w in lab.get("accreditations", []))
        else:
            return False
        return recognized and self.in_service(item_id, day)

    def in_force(self, item_id, day):
        days = self.days.get(item_id)
        if not days:
            return None
        position = bisect.bisect_right(days, day)
        return self.by_item[item_id][position - 1] if position else None


def analyse(dataset, query_day):
    network = Network(dataset)
    # The record graph: an edge from the record a reference stood on to the record using it.
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(network.records)))
    stands_on = []
    for index, record in enumerate(network.records):
        uses = []
        for reference in record.get("references", []):
            target = reference["item"]
            if network.valid_anchor(target, record["_day"]):
                uses.append(("anchor", target))
                continue
            used = network.in_force(target, record["_day"])
            uses.append(("record", target, used))
            if used is not None:
                graph.add_edge(used, index)
        stands_on.append(uses)
    in_cycle = set()
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            in_cycle |= component
    in_cycle |= {node for node in graph.nodes if graph.has_edge(node, node)}
    sound = {}
    acyclic = graph.subgraph(node for node in graph.nodes if node not in in_cycle)
    for index in list(in_cycle) + list(nx.topological_sort(acyclic)):
        record = network.records[index]
        day = record["_day"]
        ok = record.get("verdict") != "fail" and index not in in_cycle
        if not stands_on[index] and not network.valid_anchor(record["item"], day):
            ok = False
        for use in stands_on[index]:
            if use[0] == "anchor":
                continue
            _, target, used = use
            if used is None:
                ok = False
                continue
            used_record = network.records[used]
            if used_record["_due"] is not None and used_record["_due"] < day:
                ok = False
            if used_record.get("verdict") == "fail":
                ok = False
            if not network.in_service(target, day):
                ok = False
            both_in_cycle = index in in_cycle and used in in_cycle
            if not both_in_cycle and not sound.get(used, False):
                ok = False
        sound[index] = ok
    broken = []
    for item_id in network.items:
        if network.valid_anchor(item_id, query_day):
            continue
        record = network.in_force(item_id, query_day)
        if record is None:
            broken.append(item_id)
            continue
        due = network.records[record]["_due"]
        if (due is not None and due < query_day) or not network.in_service(item_id, query_day) or not sound[record]:
            broken.append(item_id)
    return sorted(broken)


def main():
    path, day = sys.argv[1], ordinal(sys.argv[2])
    started = time.perf_counter()
    with open(path, encoding="utf-8") as file:
        dataset = json.load(file)
    loaded = time.perf_counter()
    # The median of three runs, as MetroTrace's side reports medians too.
    times = []
    for _ in range(3):
        begun = time.perf_counter()
        broken = analyse(dataset, day)
        times.append(time.perf_counter() - begun)
    json.dump({"load": loaded - started, "validity": sorted(times)[1], "broken": broken}, sys.stdout)


if __name__ == "__main__":
    main()
