"""Counts the NuGet packages a restored project pulls in, from its obj/project.assets.json.

Usage: assets.py ASSETS_JSON ROOT...
Prints `total N` (every library of type "package" in the assets file), `closure N` (the packages reachable from the
ROOT packages through the dependency graph of every restored target, the ROOTs included) and one
`package NAME VERSION IN_CLOSURE [BY]` line per restored package (IN_CLOSURE is yes or no; BY lists the packages that
depend on it, comma-separated, none for a package the project references itself).
"""
import json
import sys

assets = json.load(open(sys.argv[1], encoding="utf-8-sig"))
roots = [r.lower() for r in sys.argv[2:]]
packages = {}  # lower-case name -> (name, version)
for key, library in assets["libraries"].items():
    if library.get("type") == "package":
        name, version = key.split("/", 1)
        packages[name.lower()] = (name, version)

reached = set()
parents = {}  # lower-case name -> names of the packages that depend on it
for target in assets["targets"].values():
    by_name = {key.split("/", 1)[0].lower(): entry for key, entry in target.items() if entry.get("type") == "package"}
    for key, entry in target.items():
        if entry.get("type") == "package":
            for dependency in entry.get("dependencies", {}):
                parents.setdefault(dependency.lower(), set()).add(key.split("/", 1)[0])
    pending = [r for r in roots if r in by_name]
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached.add(name)
        pending.extend(d.lower() for d in by_name[name].get("dependencies", {}) if d.lower() in by_name)

missing = [r for r in roots if r not in reached]
if missing:
    sys.exit(f"assets.py: {', '.join(missing)} not restored in {sys.argv[1]}")
print(f"total {len(packages)}")
print(f"closure {len(reached)}")
for key in sorted(packages):
    name, version = packages[key]
    by = ",".join(sorted(parents.get(key, ()))) or "-"
    print(f"package {name} {version} {'yes' if key in reached else 'no'} {by}")
