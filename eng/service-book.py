#!/usr/bin/env python3
"""Writes a book of N accounts for the ASP.NET sample, as a JSON array (book.json) and as NDJSON (book.ndjson).

Usage: service-book.py N OUT_DIR   (fixed seed: the same book every time)
"""
import json, os, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(18)
plans = ["Starter", "Growth", "Pro", "Enterprise"]
segments = ["SMB", "MidMarket", "Enterprise"]
names = ["PlanFit", "Velocity", "Engagement", "Champion", "Triggers"]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "book.json"), "w") as array, open(os.path.join(out, "book.ndjson"), "w") as lines:
    array.write("[")
    for i in range(n):
        seats = rng.randint(5, 500)
        account = {
            "id": f"acct-{i:07d}", "name": f"Account {i}", "segment": rng.choice(segments), "plan": rng.choice(plans),
            "arr": rng.randint(1, 500) * 1000, "seatsPurchased": seats, "seatsActive": rng.randint(1, seats),
            "daysToRenewal": rng.randint(0, 400), "healthScore": rng.randint(30, 100), "openP1P2Tickets": rng.randint(0, 3),
            "signals": {s: rng.randint(0, 100) for s in names if rng.random() > 0.1},
        }
        text = json.dumps(account, separators=(",", ":"))
        array.write(("," if i else "") + text)
        lines.write(text + "\n")
    array.write("]")
