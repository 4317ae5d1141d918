"""Propagates the uncertainties of a dataset written by make_networks.py with the GUM
Tree Calculator (PyPI GTC), the way a metrologist would script it: one ureal per budget
component and per anchor, each record's result the sum of sensitivity × its references'
results plus its own components. Reports u and the effective degrees of freedom of every
instrument, and the correlation of consecutive instruments.

Usage: python uncertainty_gtc.py DATASET.json  (prints JSON on stdout)
"""
import json
import math
import sys
import time

import GTC


def kilograms(text):
    number, unit = text.split()
    assert unit == "kg", unit
    return float(number)


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        dataset = json.load(file)
    started = time.perf_counter()
    results = {}
    for item in dataset["items"]:
        if item["kind"] == "si-realization":
            point = item["uncertainty"][0]
            results[item["id"]] = GTC.ureal(1.0, kilograms(point["U"]) / point["k"], label=item["id"])
    for record in dataset["calibrations"]:
        terms = [reference["sensitivity"] * results[reference["item"]] for reference in record["references"]]
        for line in record["budget"]:
            dof = line["dof"] if line["dof"] is not None else math.inf
            terms.append(GTC.ureal(0.0, kilograms(line["u"]), dof, label=f'{record["id"]}:{line["name"]}'))
        value = terms[0]
        for term in terms[1:]:
            value = value + term
        results[record["item"]] = value
    instruments = [item["id"] for item in dataset["items"] if item["kind"] == "instrument"]
    report = {"items": {}, "pairs": []}
    for identifier in instruments:
        dof = GTC.dof(results[identifier])
        report["items"][identifier] = [GTC.uncertainty(results[identifier]), None if math.isinf(dof) else dof]
    propagated = time.perf_counter()
    for a, b in zip(instruments, instruments[1:]):
        report["pairs"].append([a, b, GTC.get_correlation(results[a], results[b])])
    report["uncertainties"] = propagated - started
    report["correlations"] = time.perf_counter() - propagated
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
