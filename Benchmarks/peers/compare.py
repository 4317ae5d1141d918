"""Runs MetroTrace (peer-runner) and its peers on the same networks, checks that their
results agree, then reports the times and the ratios. Called by run.sh.

Usage: python compare.py RUNNER WORK_FOLDER QUERY_DAY GENERATED.json...
"""
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(completed.stdout)


def close(a, b, relative=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) <= relative * max(abs(a), abs(b))


def compare_uncertainty(runner, dataset, name):
    ours = run([runner, "uncertainty", dataset, "2026-06-01"])
    theirs = run([sys.executable, os.path.join(HERE, "uncertainty_gtc.py"), dataset])
    assert ours["items"].keys() == theirs["items"].keys(), f"{name}: different instruments"
    worst_u = worst_dof = worst_r = 0.0
    for identifier, (u, dof) in ours["items"].items():
        gtc_u, gtc_dof = theirs["items"][identifier]
        assert close(u, gtc_u), f"{name} {identifier}: u {u!r} (MetroTrace) vs {gtc_u!r} (GTC)"
        assert close(dof, gtc_dof, 1e-6), f"{name} {identifier}: dof {dof!r} vs {gtc_dof!r}"
        worst_u = max(worst_u, abs(u - gtc_u) / gtc_u)
        if dof is not None:
            worst_dof = max(worst_dof, abs(dof - gtc_dof) / gtc_dof)
    for (a, b, r), (_, _, gtc_r) in zip(ours["pairs"], theirs["pairs"]):
        assert r is not None and abs(r - gtc_r) <= 1e-9, f"{name} {a}/{b}: r {r!r} vs {gtc_r!r}"
        worst_r = max(worst_r, abs(r - gtc_r))
    rows = [{
        "comparison": f"u of every instrument, {name}", "instruments": len(ours["items"]),
        "agreement": f"u within {worst_u:.1e} relative, dof within {worst_dof:.1e}",
        "metrotrace_s": ours["analysis"] + ours["uncertainties"], "peer": "GTC", "peer_s": theirs["uncertainties"],
    }]
    if ours["pairs"]:
        rows.append({
            "comparison": f"correlation of {len(ours['pairs'])} instrument pairs, {name}",
            "agreement": f"r within {worst_r:.1e}",
            "metrotrace_s": ours["correlations"], "peer": "GTC", "peer_s": theirs["correlations"],
        })
    for row in rows:
        row["ratio"] = row["peer_s"] / row["metrotrace_s"]
    return rows


def compare_validity(runner, dataset, day, name):
    policy = os.path.join(HERE, "chain-rules-policy.json")
    ours = run([runner, "validity", dataset, day, policy])
    theirs = run([sys.executable, os.path.join(HERE, "validity_networkx.py"), dataset, day])
    ours_set, theirs_set = set(ours["broken"]), set(theirs["broken"])
    if ours_set != theirs_set:
        only_ours = sorted(ours_set - theirs_set)[:10]
        only_theirs = sorted(theirs_set - ours_set)[:10]
        raise AssertionError(f"{name}: broken sets differ; only MetroTrace {only_ours}, only networkx {only_theirs}")
    metrotrace = ours["analysis"] + ours["validity"]
    return [{
        "comparison": f"validity at {day}, {name}", "broken": len(ours_set),
        "agreement": f"same {len(ours_set)} broken items",
        "metrotrace_s": metrotrace, "peer": "networkx", "peer_s": theirs["validity"],
        "ratio": theirs["validity"] / metrotrace,
        "json_load_s": {"metrotrace": ours["load"], "python json": theirs["load"]},
    }, {
        # A service keeps the analysis: asking about another date costs validity(at:) only.
        "comparison": f"  validity(at:) alone, analysis kept, {name}",
        "agreement": "as above",
        "metrotrace_s": ours["validity"], "peer": "networkx", "peer_s": theirs["validity"],
        "ratio": theirs["validity"] / ours["validity"],
    }]


def main():
    runner, work, day = sys.argv[1:4]
    rows = compare_uncertainty(runner, os.path.join(work, "chain.json"), "10,000-link sequential chain")
    rows += compare_uncertainty(runner, os.path.join(work, "tree.json"), "shared standards")
    for dataset in sys.argv[4:]:
        rows += compare_validity(runner, dataset, day, os.path.basename(dataset))
    print(f"{'comparison':66} {'MetroTrace':>12} {'peer':>10} {'peer time':>12} {'ratio':>10}")
    for row in rows:
        ratio = f"{row['ratio']:.0f}" if row["ratio"] >= 10 else f"{row['ratio']:.2f}"
        print(f"{row['comparison']:66} {row['metrotrace_s'] * 1000:10.2f} ms {row['peer']:>10} "
              f"{row['peer_s'] * 1000:9.1f} ms {ratio:>9}×")
        print(f"{'':4}agreement: {row['agreement']}")
    with open(os.path.join(work, "peers.json"), "w", encoding="utf-8") as file:
        json.dump(rows, file, indent=2)


if __name__ == "__main__":
    main()
