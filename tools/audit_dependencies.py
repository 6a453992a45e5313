"""`make audit`: pip-audit over the installed environment, with an honest verdict.

pip-audit reports "No known vulnerabilities found" even when the vulnerability database answered
for none of the packages (a mirror without the JSON API, no network): every package is then only
"skipped". This wrapper says plainly when nothing or not everything was audited.

Exit codes: 0 audited, nothing known; 1 known vulnerabilities; 2 the vulnerability database was
unreachable or pip-audit failed, so the environment is NOT audited.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

UNREACHABLE = re.compile(
    r"ConnectionError|ConnectTimeout|ReadTimeout|Max retries exceeded|Name or service not known|"
    r"Temporary failure in name resolution|Network is unreachable|ServiceError|SSLError",
)
AGAIN = "Run `make audit` where the vulnerability database can be reached."


def verdict(stdout: str, stderr: str) -> tuple[int, list[str]]:
    """The exit code and the lines to print for one pip-audit run (`--format json`)."""
    try:
        report: dict[str, Any] = json.loads(stdout)
    except json.JSONDecodeError:
        if UNREACHABLE.search(stderr):
            return 2, ["NOT AUDITED: the vulnerability database is unreachable from this machine "
                       f"(network or proxy). {AGAIN}"]
        last = (stderr.strip().splitlines() or ["no output"])[-1]
        return 2, [f"NOT AUDITED: pip-audit failed: {last}"]
    audited = [d for d in report["dependencies"] if "skip_reason" not in d]
    skipped = [d for d in report["dependencies"] if "skip_reason" in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    if not audited:
        return 2, [f"NOT AUDITED: the vulnerability database answered for none of the "
                   f"{len(skipped)} installed packages (unreachable, or a package mirror "
                   f"without its JSON API). {AGAIN}"]
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(f"{dependency['name']} {dependency['version']}: {vuln['id']} "
                         f"(fixed in {fixed})")
    if skipped:
        lines.append(f"Not audited ({len(skipped)}): "
                     + "; ".join(f"{d['name']}: {d['skip_reason']}" for d in skipped))
    if vulnerable:
        lines.append(f"{len(vulnerable)} of {len(audited)} audited packages have known "
                     "vulnerabilities.")
        return 1, lines
    lines.append(f"{len(audited)} package{'' if len(audited) == 1 else 's'} audited: no known "
                 "vulnerabilities.")
    return 0, lines


def main(extra: list[str]) -> int:
    command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
               "--format", "json", *extra]
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments, no shell
        command, capture_output=True, text=True, check=False,
    )
    code, lines = verdict(done.stdout, done.stderr)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
