"""Shapes from the twenty-eighth round. The notes are ours."""

from __future__ import annotations

from lorebook.query.ask import ask

LOST_BUCKET_RUNBOOK = """\
# Procédure – Bucket de stockage supprimé

## Contexte

Un bucket de production a été supprimé par erreur.

## Réactions immédiates

1. **Prévenir l'astreinte**
   - [ ] Appeler le responsable de la plateforme.
2. **Geler les écritures**
   - [ ] Passer l'application en lecture seule.
   - [ ] Vérifier les droits du compte :
      - Supprimer les clés d'accès inutiles.
      - Supprimer les comptes de service obsolètes.

## Restauration

1. Recréer le bucket depuis la sauvegarde de la nuit.
"""


def test_the_first_thing_to_do_is_the_opening_of_the_first_response_part(notes_wiki_of):
    """Lines further down the first-response part that share a word with the question ("supprimer" for
    "deleted") are not what to do first; its opening lines are."""
    w = notes_wiki_of({"bucket.md": LOST_BUCKET_RUNBOOK})
    a = ask(w, "What should I do first if the production bucket gets deleted by mistake?")
    assert a.found and a.answer.startswith("1. Prévenir"), a.answer
    assert "responsable de la plateforme" in a.answer, a.answer


ESCALATION_RUNBOOK = """\
# Notfall-Runbook Kasse

## Kontakte Hosting

**Hetzner:**
- Support: https://console.hetzner.cloud/support
- E-Mail: support@hetzner.example
- Telefon: +49 000 000000

## Neustart

1. `systemctl restart kasse-api`
2. `systemctl status kasse-api`

## Kontakte Team

**Teamleitung:** Jana Roth
- E-Mail: jana@kasse.example
- Telefon: +49 111 111111

**Bereitschaft:** wechselnd
- Telegram: @kasse_bereitschaft
- Slack: #kasse-alarm
"""


def test_every_contacts_section_is_read_and_kept_out_of_the_steps(note_record):
    r = note_record("kasse.md", ESCALATION_RUNBOOK)
    contacts = r.fields["contacts"]
    assert "Telegram: @kasse_bereitschaft" in contacts and "E-Mail: support@hetzner.example" in contacts, contacts
    assert not any("Telegram" in str(s) for s in r.fields["steps"]), r.fields["steps"]


def test_a_channel_the_question_names_picks_its_entry_from_the_directory(notes_wiki_of):
    w = notes_wiki_of({"kasse.md": ESCALATION_RUNBOOK})
    a = ask(w, "Who do I ping on Telegram when the Kasse is down?")
    assert a.found and a.answer.startswith("Telegram: @kasse_bereitschaft"), a.answer
    assert "hetzner" not in a.answer.lower(), a.answer
    # asked for whom to call at all, no one channel is picked out
    a = ask(w, "Whom do I contact when the Kasse is down?")
    assert a.found and "support@hetzner.example" in a.answer and not a.answer.startswith("Telegram"), a.answer
