"""The reference side of test/unit/packaging-differential.test.ts: what Python's `packaging` makes of generated
specifiers, markers and requirement strings. Reads one JSON request on stdin, writes one JSON answer on stdout.

Every answer is packaging's own; some questions are put in a form that gets the same answer with less work, or
past a change in packaging's history:
- Membership is asked per clause, of each clause in normal form (str(Version)), and combined as SpecifierSet
  combines it (all clauses, then the pre-release policy). A sample of sets is also asked whole, to hold the
  combination to SpecifierSet itself. Normal form sidesteps packaging before 26.3 comparing `~=` versions as text
  (`~=v1.0` and `~=1.0c1` admit nothing past 1.0).
- Some operators changed meaning in packaging's history: `<V` and `>V` excluded more before 26.1 (pypa/packaging#1140,
  #1141), and a prefix (`==V.*`, `!=V.*`, `~=V`) ignored a candidate's epoch before 24.0 (pypa/packaging#712). On an
  older packaging those clauses are asked in the form packaging 26 gives them in _ranges.py (bounds compared with
  packaging's own Version); on a packaging new enough, the test checks that this form agrees with packaging's answer.
- A marker holds somewhere when Marker.evaluate is true (or raises) for some environment. Each comparison reads one
  variable, so it is first evaluated alone for every value of that variable, values all comparisons answer alike are
  kept once, and the whole marker is evaluated on every combination left. packaging's comparison function is
  remembered (it is pure) and its default environment built once (every key the markers read is given anyway).
"""

import functools
import json
import random
import sys

import packaging
import packaging.markers as markers_module
from packaging.markers import InvalidMarker, Marker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

VERSION = Version(packaging.__version__)
NARROWED = VERSION >= Version("26.1")
EPOCHS_IN_PREFIXES = VERSION >= Version("24.0")


def parse(text):
    try:
        return Version(text)
    except (InvalidVersion, ValueError):
        return None


def normal_clause(spec):
    """The clause with its version in normal form (a `===` clause stays as written)."""
    op, version = spec.operator, spec.version
    if op == "===":
        return op + version
    if version.endswith(".*"):
        return op + str(Version(version[:-2])) + ".*"
    return op + str(Version(version))


def with_parts(v, **parts):
    """The version `v` with some parts replaced, written out (Version.__replace__ is newer than Debian's packaging)."""
    fields = {"epoch": v.epoch, "release": v.release, "pre": v.pre, "post": v.post, "dev": v.dev}
    fields.update(parts)
    text = (f"{fields['epoch']}!" if fields["epoch"] else "") + ".".join(map(str, fields["release"]))
    if fields["pre"] is not None:
        text += f"{fields['pre'][0]}{fields['pre'][1]}"
    if fields["post"] is not None:
        text += f".post{fields['post']}"
    if fields["dev"] is not None:
        text += f".dev{fields['dev']}"
    return Version(text)


def next_prefix(release):
    """The first dev release after a prefix: 1.2 -> 1.3.dev0."""
    return Version(".".join(map(str, (*release[:-1], release[-1] + 1))) + ".dev0")


def current_form(clause):
    """The clause as packaging 26 reads it (its _ranges.py), as a test on a Version; None when older ones agree."""
    if clause.startswith(("==", "!=")) and clause.endswith(".*"):
        v = Version(clause[2:-2])
        low = Version(f"{v.epoch}!{v.base_version.split('!')[-1]}.dev0")
        high = Version(f"{v.epoch}!{next_prefix(v.release)}")
        inside = lambda x: low <= x < high  # noqa: E731
        return inside if clause[:2] == "==" else lambda x: not inside(x)
    if clause.startswith("~="):
        v = Version(clause[2:])
        high = Version(f"{v.epoch}!{next_prefix(v.release[:-1])}")
        return lambda x: v <= x < high
    if clause[:1] in "<>" and clause[1:2] != "=":
        return narrowed(clause)
    return None


def narrowed(clause):
    """`<V` and `>V` as packaging 26.1 reads them (its _ranges.standard_ranges), as a test on a Version."""
    op, text = clause[:1], clause[1:]
    v = Version(text)
    if op == "<":
        bound = v if v.is_prerelease else with_parts(v, dev=0)
        return lambda x: x < bound
    if v.dev is not None:
        bound = with_parts(v, dev=v.dev + 1)
    elif v.post is not None:
        bound = with_parts(v, post=v.post + 1, dev=0)
    elif v.pre is not None:
        bound = with_parts(v, pre=(v.pre[0], v.pre[1] + 1), dev=0)
    else:
        # A final release: every packaging already excludes its post-releases and local versions.
        spec = Specifier(clause)
        return lambda x: spec.contains(x, prereleases=True)
    return lambda x: x >= bound


