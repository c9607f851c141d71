"""The meaning part of ask's scorer (query/meaning.py): a static embedding shipped in the wordllama wheel.

It is one visible score part (`ask --explain` shows it), used only where words fail (a page or a
question not in English), and it never turns "not found" into an answer.
"""

from lorebook.query import rank
from lorebook.query.ask import ask
from lorebook.query.meaning import similarities


def test_the_model_ships_offline_and_reads_meaning_across_languages():
    q = "What was the root cause of the database outage?"
    cause = ["The root cause was an exhausted connection pool.", "原因是数据库连接池耗尽。"]
    aside = ["We held the retrospective on Friday.", "我们在周五开了复盘会议。"]
    sims = similarities(q, cause + aside)
    assert sims[0] > sims[2] and sims[1] > sims[3]
    assert similarities(q, cause) == similarities(q, cause)  # deterministic


def test_meaning_is_a_part_only_where_the_page_or_question_is_not_english(notes_wiki_of):
    w = notes_wiki_of({
        "queue.md": "# Incident: mail queue stalled\n\n## Root cause\n\nThe SMTP relay certificate expired, so the "
        "worker refused every connection.\n\nThe queue alert stayed silent because its limit was too high.\n",
        "fila.md": "# Incidente: fila de e-mails parada\n\n## Causa raiz\n\nO certificado TLS do servidor SMTP expirou e "
        "o worker rejeitava todas as conexões.\n\nO alerta da fila não disparou porque o limite estava alto demais.\n",
    })
    english = ask(w, "Why did the mail queue stall?")
    assert english.found and all("meaning" not in r["parts"] for r in english.ranked if "queue.md" in r["at"])
    other = ask(w, "Por que a fila de e-mails parou?")
    assert other.found and any("meaning" in r["parts"] for r in other.ranked if "fila.md" in r["at"])


def test_meaning_orders_answers_but_never_makes_one():
    c = rank.Candidate("sentence", "p", "", "A sentence close in meaning")
    c.score = rank.THRESHOLD - 0.1
    c.parts = {}
    rank.add_meaning([c], "What is close in meaning?")
    assert c.parts["meaning"] > 0.1 and c.score >= rank.THRESHOLD
    assert rank.evidence(c) < rank.THRESHOLD  # what abstaining is decided on


def test_why_not_an_option_is_answered_by_its_faults_not_its_merits(notes_wiki_of):
    """Its merits state as many of the question's words and say the opposite."""
    w = notes_wiki_of({"adr-sessoes.md": """# ADR-6: Armazenamento de sessões

## Opções

### Opção 1 - Redis

**Vantagens**

* Otimizado para armazenar sessões

**Desvantagens**

* Mais uma tecnologia para operar

### Opção 2 - Banco relacional

**Vantagens**

* O MySQL já roda na plataforma e o Symfony armazena sessões no MySQL nativamente

**Desvantagens**

* Não pode ser usado como cache
* Mais lento que o Redis para consultas chave-valor

## Decisão

Armazenamos as sessões no Redis.
"""})
    a = ask(w, "Why wasn't MySQL picked to store the Symfony sessions?")
    first = a.answer.split("[1]")[0]
    assert a.found and "cache" in first and "já roda" not in first
