"""The README's proxy block is deploy/nginx.conf, the file the deployment proof runs: the
documentation cannot drift from what is tested."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_shows_the_nginx_config_the_proof_runs():
    readme = (ROOT / "README.md").read_text()
    start = readme.index("```nginx\n") + len("```nginx\n")
    shown = readme[start : readme.index("```", start)]
    assert shown == (ROOT / "deploy" / "nginx.conf").read_text()