def prereleases_of(spec_set):
    """SpecifierSet.prereleases, where this packaging can say (before 24.2 it raises on `===` with a non-version)."""
    try:
        return bool(spec_set.prereleases)
    except (InvalidVersion, ValueError):
        return None


def specifiers(request):
    universe = request["universe"]
    parsed = [parse(u) for u in universe]
    finals = 0
    for i, v in enumerate(parsed):
        if v is not None and not v.is_prerelease:
            finals |= 1 << i
    below_masks = {}
    clause_masks = {}
    own_answers = {}
    disagreements = []

    def mask_of(clause):
        if clause not in clause_masks:
            spec = Specifier(clause)
            form = current_form(clause)
            strict = clause[:1] in "<>" and clause[1:2] != "="
            # Whether this packaging's own answer is packaging 26's (else the current form stands in for it).
            own = form is None or (NARROWED if strict else EPOCHS_IN_PREFIXES)
            mask = 0
            for i, v in enumerate(parsed):
                if v is None:
                    continue
                item = universe[i] if clause.startswith("===") else v
                hit = spec.contains(item, prereleases=True) if own else form(v)
                if hit:
                    mask |= 1 << i
                if own and form is not None and NARROWED and form(v) != hit:
                    disagreements.append([clause, universe[i]])
            clause_masks[clause] = mask
            own_answers[clause] = own
        return clause_masks[clause]

    rng = random.Random(440)
    out = []
    for item in request["sets"]:
        try:
            spec_set = SpecifierSet(item["text"])
        except InvalidSpecifier:
            out.append({"valid": False})
            continue
        clauses = [normal_clause(s) for s in spec_set]
        admitted = (1 << len(universe)) - 1
        for c in clauses:
            admitted &= mask_of(c)
        if not item["prereleases"]:
            admitted &= finals
        minimum = item["minimum"]
        if minimum not in below_masks:
            m = Version(minimum)
            below_masks[minimum] = sum(1 << i for i, v in enumerate(parsed) if v is not None and v < m)
        below = below_masks[minimum]
        answer = {
            "valid": True,
            "admitted": format(admitted, "x"),
            "below": admitted & below != 0,
            "above": admitted & ~below != 0,
            "prereleases": prereleases_of(spec_set),
        }
        if rng.random() < 0.02 and all(own_answers[c] for c in clauses):
            # Held to SpecifierSet itself: the combination above is what it does.
            normal_set = SpecifierSet(",".join(clauses))
            whole = sum(1 << i for i, v in enumerate(parsed) if v is not None and normal_set.contains(universe[i], prereleases=item["prereleases"]))
            if whole != admitted:
                answer["whole"] = format(whole, "x")
        out.append(answer)
    clauses = {c: format(m, "x") for c, m in clause_masks.items()}
    return {"sets": out, "clauses": clauses, "narrowingDisagreements": disagreements[:20]}


class Raised(Exception):
    pass


def memoized_eval_op():
    """packaging's own comparison, remembered: it is a pure function of its arguments, and the search asks often."""
    original = markers_module._eval_op
    cache = {}

    def eval_op(lhs, op, rhs, *args, **kwargs):
        key = (lhs, str(op), rhs if isinstance(rhs, str) else tuple(sorted(rhs)), args, tuple(sorted(kwargs.items())))
        if key not in cache:
            try:
                cache[key] = original(lhs, op, rhs, *args, **kwargs)
            except Exception as e:  # noqa: BLE001 - any failure is "pip cannot evaluate this here"
                cache[key] = Raised(repr(e))
        result = cache[key]
        if isinstance(result, Raised):
            raise result
        return result

    markers_module._eval_op = eval_op


def environment(key, value):
    if key == "python":
        return {"python_version": ".".join(value.split(".")[:2]), "python_full_version": value}
    return {key: value}


def evaluate(marker, env):
    """True, False, or "raised" (pip cannot evaluate the marker in this environment)."""
    try:
        return marker.evaluate(env)
    except Exception:  # noqa: BLE001
        return "raised"


