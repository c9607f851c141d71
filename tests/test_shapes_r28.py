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
