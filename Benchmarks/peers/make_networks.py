"""Writes the datasets (MetroTrace format v1) on which MetroTrace and the GUM Tree
Calculator propagate the same uncertainties:

- chain.json: a sequential chain of N links from an SI realisation, each link calibrated
  against the one before with a sensitivity and a budget component with its degrees of
  freedom;
- tree.json: an SI realisation, R reference standards, W working standards calibrated
  with one to three of the reference standards each (so they share ancestry), and I
  instruments calibrated with one or two working standards: the instruments' results
  are correlated through the standards they share.

Every record has one point at 1 kg and no stated U, so its uncertainty is exactly what
its references and budget carry.

Usage: python make_networks.py FOLDER [--links N] [--instruments I] [--seed S]
"""
import argparse
import json
import os
import random

DAY = "2026-01-10"
DUE = "2027-01-10"


def lab():
    return {
        "id": "LAB", "name": "Peer comparison lab", "kind": "calibration-lab",
        "accreditations": [{"scheme": "CNAS", "id": "L0000", "from": "2000-01-01", "to": None}],
        "capabilities": [{"quantity": "mass", "activity": "calibration", "range": ["0.001 kg", "1000 kg"],
                          "from": "2000-01-01", "to": None}],
    }


def anchor():
    return {"id": "SI-kg", "name": "kilogram realisation", "kind": "si-realization", "quantity": "mass",
            "unit": "kg", "lab": "LAB", "uncertainty": [{"nominal": "1 kg", "U": "2e-8 kg", "k": 2}]}


def item(identifier, kind):
    return {"id": identifier, "name": identifier, "kind": kind, "quantity": "mass", "unit": "kg", "lab": "LAB"}


def record(identifier, item_id, references, u, dof):
    return {
        "id": identifier, "activity": "calibration", "item": item_id, "lab": "LAB", "date": DAY, "due": DUE,
        "references": [{"item": ref, "sensitivity": c, "at": "1 kg"} for ref, c in references],
        "points": [{"nominal": "1 kg"}],
        "budget": [{"name": "own", "u": f"{u!r} kg", "dof": dof}],
    }


def budget(rng):
    return rng.uniform(1e-9, 5e-9), rng.choice([None, 4, 9, 19, 49, 99])


def chain(links, rng):
    items, records = [anchor()], []
    previous = "SI-kg"
    for n in range(1, links + 1):
        identifier = f"L{n}"
        items.append(item(identifier, "instrument" if n == links else "working-standard"))
        records.append(record(f"C{n}", identifier, [(previous, rng.uniform(0.99, 1.01))], *budget(rng)))
        previous = identifier
    return {"metrotrace": 1, "name": f"sequential chain of {links} links", "labs": [lab()],
            "items": items, "calibrations": records}


def tree(instruments, rng):
    references, workings = max(4, instruments // 100), max(8, instruments // 10)
    items, records = [anchor()], []
    for r in range(references):
        items.append(item(f"R{r}", "reference-standard"))
        records.append(record(f"CR{r}", f"R{r}", [("SI-kg", 1.0)], *budget(rng)))
    for w in range(workings):
        items.append(item(f"W{w}", "working-standard"))
        chosen = rng.sample(range(references), rng.randint(1, 3))
        records.append(record(f"CW{w}", f"W{w}", [(f"R{r}", rng.uniform(0.3, 1.0)) for r in chosen], *budget(rng)))
    for i in range(instruments):
        items.append(item(f"I{i}", "instrument"))
        chosen = rng.sample(range(workings), rng.randint(1, 2))
        records.append(record(f"CI{i}", f"I{i}", [(f"W{w}", rng.uniform(0.5, 1.5)) for w in chosen], *budget(rng)))
    return {"metrotrace": 1, "name": f"shared standards, {instruments} instruments", "labs": [lab()],
            "items": items, "calibrations": records}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--instruments", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    os.makedirs(arguments.folder, exist_ok=True)
    rng = random.Random(arguments.seed)
    for name, dataset in (("chain.json", chain(arguments.links, rng)), ("tree.json", tree(arguments.instruments, rng))):
        with open(os.path.join(arguments.folder, name), "w", encoding="utf-8") as file:
            json.dump(dataset, file)


if __name__ == "__main__":
    main()
