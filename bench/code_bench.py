"""The code-scan benchmark (see code.sh): prints wall, CPU and peak memory
of raw parsing and of the whole scan, the throughput, and the analysis
cost over parsing, against the floors of the issue that asked for it."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scan_bench import run_once, timed  # noqa: E402  (same timing helpers)

HERE = os.path.dirname(os.path.abspath(__file__))
FLOOR_OVERHEAD = 0.25   # analysis at most 25 % over raw parsing
FLOOR_WALL_S = 2.0      # 25 MB in at most 2 s on 2 cores
FLOOR_RSS_MIB = 150


def main():
    dbaudit = os.path.abspath(sys.argv[1])
    build = os.path.dirname(dbaudit)
    mb = float(os.environ.get("BENCH_MB", "25"))
    cores = os.cpu_count() or 1
    threads = min(cores, 4)
    tmp = tempfile.mkdtemp(prefix="dbaudit-code-bench-")
    try:
        root = os.path.join(tmp, "repo")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_code.py"), root, str(mb)], check=True)
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
                       if f.endswith(".ts") and "/migrations/" not in os.path.join(d, f))
        size = sum(os.path.getsize(f) for f in files)
        listing = os.path.join(tmp, "files.txt")
        with open(listing, "w") as f:
            f.write("\n".join(files) + "\n")
        parse = os.path.join(tmp, "parse_only")
        lib = os.path.join(build, "libdbaudit_core.a")
        subprocess.run(["cc", "-O2", "-I", os.path.join(HERE, "..", "src"), os.path.join(HERE, "parse_only.c"),
                        lib, "-ltree-sitter", "-lpthread", "-o", parse], check=True)
        print(f"{len(files):,} TypeScript files, {size / 1e6:.1f} MB; {cores} cores; {threads} threads for both")

        def compare(title, files_list, scan_extra):
            with open(listing, "w") as f:
                f.write("\n".join(files_list) + "\n")
            size = sum(os.path.getsize(f) for f in files_list)
            print(f"\n{title}: {len(files_list):,} files, {size / 1e6:.1f} MB")
            raw = timed(["sh", "-c", f"{parse} {threads} < {listing}"])
            print(f"  tree-sitter alone   {raw.line()}")
            scan = timed([dbaudit, "scan", root, *scan_extra, "--format", "json", "--fail-on", "none",
                          "--output", os.devnull])
            print(f"  dbaudit scan        {scan.line()}")
            mbs = size / 1e6 / scan.wall_med
            overhead = scan.wall_med / raw.wall_med - 1
            print(f"  throughput          {mbs:5.1f} MB/s wall ({size / 1e6 / raw.wall_med:5.1f} MB/s for parsing alone)")
            print(f"  analysis over parse {overhead * 100:+5.0f} %   (floor: at most +{FLOOR_OVERHEAD * 100:.0f} %)")
            print(f"  25 MB would take    {25e6 / size * scan.wall_med:5.2f} s   "
                  f"(floor: at most {FLOOR_WALL_S:.0f} s on 2 cores)")
            print(f"  peak memory         {scan.rss_mib:5.0f} MiB (floor: at most {FLOOR_RSS_MIB} MiB)")

        # The whole tree: repositories, and modules with no database code,
        # which dbaudit does not parse (no Knex name in their text).
        compare("the whole tree", files, [])
        # The repositories alone: every file holds Knex code and is parsed
        # and walked, the worst case for the analysis.
        repos = [f for f in files if ".repository." in f]
        compare("repositories only (every file holds Knex code)", repos, ["--exclude", "util"])

        with tempfile.TemporaryFile() as out:
            rc, _, _, _, err = run_once([dbaudit, "scan", root, "--format", "json", "--fail-on", "none"], stdout=out)
            out.seek(0)
            report = json.loads(out.read())
        code = [f for f in report["findings"] if f["rule"].startswith("C")]
        print(f"\nreport: {len(report['sources'])} projects, {len(code):,} code findings "
              f"({len(report['findings']):,} in all)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
