"""scan --changed-files and --git-base: the whole project is read, the
report keeps only findings in files git says changed (work tree, index and
untracked files against HEAD; with --git-base, also what was committed since
the merge base with REV).
"""
import json
import os
import shutil
import subprocess
import tempfile

from harness import SOURCE, eq, main, run

FIXTURE = os.path.join(SOURCE, "tests", "rules", "M001", "bad")
EVENTS = "migrations/20240101000000_create_tenants_and_events.ts"
TICKETS = "migrations/20240102000000_create_tickets.js"
SCANS = "migrations/20240103000000_create_ticket_scans.js"

GIT_ENV = {"GIT_AUTHOR_NAME": "dbaudit test", "GIT_AUTHOR_EMAIL": "test@dbaudit.invalid",
           "GIT_COMMITTER_NAME": "dbaudit test", "GIT_COMMITTER_EMAIL": "test@dbaudit.invalid",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


class Repo:
    """A git repository holding a copy of the fixture project, committed."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="dbaudit-changed-")
        self.root = os.path.join(self.tmp, "repo")
        shutil.copytree(FIXTURE, self.root)
        self.git("init", "-q", "-b", "main")
        self.commit("the fixture")

    def git(self, *args):
        env = dict(os.environ, **GIT_ENV)
        p = subprocess.run(["git", "-c", "user.name=dbaudit test", "-c", "user.email=test@dbaudit.invalid",
                            "-c", "commit.gpgsign=false", *args], cwd=self.root, env=env,
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, f"git {args}: {p.stderr}"
        return p.stdout

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def touch(self, rel, text="\n// touched\n"):
        with open(os.path.join(self.root, rel), "a", encoding="utf-8") as f:
            f.write(text)

    def scan(self, *args, path=".", cwd=None):
        rc, out, err = run(["scan", "--format", "json", *args, path], cwd=cwd or self.root)
        assert rc in (0, 1), f"exit {rc}: {err}"
        doc = json.loads(out)
        return rc, sorted((f["rule"], f["location"]["file"]) for f in doc["findings"]), err

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def test_work_tree_changes():
    r = Repo()
    try:
        rc, found, _ = r.scan()
        eq(len(found), 6, "the whole project: M001 and S015 in each migration")
        rc, found, err = r.scan("--changed-files")
        eq((rc, found), (0, []), "nothing changed: nothing reported")
        assert "6 findings outside the changed files not shown" in err, err
        r.touch(TICKETS)
        rc, found, _ = r.scan("--changed-files")
        eq(found, [("M001", TICKETS), ("S015", TICKETS)], "an unstaged change")
        r.git("add", TICKETS)
        rc, found, _ = r.scan("--changed-files")
        eq(found, [("M001", TICKETS), ("S015", TICKETS)], "a staged change")
        eq(rc, 1, "the S015 error in it fails the run")
        with open(os.path.join(r.root, "migrations", "20240104000000_add_refunds.js"), "w", encoding="utf-8") as f:
            f.write("exports.up = async (knex) => {\n"
                    "  await knex.schema.createTable('refunds', (t) => {\n"
                    "    t.uuid('id').primary();\n"
                    "    t.uuid('ticket_id').notNullable().references('id').inTable('tickets');\n"
                    "  });\n};\n"
                    "exports.down = async (knex) => { await knex.schema.dropTable('refunds'); };\n")
        rc, found, _ = r.scan("--changed-files", "--only", "M001")
        eq(found, [("M001", TICKETS), ("M001", "migrations/20240104000000_add_refunds.js")],
           "an untracked migration counts as changed")
        # The model still holds every migration: refunds references tickets from an unchanged file.
        rc, out, _ = run(["scan", "--changed-files", "--only", "M001", "--format", "json", "."], cwd=r.root)
        msgs = [f["message"] for f in json.loads(out)["findings"] if "refunds" in f["location"]["file"]]
        assert msgs and "public.tickets" in msgs[0], msgs
    finally:
        r.close()


def test_paths_from_another_folder():
    r = Repo()
    try:
        r.touch(EVENTS)
        rc, found, _ = r.scan("--changed-files", path="repo", cwd=r.tmp)
        eq(found, [("M001", "repo/" + EVENTS), ("S015", "repo/" + EVENTS)], "paths as the scan reached them")
        rc, found, _ = r.scan("--changed-files", path=".", cwd=os.path.join(r.root, "migrations"))
        eq(found, [("M001", EVENTS.split("/")[1]), ("S015", EVENTS.split("/")[1])], "from inside the repository")
    finally:
        r.close()


def test_git_base():
    r = Repo()
    try:
        base = r.git("rev-parse", "HEAD").strip()
        r.git("checkout", "-q", "-b", "feature")
        r.touch(SCANS)
        r.commit("change ticket_scans")
        rc, found, _ = r.scan("--changed-files")
        eq(found, [], "committed: the work tree is clean")
        rc, found, _ = r.scan("--git-base", "main")
        eq(found, [("M001", SCANS), ("S015", SCANS)], "--git-base main: what the branch changed")
        r.touch(EVENTS)
        rc, found, _ = r.scan("--git-base", base)
        eq(found, [("M001", EVENTS), ("M001", SCANS), ("S015", EVENTS), ("S015", SCANS)],
           "plus the work tree's changes")
        # A commit on main after the branch point is not the branch's change.
        r.git("stash", "-q")
        r.git("checkout", "-q", "main")
        r.touch(TICKETS)
        r.commit("change tickets on main")
        r.git("checkout", "-q", "feature")
        rc, found, _ = r.scan("--git-base", "main")
        eq(found, [("M001", SCANS), ("S015", SCANS)], "changes since the merge base only")
    finally:
        r.close()


def test_errors_are_usage_errors():
    r = Repo()
    plain = tempfile.mkdtemp(prefix="dbaudit-changed-")
    try:
        rc, out, err = run(["scan", "--git-base", "no-such-branch", "."], cwd=r.root)
        eq((rc, out), (2, ""), "a revision that does not exist")
        assert err.startswith("dbaudit: --git-base: fatal: ") and "no-such-branch" in err and err.count("\n") == 1, err
        rc, out, err = run(["scan", "--git-base", "--output=x", "."], cwd=r.root)
        eq(rc, 2, "an option is not a revision")
        shutil.copytree(FIXTURE, os.path.join(plain, "proj"))
        rc, out, err = run(["scan", "--changed-files", "proj"], cwd=plain, env={"GIT_CEILING_DIRECTORIES": plain})
        eq((rc, out), (2, ""), "not a git repository")
        assert err.startswith("dbaudit: proj is not in a git repository: fatal: not a git repository"), err
    finally:
        r.close()
        shutil.rmtree(plain)


if __name__ == "__main__":
    main(globals())
