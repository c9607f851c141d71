"""MADR outcome shapes met on a fresh unseen check (docs/query.md, fifth round): deciders joined by the
word for "and" in the note's language, options carrying a code label ("A2: …"), a because-clause in
Spanish or German, and reasons listed under a "Reasons:" label. Hand-written notes in each shape."""

from __future__ import annotations

from lorebook.extract import extract
from lorebook.sources.reader import source_from_text
from lorebook.sources.segment import documents


def one(text: str):
    recs = [extract(d) for d in documents(source_from_text("raw/adr.md", text))]
    assert len(recs) == 1
    return recs[0]


def options(rec) -> dict[str, dict]:
    return {o["name"]: o for o in rec.fields["options"]}


def test_deciders_joined_by_and_in_other_languages():
    for joined, names in [("Ana Ruiz y Luis Gómez", ["Ana Ruiz", "Luis Gómez"]),
                          ("Anna Weber und Jonas Klein", ["Anna Weber", "Jonas Klein"]),
                          ("Léa Martin et Hugo Petit, Chloé Roux", ["Léa Martin", "Hugo Petit", "Chloé Roux"]),
                          ("Sam Lee and Kim Park", ["Sam Lee", "Kim Park"])]:
        rec = one(f"---\nstatus: accepted\ndecision-makers: {joined}\n---\n\n# Cola de mensajes\n\n"
                  "## Context and Problem Statement\n\nNecesitamos una cola.\n\n## Decision Outcome\n\nUsaremos RabbitMQ.\n")
        assert rec.fields["deciders"] == names, joined


def test_a_code_labelled_option_is_the_one_the_outcome_names():
    rec = one("# Almacén de sesiones\n\n## Considered Options\n\n* A1: Sesiones en Redis.\n* A2: Sesiones en la base de datos.\n\n"
              "## Decision Outcome\n\nChosen option: Sesiones en Redis, porque las lecturas son más rápidas.\n")
    opts = options(rec)
    assert len(opts) == 2, list(opts)  # the outcome line names A1: no third option made of the sentence
    chosen = [o for o in opts.values() if o["outcome"] == "chosen"]
    assert len(chosen) == 1 and "Redis" in chosen[0]["name"]
    assert any("lecturas son más rápidas" in r for r in chosen[0]["reasons"])


def test_a_german_because_clause_is_the_reason_not_the_name():
    rec = one("# Suchdienst\n\n## Considered Options\n\n* OpenSearch\n* Solr\n\n"
              "## Decision Outcome\n\nChosen option: \"OpenSearch\", weil das Team es schon betreibt.\n")
    chosen = options(rec)["OpenSearch"]
    assert chosen["outcome"] == "chosen" and any("Team es schon betreibt" in r for r in chosen["reasons"])


def test_reasons_listed_under_a_label_after_the_outcome():
    rec = one("# Keep the monolith\n\n## Considered Options\n\n* Keep the monolith\n* Split into services\n\n"
              "## Decision Outcome\n\nChosen option: \"Keep the monolith\"\n\nReasons:\n\n"
              "* The team has four engineers.\n* Deploys already take five minutes.\n")
    chosen = options(rec)["Keep the monolith"]
    assert chosen["outcome"] == "chosen"
    assert chosen["reasons"] == ["The team has four engineers.", "Deploys already take five minutes."]


def test_a_label_item_over_its_own_sub_list_sorts_the_consequences():
    rec = one("# ADR 9：关闭生产环境的调试端点\n\n## 状态\n\naccepted\n\n## 决策\n\n生产环境关闭调试端点。\n\n## 影响\n\n"
              "- 好处：\n  - 生产不暴露内部接口。\n  - 配置更简单。\n- 代价：\n  - 排障需要临时开启端点。\n"
              "- Follow-ups:\n  - Review the gateway rules next quarter.\n")
    c = rec.fields["consequences"]
    assert c["positive"] == ["生产不暴露内部接口。", "配置更简单。"]
    assert c["negative"] == ["排障需要临时开启端点。"]
    assert c["neutral"] == ["Review the gateway rules next quarter."]