def marker_holds(marker, atoms, pythons, values):
    """Whether some environment makes the marker true, or makes packaging raise (pip cannot evaluate it there).

    Each comparison reads one variable, so values of a variable that all its comparisons (each asked of packaging
    on its own) answer alike are tried once; the marker itself is then evaluated on every combination left.
    """
    candidates = {"python": pythons, **values}
    base = {}
    for key, options in candidates.items():
        base.update(environment(key, options[0]))
    kept = {}
    for key, options in candidates.items():
        mine = [a for a in atoms if a["key"] == key]
        if not mine:
            continue
        seen = {}
        for value in options:
            env = dict(base)
            env.update(environment(key, value))
            answers = tuple(atom_answer(a["text"], key, value, env) for a in mine)
            seen.setdefault(answers, value)
        kept[key] = list(seen.values())
    keys = sorted(kept)
    combos = [[]]
    for key in keys:
        combos = [c + [v] for c in combos for v in kept[key]]
    for combo in combos:
        env = dict(base)
        for key, value in zip(keys, combo):
            env.update(environment(key, value))
        if evaluate(marker, env) is not False:
            return True
    return False


ATOM_ANSWERS = {}


@functools.lru_cache(maxsize=None)
def atom_marker(text):
    """The comparison and packaging's own spelling of it (spacing and quotes differ between copies)."""
    marker = Marker(text)
    return marker, str(marker)


def atom_answer(text, key, value, env):
    """One comparison on its own, asked of packaging once for each value of the one variable it reads."""
    marker, normal = atom_marker(text)
    if (normal, key, value) not in ATOM_ANSWERS:
        ATOM_ANSWERS[(normal, key, value)] = evaluate(marker, env)
    return ATOM_ANSWERS[(normal, key, value)]


def markers(request):
    memoized_eval_op()
    # The default environment is rebuilt on every evaluation before 26.3; every key the markers read is given anyway.
    fixed = markers_module.default_environment()
    markers_module.default_environment = lambda: dict(fixed)
    out = []
    for item in request["markers"]:
        try:
            marker = Marker(item["text"])
        except InvalidMarker as e:
            out.append({"valid": False, "error": str(e).splitlines()[0]})
            continue
        except Exception as e:  # noqa: BLE001 - packaging before 26.3 lets literal_eval's errors through
            out.append({"valid": False, "error": repr(e)})
            continue
        answer = {"valid": True}
        if "pythons" in item:
            answer["holds"] = marker_holds(marker, item["atoms"], item["pythons"], item["values"])
        out.append(answer)
    return {"markers": out}


def marker_tree(node):
    """packaging's flat marker list as nested [op, left, right] with `and` binding tighter than `or`."""
    if isinstance(node, tuple):
        left, op, right = node
        side = lambda x: ["var", x.value] if type(x).__name__ == "Variable" else ["str", x.value]  # noqa: E731
        return ["cmp", side(left), str(op), side(right)]
    groups = [[]]
    for part in node:
        if part == "or":
            groups.append([])
        elif part != "and":
            groups[-1].append(marker_tree(part))

    def chain(kind, items):
        tree = items[0]
        for x in items[1:]:
            tree = [kind, tree, x]
        return tree

    return chain("or", [chain("and", g) for g in groups])


def requirements(request):
    from packaging._parser import parse_requirement

    out = []
    for text in request["requirements"]:
        try:
            req = Requirement(text)
            raw = parse_requirement(text).specifier
        except (InvalidRequirement, InvalidSpecifier) as e:
            out.append({"valid": False, "error": str(e).splitlines()[0]})
            continue
        except Exception as e:  # noqa: BLE001 - see markers()
            out.append({"valid": False, "error": repr(e)})
            continue
        out.append(
            {
                "valid": True,
                "name": req.name,
                "extras": sorted(req.extras),
                "url": req.url is not None,
                "specifier": [str(Specifier(p)) for p in raw.split(",") if p.strip()],
                "marker": marker_tree(req.marker._markers) if req.marker is not None else None,
            }
        )
    return {"requirements": out}


def main():
    request = json.load(sys.stdin)
    handler = {"specifiers": specifiers, "markers": markers, "requirements": requirements}[request["kind"]]
    answer = handler(request)
    answer["packaging"] = packaging.__version__
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
