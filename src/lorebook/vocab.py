"""The field vocabulary: for every kind, each typed field, the labels that name it, and the shapes that may fill it.

One declarative table read by classification (sources/classify.py), by the parts
layer and the three extractors (extract/), and by lint and confidence. A label is
how a team names a part of its notes (a heading, a bold lead, a "Key:" line, a
table column) in English, Korean, Japanese, Chinese, German, Spanish, French or Portuguese.
It lives at the bottom layer (next to model.py) because classification, which
sits below extract/, reads it too.
"""

from __future__ import annotations

import re
import unicodedata
from lorebook.quick_re import Quick
from lorebook.translations import unaccented
from functools import lru_cache
from dataclasses import dataclass

# Shapes a reader can turn into a value.
SHAPES = ("prose", "list", "table", "timeline", "steps", "date", "duration", "keyvalue", "options", "status")


@dataclass(frozen=True)
class Field:
    """One typed field of one kind.

    `labels` name the field outright (a "Root cause" heading); `fallback` labels
    are weaker homes used only when no outright label is present ("Contributing
    factors" for a root cause). `keys` are metadata keys ("Severity: SEV-2").
    `signal` is how strongly a heading with this label says "this is a <kind>".
    `not_after` lists words (or phrases) that, following a label, rename it ("Decision drivers").
    """

    kind: str
    name: str
    labels: tuple[str, ...] = ()
    fallback: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    shapes: tuple[str, ...] = ("prose",)
    signal: float = 0.0
    not_after: tuple[str, ...] = ()
    key: bool = False  # a key field: a page without it is missing something


def _f(kind: str, name: str, *langs: tuple[str, ...], **kw) -> Field:
    labels: list[str] = []
    for group in langs:
        labels.extend(group)
    for table in (PORTUGUESE, RUSSIAN, MORE_LANGUAGES, POLISH_TURKISH_VIETNAMESE, CZECH_FINNISH_INDONESIAN, STATUS_PAGE_STAGES):
        more = table.get((kind, name), {})
        labels.extend(x for x in more.get("labels", ()) if x not in labels)
        for extra in ("keys", "fallback"):
            if more.get(extra):
                kw[extra] = tuple(kw.get(extra, ())) + tuple(x for x in more[extra] if x not in kw.get(extra, ()))
    return Field(kind, name, tuple(labels), **kw)


# Portuguese, kept in one table (the other languages sit inline in each field below): labels, metadata keys,
# fallback labels. Brazilian and European spellings both ("contato"/"contacto").
PORTUGUESE: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("incident", "date"): {"labels": ("data", "data do incidente", "data de início"), "keys": ("data", "data do incidente", "início")},
    ("incident", "severity"): {"labels": ("severidade", "gravidade", "prioridade", "criticidade"),
                               "keys": ("severidade", "gravidade", "prioridade", "criticidade")},
    ("incident", "summary"): {"labels": ("resumo", "sumário", "visão geral", "o que aconteceu", "descrição")},
    ("incident", "impact"): {"labels": ("impacto", "impacto no usuário", "impacto para o cliente", "abrangência", "quem foi afetado")},
    ("incident", "timeline"): {"labels": ("linha do tempo", "cronologia", "linha temporal", "sequência de eventos")},
    ("incident", "trigger"): {"labels": ("gatilho", "estopim")},
    ("incident", "root_cause"): {"labels": ("causa raiz", "causa-raiz", "causas raiz", "análise de causa raiz", "causa", "causas"),
                                 "fallback": ("fatores contribuintes", "o que deu errado", "análise")},
    ("incident", "detection"): {"labels": ("detecção", "como foi detectado", "como detectamos", "detectado por", "descoberto por",
                                           "reportado por")},
    ("incident", "resolution"): {"labels": ("resolução", "solução", "correção", "recuperação", "mitigação", "como foi resolvido",
                                            "solução de contorno", "ações corretivas feitas", "ações corretivas realizadas", "ações tomadas",
                                            "ações realizadas", "medidas tomadas", "mudança aplicada", "mudanças aplicadas",
                                            "alteração aplicada", "alterações aplicadas", "correção aplicada")},
    ("incident", "resolved_at"): {"labels": ("resolução", "recuperação", "mitigação")},
    ("incident", "duration_minutes"): {"labels": ("duração", "tempo de indisponibilidade", "tempo de recuperação", "tempo fora do ar"),
                                       "keys": ("duração", "tempo de indisponibilidade", "tempo de recuperação")},
    ("incident", "action_items"): {"labels": ("ações", "ações corretivas", "ações preventivas", "itens de ação", "plano de ação",
                                              "próximos passos", "melhorias", "tarefas", "prevenção")},
    ("incident", "lessons"): {"labels": ("lições aprendidas", "aprendizados")},
    ("decision", "number"): {"keys": ("número",)},
    ("decision", "status"): {"labels": ("situação",), "keys": ("situação",)},
    ("decision", "date"): {"labels": ("data",), "keys": ("data", "data da decisão")},
    ("decision", "deciders"): {"keys": ("decisores", "responsáveis pela decisão", "aprovadores", "aprovado por")},
    ("decision", "context"): {"labels": ("contexto", "contexto e problema", "problema", "motivação", "cenário")},
    ("decision", "decision"): {"labels": ("decisão", "resultado da decisão", "decisão tomada", "proposta")},
    ("decision", "options"): {"labels": ("opções consideradas", "opções", "alternativas consideradas", "alternativas")},
    ("decision", "consequences"): {"labels": ("consequências", "implicações")},
    ("decision", "rationale"): {"labels": ("justificativa", "justificação", "racional")},
    ("decision", "links"): {"labels": ("referências", "links", "ver também")},
    ("decision", "drivers"): {"labels": ("fatores de decisão", "direcionadores da decisão")},
    ("runbook", "overview"): {"labels": ("visão geral", "objetivo", "propósito", "descrição", "resumo", "sintomas", "sintoma", "quando usar",
                                          "introdução")},
    ("runbook", "prerequisites"): {"labels": ("pré-requisitos", "pré requisitos", "requisitos", "antes de começar", "preparação")},
    ("runbook", "steps"): {"labels": ("passos", "passo a passo", "procedimento", "procedimentos", "etapas", "mitigação", "resolução",
                                      "como resolver", "instruções", "recuperação", "ação imediata", "ações imediatas", "ação", "ações")},
    ("runbook", "impact"): {"labels": ("impacto",)},
    ("runbook", "diagnosis"): {"labels": ("diagnóstico", "investigação", "triagem", "como identificar", "solução de problemas")},
    ("runbook", "verification"): {"labels": ("verificação", "validação", "como verificar", "confirmação")},
    ("runbook", "rollback"): {"labels": ("reversão", "reverter", "desfazer", "plano de reversão")},
    ("runbook", "caveats"): {"labels": ("observações", "avisos", "atenção", "problemas conhecidos", "notas", "cuidados")},
    ("runbook", "contacts"): {"labels": ("contatos", "contato", "contactos", "escalonamento", "escalação", "escalada", "responsáveis",
                                         "plantão"), "keys": ("responsável", "contato", "escalonamento")},
    ("runbook", "history"): {"labels": ("histórico", "histórico de alterações", "histórico de revisões")},
    ("runbook", "alert"): {"labels": ("alerta", "alertas")},
}


# Russian and Ukrainian, kept in one table like Portuguese: labels, metadata keys, fallback labels.
RUSSIAN: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("incident", "date"): {"labels": ("дата", "дата инцидента", "дата інциденту"),
                           "keys": ("дата", "дата инцидента", "открыт", "начало", "дата інциденту", "відкрито", "початок")},
    ("incident", "severity"): {"labels": ("серьёзность", "серьезность", "критичность", "приоритет", "важливість", "критичність", "пріоритет"),
                               "keys": ("серьёзность", "серьезность", "критичность", "приоритет", "уровень", "критичність", "пріоритет")},
    ("incident", "summary"): {"labels": ("кратко", "сводка", "резюме", "описание", "что произошло", "что случилось", "обзор", "що сталося", "опис")},
    ("incident", "impact"): {"labels": ("влияние", "последствия", "что увидели", "симптомы", "кого затронуло", "вплив", "наслідки", "симптоми")},
    ("incident", "timeline"): {"labels": ("хронология", "хронология событий", "таймлайн", "ход событий", "хронологія", "перебіг подій")},
    ("incident", "trigger"): {"labels": ("триггер", "что спровоцировало", "тригер")},
    ("incident", "root_cause"): {"labels": ("первопричина", "корневая причина", "причина", "причины", "коренева причина", "причини",
                                            "механизм сбоя", "механизм ошибки", "механизм промаха", "механизм отказа", "механізм збою"),
                                 "fallback": ("анализ", "что пошло не так", "аналіз")},  # "Гипотезы (не доказаны)" are no cause
    ("incident", "detection"): {"labels": ("обнаружение", "как обнаружили", "как заметили", "виявлення", "як виявили",
                                           "чем ловилось", "чем поймали", "как поймали", "как нашли", "как выявили"),
                                "keys": ("сообщил", "обнаружил", "заметил", "повідомив", "виявив")},
    ("incident", "resolution"): {"labels": ("решение", "устранение", "исправление", "восстановление", "что сделано", "что уже сделано",
                                            "как исправили", "рішення", "усунення", "виправлення", "відновлення", "що зроблено")},
    ("incident", "resolved_at"): {"labels": ("восстановление", "відновлення")},
    ("incident", "duration_minutes"): {"labels": ("длительность", "продолжительность", "время простоя", "тривалість", "час простою"),
                                       "keys": ("длительность", "продолжительность", "время простоя", "тривалість")},
    ("incident", "action_items"): {"labels": ("что делаем дальше", "что делать дальше", "что делать", "дальнейшие шаги", "следующие шаги",
                                              "действия", "задачи", "меры",
                                              "профилактика", "план действий", "подальші кроки", "наступні кроки", "дії", "завдання", "заходи")},
    ("incident", "lessons"): {"labels": ("уроки", "выводы", "извлечённые уроки", "висновки", "уроки")},
    ("decision", "status"): {"labels": ("статус",), "keys": ("статус",)},
    ("decision", "date"): {"labels": ("дата",), "keys": ("дата",)},
    ("decision", "deciders"): {"keys": ("участники", "принявшие решение", "утвердил", "учасники", "затвердив")},
    ("decision", "context"): {"labels": ("контекст", "проблема", "предпосылки", "передумови")},
    ("decision", "decision"): {"labels": ("решение", "решения", "принятое решение", "принятые решения", "рішення")},
    ("decision", "options"): {"labels": ("рассмотренные варианты", "рассмотренные альтернативы", "варианты", "альтернативы", "розглянуті варіанти", "варіанти", "альтернативи")},
    ("decision", "consequences"): {"labels": ("последствия", "наслідки", "что это меняет", "что меняется", "что изменится")},
    ("decision", "rationale"): {"labels": ("обоснование", "обґрунтування")},
    ("runbook", "overview"): {"labels": ("обзор", "описание", "назначение", "цель", "симптомы", "введение", "огляд", "опис", "мета",
                                          "симптоми", "вступ")},
    ("runbook", "prerequisites"): {"labels": ("предварительные требования", "требования", "перед началом", "передумови", "вимоги")},
    ("runbook", "steps"): {"labels": ("шаги", "порядок действий", "процедура", "инструкция", "действия", "кроки", "процедура", "інструкція")},
    ("runbook", "diagnosis"): {"labels": ("диагностика", "діагностика")},
    ("runbook", "verification"): {"labels": ("проверка", "как проверить", "перевірка", "як перевірити")},
    ("runbook", "rollback"): {"labels": ("откат", "відкат")},
    ("runbook", "caveats"): {"labels": ("предупреждения", "примечания", "важно", "попередження", "примітки", "важливо")},
    ("runbook", "contacts"): {"labels": ("контакты", "эскалация", "ответственные", "дежурный", "уведомить", "кого уведомить", "оповещение", "контакти", "ескалація", "відповідальні", "черговий")},
}


# Norwegian, Swedish, Danish, Dutch and Italian labels, and French ones the inline lists lack (MADR's French headings).
MORE_LANGUAGES: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("decision", "context"): {"labels": ("kontekst", "bakgrunn", "bakgrund", "achtergrond", "contesto", "contexte et énoncé du problème",
                                         "beskrivelse", "beskrivning", "problemstilling", "problemställning", "probleemstelling")},
    ("decision", "decision"): {"labels": ("beslutning", "beslut", "besluit", "beslissing", "decisione", "résultat de la décision",
                                          "décision prise", "solution retenue", "choix retenu", "decisión tomada")},
    ("decision", "consequences"): {"labels": ("konsekvenser", "gevolgen", "consequenties", "conseguenze")},
    ("decision", "options"): {"labels": ("alternativer", "vurderte alternativer", "alternativ", "overwogen opties", "overwogen alternatieven", "alternatieven",
                                         "opzioni considerate", "alternative considerate", "løsningsforslag", "lösningsförslag",
                                         "mulige løsninger", "möjliga lösningar", "oplossingsrichtingen", "mogelijke oplossingen")},
    ("decision", "status"): {"labels": ("stato",), "keys": ("stato",)},
    ("decision", "deciders"): {"keys": ("beslutningstakere", "beslutsfattare", "besluitvormers", "decisori", "personnes impliquées")},
    ("incident", "root_cause"): {"labels": ("årsak", "rotårsak", "orsak", "grundorsak", "oorzaak", "hoofdoorzaak", "causa principale",
                                            "årsaker", "rotårsaker", "orsaker", "grundorsaker", "årsag", "rodårsag", "oorzaken")},
    ("incident", "impact"): {"labels": ("påvirkning", "konsekvens", "konsekvenser", "påverkan", "impatto")},
    ("incident", "timeline"): {"labels": ("tidslinje", "tijdlijn", "cronologia")},
    ("incident", "resolution"): {"labels": ("løsning", "lösning", "oplossing", "risoluzione")},
    ("incident", "action_items"): {"labels": ("tiltak", "åtgärder", "acties", "azioni correttive", "azioni", "prossimi passi",
                                              "misure preventive", "aksjonspunkter", "aksjonspunkt", "oppfølgingspunkter",
                                              "oppfølging", "åtgärdspunkter", "handlingspunkter", "actiepunten")},
    ("incident", "summary"): {"labels": ("riepilogo", "sommario", "sintesi", "cosa è successo", "sammendrag", "sammanfattning",
                                         "samenvatting", "wat is er gebeurd")},
    ("incident", "severity"): {"labels": ("gravità", "severità", "priorità", "alvorlighetsgrad", "allvarlighetsgrad", "ernst",
                                          "prioriteit"),
                               "keys": ("gravità", "severità", "priorità", "alvorlighetsgrad", "allvarlighetsgrad", "ernst",
                                        "prioriteit")},
    ("incident", "detection"): {"labels": ("rilevamento", "come è stato rilevato", "oppdagelse", "upptäckt", "detectie",
                                           "påvisning", "deteksjon", "hvordan det ble oppdaget", "opdagelse")},
    ("incident", "trigger"): {"labels": ("innesco", "fattore scatenante", "utløser", "utlösare", "aanleiding", "utløsende faktor",
                                         "utløsende årsak", "utlösande faktor", "udløsende faktor")},
    # Italian, Nordic and Dutch runbooks: "## Prerequisiti" over "- jq" was no prerequisite list
    ("runbook", "overview"): {"labels": ("panoramica", "descrizione", "scopo", "introduzione", "oversikt", "formål", "översikt",
                                         "syfte", "overzicht", "beschrijving", "doel")},
    ("runbook", "prerequisites"): {"labels": ("prerequisiti", "requisiti", "requisiti preliminari", "prima di iniziare",
                                              "forutsetninger", "förutsättningar", "förkunskaper", "vereisten", "voorwaarden",
                                              "voorbereiding")},
    ("runbook", "steps"): {"labels": ("procedura", "passaggi", "istruzioni", "fremgangsmåte", "trinn", "steg", "tillvägagångssätt",
                                      "instruktioner", "stappen", "stappenplan", "instructies")},
    ("runbook", "verification"): {"labels": ("verifica", "verifiche", "controllo", "controlli", "verifisering", "kontroll",
                                             "verifiering", "verificatie", "controle")},
    ("runbook", "rollback"): {"labels": ("annullamento", "tornare indietro", "tilbakerulling", "tilbakestilling", "återställning",
                                         "terugdraaien", "terugrollen")},
    ("runbook", "contacts"): {"labels": ("contatti", "referenti", "kontakter", "eskalering", "contactpersonen",
                                         "escalatie")},
}


# Polish, Turkish and Vietnamese part names, and Italian ones the table above lacks.
POLISH_TURKISH_VIETNAMESE: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("decision", "context"): {"labels": ("kontekst decyzji", "tło", "bağlam", "arka plan", "bối cảnh", "ngữ cảnh")},
    ("decision", "decision"): {"labels": ("decyzja", "karar", "quyết định")},
    ("decision", "consequences"): {"labels": ("konsekwencje", "skutki", "sonuçlar", "etkiler", "hệ quả", "hậu quả")},
    ("decision", "options"): {"labels": ("rozważane opcje", "rozważane alternatywy", "alternatywy", "opcje", "değerlendirilen seçenekler",
                                         "seçenekler", "alternatifler", "các phương án", "phương án", "các lựa chọn", "lựa chọn")},
    ("decision", "status"): {"labels": ("durum", "trạng thái"), "keys": ("durum", "trạng thái")},
    ("incident", "summary"): {"labels": ("podsumowanie", "streszczenie", "özet", "tóm tắt")},
    ("incident", "impact"): {"labels": ("wpływ", "skutki incydentu", "etki", "ảnh hưởng", "tác động")},
    ("incident", "timeline"): {"labels": ("oś czasu", "chronologia", "przebieg", "zaman çizelgesi", "olay akışı", "dòng thời gian", "diễn biến")},
    ("incident", "root_cause"): {"labels": ("przyczyna", "przyczyna źródłowa", "główna przyczyna", "kök neden", "neden", "nguyên nhân",
                                            "nguyên nhân gốc", "nguyên nhân gốc rễ", "causa radice")},
    ("incident", "detection"): {"labels": ("wykrycie", "jak wykryto", "tespit", "phát hiện")},
    ("incident", "resolution"): {"labels": ("rozwiązanie", "naprawa", "çözüm", "khắc phục", "giải pháp", "soluzione")},
    ("incident", "action_items"): {"labels": ("działania naprawcze", "działania", "zadania", "aksiyonlar", "aksiyon maddeleri",
                                              "yapılacaklar", "hành động", "việc cần làm")},
    ("runbook", "overview"): {"labels": ("opis", "przegląd", "cel", "genel bakış", "açıklama", "amaç", "tổng quan", "mô tả", "mục đích")},
    ("runbook", "prerequisites"): {"labels": ("wymagania wstępne", "wymagania", "przygotowanie", "ön koşullar", "gereksinimler",
                                              "điều kiện tiên quyết", "yêu cầu", "chuẩn bị")},
    ("runbook", "steps"): {"labels": ("kroki", "procedura postępowania", "instrukcja", "adımlar", "prosedür", "các bước", "quy trình")},
    ("runbook", "verification"): {"labels": ("weryfikacja", "sprawdzenie", "doğrulama", "kontrol", "xác minh", "kiểm tra")},
    ("runbook", "rollback"): {"labels": ("wycofanie", "przywrócenie", "geri alma", "hoàn tác")},
    ("runbook", "contacts"): {"labels": ("kontakt", "kontakty", "eskalacja", "iletişim", "eskalasyon", "liên hệ")},
}


# Czech, Finnish and Indonesian part names, and Ukrainian, Danish, Dutch and Italian ones the tables above lack.
CZECH_FINNISH_INDONESIAN: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("decision", "context"): {"labels": ("kontext", "souvislosti", "konteksti", "tausta", "konteks", "latar belakang")},
    ("decision", "decision"): {"labels": ("rozhodnutí", "päätös", "keputusan", "besluit")},
    ("decision", "consequences"): {"labels": ("důsledky", "dopady", "seuraukset", "vaikutukset", "konsekuensi", "dampak keputusan")},
    ("decision", "options"): {"labels": ("zvažované možnosti", "možnosti", "varianty", "vaihtoehdot", "harkitut vaihtoehdot",
                                         "opsi", "opsi yang dipertimbangkan", "alternatif", "opties", "opzioni", "opzioni considerate",
                                         "muligheder", "overvejede muligheder")},
    ("decision", "status"): {"labels": ("stav", "tila"), "keys": ("stav", "tila")},
    ("incident", "summary"): {"labels": ("shrnutí", "yhteenveto", "ringkasan")},
    ("incident", "impact"): {"labels": ("dopad", "dopady", "vaikutus", "vaikutukset", "dampak")},
    ("incident", "timeline"): {"labels": ("časová osa", "průběh", "aikajana", "tapahtumien kulku", "linimasa", "kronologi", "garis waktu")},
    ("incident", "root_cause"): {"labels": ("příčina", "hlavní příčina", "kořenová příčina", "juurisyy", "syy", "akar masalah",
                                            "penyebab", "penyebab utama", "першопричина", "коренева причина", "причина", "grundårsag", "årsag")},
    ("incident", "detection"): {"labels": ("detekce", "zjištění", "havaitseminen", "deteksi", "виявлення")},
    ("incident", "resolution"): {"labels": ("řešení", "náprava", "ratkaisu", "korjaus", "penyelesaian", "solusi", "perbaikan",
                                            "вирішення", "усунення", "виправлення")},
    ("incident", "action_items"): {"labels": ("nápravná opatření", "úkoly", "jatkotoimenpiteet", "toimenpiteet", "tindak lanjut",
                                              "rencana tindakan", "handlingspunkter")},
    ("runbook", "overview"): {"labels": ("přehled", "popis", "účel", "yleiskatsaus", "kuvaus", "tarkoitus", "ikhtisar", "gambaran umum",
                                         "deskripsi", "tujuan")},
    ("runbook", "prerequisites"): {"labels": ("předpoklady", "požadavky", "esivaatimukset", "vaatimukset", "prasyarat", "persyaratan",
                                              "підготовка", "forudsætninger")},
    ("runbook", "steps"): {"labels": ("postup", "kroky", "vaiheet", "toimintaohje", "langkah", "langkah-langkah", "prosedur", "кроки",
                                      "порядок дій")},
    ("runbook", "verification"): {"labels": ("ověření", "kontrola", "tarkistus", "varmistus", "verifikasi", "pengecekan",
                                             "pemeriksaan")},
    ("runbook", "rollback"): {"labels": ("vrácení změn", "palautus", "peruutus", "pengembalian", "відкат", "rollback")},
    ("runbook", "contacts"): {"labels": ("kontakty", "eskalace", "yhteystiedot", "eskalointi", "kontak", "eskalasi")},
}


# The updates of a status page's incident, each led by its stage ("**Identified** The hosting provider's router
# failed …", "**Monitoring** A fix has been applied …", "**Resolved** …"; Statuspage, cState and their translations).
# The update that says the problem was identified tells the cause; those that say a fix is being watched or the
# incident is over tell how it was fixed, a weaker home than a "Resolution" section.
STATUS_PAGE_STAGES: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
    ("incident", "root_cause"): {"labels": (
        "identified", "issue identified", "problem identified", "cause identified", "identifié", "problème identifié",
        "cause identifiée", "identifiziert", "problem identifiziert", "ursache identifiziert", "ursache gefunden", "identificado",
        "problema identificado", "causa identificada", "identificato", "problema identificato", "causa identificata",
        "zidentyfikowano", "problem zidentyfikowany", "выявлено", "причина установлена", "原因特定", "原因判明", "原因已查明",
        "问题已定位", "원인 파악", "원인 확인")},
    ("incident", "resolution"): {"fallback": (
        "monitoring", "fix implemented", "surveillance", "en surveillance", "überwachung", "beobachtung", "monitoreando",
        "monitoreo", "supervisión", "monitorando", "monitoramento", "monitoraggio", "monitorowanie", "мониторинг", "監視中",
        "经过监控", "监控中", "观察中", "모니터링", "resolved", "résolu", "resolu", "behoben", "gelöst", "resuelto", "solucionado",
        "resolvido", "risolto", "rozwiązano", "решено", "устранено", "解決済み", "解決済", "已解决", "已恢复", "해결됨")},
}


# --- incidents (postmortems) ---

INCIDENT = {
    f.name: f
    for f in (
        _f("incident", "date", ("date", "incident date", "date of incident", "when", "incident start", "start date"), ("날짜", "일자", "발생일", "발생 일시"),
           ("日付", "発生日", "発生日時"), ("日期", "发生日期", "事件日期"), ("datum", "vorfallsdatum"), ("fecha",),
           ("date de l'incident",), keys=("date", "incident date", "incident_date", "date of incident", "started", "start date", "start time", "started_at", "detected_at",
                 "occurred_at", "occurred", "occurred at", "발생", "発生", "发生", "發生", "날짜", "일자",
                 "기간", "장애 기간", "期間", "障害期間", "期间", "故障期间", "outage window", "incident window",
                 "발생일", "발생 일시", "日付", "発生日", "発生日時", "日期", "发生日期", "事件日期", "故障日期", "事故日期", "datum", "stand", "fecha", "fecha del incidente",
                 "date de l'incident", "data", "data do incidente", "first detected", "first seen", "first noticed",
                 "首次发现", "首次出现", "首次记录", "发现时间", "初回発生", "初回検知", "発覚日", "최초 발견", "최초 발생", "erstmals aufgetreten",
                 "primera detección", "première détection", "primeira detecção",
                 # a ticket-shaped write-up's header: "**Opened:** 2026-04-23", "Date seen: …"
                 "opened", "opened at", "opened on", "date opened", "incident opened", "date seen", "date reported", "reported on",
                 "reported at", "occurred on", "aberto em", "abierto el", "ouvert le", "date observed", "observed on", "first observed"),
           shapes=("date",), key=True),
        _f("incident", "severity", ("severity", "sev", "priority", "incident severity", "impact level"),
           ("심각도", "등급"), ("重大度", "深刻度", "重要度"), ("严重程度", "严重性", "严重级别", "事故级别", "级别"), ("schweregrad", "priorität"),
           ("severidad", "prioridad"), ("sévérité", "gravité", "priorité"),
           keys=("severity", "sev", "priority", "incident severity", "impact level", "incident level", "severity level", "priority level",
                 "max severity", "max_severity", "highest severity",
                 "incident priority", "심각도", "등급", "重大度", "深刻度", "重要度", "중요도", "importance",
                 "严重程度", "严重性", "严重级别", "事故级别", "故障级别", "级别", "級別", "影響度", "严重度", "嚴重度", "嚴重程度", "故障等级", "事故等级", "事件等级", "影响等级", "定级", "故障定级", "事故定级", "事件定级",
                 "schweregrad", "severidad", "sévérité", "gravité", "gravidade", "severidade", "серьёзность", "серьезность", "критичность")),
        _f("incident", "summary", ("summary", "incident summary", "issue summary", "executive summary", "what happened", "overview", "tl dr", "tldr", "description"),
           ("요약", "개요", "사건 요약", "장애 요약"), ("概要", "サマリー", "要約", "事象"), ("摘要", "概述", "事件摘要", "概要"),
           ("zusammenfassung", "überblick", "was ist passiert"), ("resumen", "qué pasó", "lo que pasó", "qué ocurrió"),
           ("résumé", "synthèse", "que s'est-il passé", "ce qui s'est passé"), ("o que aconteceu", "resumo"),
           ("何が起きたか", "何が起きた", "发生了什么", "무슨 일이 있었나", "무슨 일이 있었는가"),
           signal=0.5, key=True),
        _f("incident", "impact", ("impact", "user impact", "customer impact", "what was impacted", "affected", "blast radius",
                                   "who was affected", "what was affected", "customer experience", "scope of impact",
                                   "business impact", "service impact", "customer-facing impact", "user-facing impact",
                                   "impacted services", "impacted users", "impacted systems", "loss", "losses", "financial impact",
                                   "revenue impact", "data loss"),
           ("영향", "영향 범위", "사용자 영향", "서비스 영향", "비즈니스 영향"), ("影響", "影響範囲", "ユーザー影響", "業務影響", "サービス影響"),
           ("影响", "影响范围", "用户影响", "业务影响", "影响面", "影響", "影響範圍", "用戶影響", "業務影響"),
           ("auswirkung", "auswirkungen", "betroffene"), ("impacto", "afectación"), ("impact utilisateur", "conséquences", "conséquence"), signal=1),
        _f("incident", "timeline", ("timeline", "detailed timeline", "chronology", "sequence of events", "timeline of events", "incident timeline"),
           ("타임라인", "경과", "시간순 경과", "시간대별 경과", "타임 라인"), ("タイムライン", "時系列", "経緯"), ("时间线", "时间轴", "经过", "時間線"),
           ("zeitlicher ablauf", "zeitleiste", "ablauf", "chronologie"), ("cronología", "línea de tiempo", "linea de tiempo"),
           ("chronologie", "déroulement"), shapes=("timeline", "table"), signal=3, key=True),
        _f("incident", "trigger", ("trigger", "triggers", "leadup", "lead-up", "lead up"), ("트리거", "촉발 요인", "계기"), ("トリガー", "きっかけ", "契機", "発端"), ("触发", "触发因素", "诱因", "导火索", "外因", "觸發", "觸發因素", "誘因"),
           ("auslöser",), ("desencadenante", "disparador", "disparó el fallo", "qué lo disparó"), ("déclencheur", "ce qui l'a déclenché"), signal=1,
           not_after=("for", "para", "pour", "für", "to")),  # "Trigger para Migração": what would start future work
        _f("incident", "root_cause", ("root cause", "root causes", "root cause analysis", "rca", "cause", "causes", "what caused it",
                                      "cause of the incident", "technical root cause", "why it happened", "why did this happen",
                                      "why did it happen", "what caused this", "what caused the outage", "what caused the incident",
                                      "the root cause", "underlying cause", "the underlying cause", "underlying issue", "the underlying issue",
                                      "underlying problem", "the underlying problem", "what allowed this to happen",
                                      "what allowed it to happen", "how was this possible", "why was this possible"),
           ("근본 원인", "원인", "원인 분석"), ("根本原因", "原因", "原因分析"), ("根本原因", "根因", "原因"),
           ("ursache", "grundursache", "ursachen", "ursachenanalyse", "fehlerursache"), ("causa raíz", "causa raiz", "causa", "origen", "origen del problema"),
           ("cause racine", "cause première", "cause", "origine", "origine du problème"), ("origem", "origem do problema"),
           fallback=("how did this happen", "suspected cause", "suspected causes",
                     # an incident log's "## Reason" / "## 理由": why it happened, when nothing names the cause
                     "reason", "reasons", "理由", "이유", "原因说明", "grund", "raison", "razón", "motivo", "razão", "probable cause", "probable causes", "possible cause",
                     "possible causes", "likely cause", "추정 원인", "推定原因", "可能原因", "疑似原因", "vermutete ursache", "mögliche ursache",
                     "cause probable", "causes probables", "causa probable", "causas probables", "causa provável", "causas prováveis",
                     "contributing factors", "conclusion", "analysis", "what went wrong", "what broke", "결론", "기여 요인", "寄与要因",
                     "結論", "促成因素", "mitwirkende faktoren", "factores contribuyentes", "facteurs contributifs",
                     "fault", "five whys", "5 whys", "technical details", "details",
                     # "## 分析" over what was found: where a Chinese or Japanese write-up tells its cause
                     "分析", "问题分析", "故障分析", "問題分析", "障害分析", "分析过程",
                     # a bug's write-up tells its cause under the bug's own name ("## The bug", "## Le bug")
                     "the bug", "le bug", "el bug", "o bug", "der bug", "the defect",
                     # an analysis that ranks what may have caused it: "## Hypotheses (ranked by likelihood)"
                     "hypotheses", "hypothesis", "working hypothesis", "hypothèses", "hypothèse", "hipótesis", "hipóteses",
                     "hypothesen", "hypothese", "仮説", "假设", "가설"),
           signal=3, key=True),
        _f("incident", "detection", ("detection", "how it was detected", "how we detected", "how was it detected", "how we found out",
                                      "how we noticed", "discovery", "detected by", "discovered by", "found by", "noticed by",
                                      "reported by", "first reported by", "detection method", "detected via", "how detected", "alert", "alerting"),
           ("감지", "탐지", "발견자", "감지 방법", "탐지 방법", "발견 경로", "발견 경위", "인지 경위", "탐지 경위"),
           ("検知", "検出", "発見者", "検知者", "検知方法", "発見経緯", "検知経路", "発覚経緯"),
           ("检测", "发现", "发现人", "发现者", "发现方式", "发现途径", "检测方式", "发现过程", "发现经过"),
           ("erkennung", "entdeckung", "entdeckt durch", "erkannt durch", "gemeldet von"),
           ("detección", "detectado por", "descubierto por", "reportado por", "cómo se detectó"),
           ("détection", "détecté par", "découvert par", "signalé par"),
           # asked as a question in a summary table: "| **怎么发现的** | 用户报错 → … |", "How was it found?"
           ("how it was found", "how was it found", "how we found it", "how was it noticed", "怎么发现的", "怎么发现", "如何发现",
            "如何发现的", "怎样发现的", "どう気付いたか", "どうやって気付いたか", "어떻게 발견했나", "어떻게 알았나",
            "wie wurde es entdeckt", "wie wurde es bemerkt", "comment l'a-t-on détecté", "cómo se descubrió", "como foi detectado"), signal=1,
           not_after=("gap", "gaps", "improvement", "improvements")),  # "Detection gaps" lists follow-ups, not how it was found
        _f("incident", "detected_at", keys=("detected at", "detected_at", "detected on", "detection time", "time detected", "time of detection",
                                            "detectedwhen", "detected when", "reported at", "検知日時", "検知時刻", "発見日時", "発覚日時",
                                            "감지 일시", "감지 시각", "탐지 일시", "탐지 시각", "인지 일시", "인지 시각", "发现时间", "检测时间",
                                            "告警时间", "erkannt am", "erkannt um", "entdeckt am", "détecté le", "détecté à",
                                            "heure de détection", "detectado el", "detectado a las", "hora de detección", "detectado em"),
           shapes=("date",)),
        # How it was fixed, in prose (resolved_at below is the time). No classification signal of its own.
        _f("incident", "resolution", ("resolution", "resolution and recovery", "recovery", "mitigation", "how it was fixed",
                                      "how the issue was solved", "how the issue was fixed", "how the problem was solved",
                                      "how the problem was fixed", "how it was solved", "how we solved it", "how was it solved",
                                      "how we fixed it", "how did we fix it", "how was it fixed", "the fix", "fix", "workaround",
                                      "resolution steps", "steps to resolution", "steps to resolve", "remediation steps taken", "actions taken", "steps taken",
                                      "mitigation steps taken", "immediate fix", "emergency fix", "permanent fix", "fix applied", "action taken",
                                      "change applied", "changes applied", "resolving the issue", "resolving the incident",
                                      "fixing the issue", "how we resolved it", "what we did",
                                      # "## How we resolved the issue", "## How the outage was resolved"
                                      "how we resolved", "how we fixed", "how we solved", "how we mitigated", "how we recovered",
                                      "how it was resolved", "how the issue was resolved", "how the incident was resolved",
                                      "how the outage was resolved", "how the problem was resolved", "how service was restored",
                                      "fixes applied", "hotfix", "solution", "solution applied", "what changed", "what changes", "changes made",
                                      "revert commit", "revert pr", "fix commit", "fix pr", "fixed in", "commit de revert", "commit de correction",
                                      "what we changed", "corrective actions taken", "corrective actions done", "corrective actions completed",
                                      "acciones correctivas realizadas", "acciones realizadas", "acciones tomadas", "medidas tomadas",
                                      "ergriffene maßnahmen", "durchgeführte maßnahmen", "maßnahmen durchgeführt", "mesures prises", "actions menées",
                                      # what was done at once, apart from what is planned: "## Actions correctives immédiates"
                                      "immediate corrective actions", "actions correctives immédiates", "actions immédiates",
                                      "mesures immédiates", "sofortmaßnahmen", "acciones inmediatas", "acciones correctivas inmediatas",
                                      "ações imediatas", "ações corretivas imediatas", "즉시 조치", "긴급 조치", "応急処置", "即時対応",
                                      "临时措施", "紧急处理", "немедленные действия", "срочные меры"),
           ("해결", "복구", "해결 방법"), ("解決", "復旧", "対応内容", "暫定対応", "実施した対応", "実施内容", "対応策", "緊急対応"), ("解决", "恢复", "解决方案", "处理", "采取的措施", "处理过程", "修复方案", "修复过程", "修复", "最终修复", "最终方案", "最终解决方案",
            "方案", "处理方案", "应对方案",  # "## 方案" after the analysis: what was done about it
            # the same in traditional characters (Taiwan, Hong Kong)
            "解決", "恢復", "解決方案", "處理", "處理過程", "修復", "修復方案", "修復過程", "最終修復"),
           ("lösung", "behebung", "wiederherstellung", "was sich ändert", "was wir geändert haben"),
           ("resolución", "mitigación", "solución", "resolução", "solução", "qué cambia", "qué cambió", "que cambia", "que cambió",
            "cambios realizados", "o que muda", "o que mudou"),
           ("résolution", "rétablissement", "correctif", "correctifs", "ce qui change", "ce qui a changé", "solution appliquée", "correction", "corrections", "corrections apportées"),
           ("correção", "correções", "correções aplicadas", "solução aplicada"),
           ("怎么修的", "怎么修复的", "如何修复", "如何修复的", "怎么解决的", "如何解决的", "どう直したか", "どう対処したか",
            "어떻게 고쳤나", "어떻게 해결했나", "wie wurde es behoben", "comment l'a-t-on corrigé", "cómo se arregló", "como foi corrigido")),
        _f("incident", "resolved_at", ("resolution", "recovery", "mitigation", "how it was fixed"),
           ("해결", "복구", "복구 일시", "복구 시각", "해결 일시"), ("解決", "復旧", "復旧日時", "復旧時刻", "解決日時"), ("解决", "恢复"),
           ("lösung", "behebung", "wiederherstellung"), ("resolución", "mitigación"), ("résolution", "rétablissement"),
           keys=("resolved at", "resolved_at", "resolvedwhen", "resolved when", "resolved on", "resolved_on", "end time", "ended at", "recovered at",
                 "復旧日時", "復旧時刻", "解決日時", "복구 일시", "복구 시각", "해결 일시"),
           shapes=("date",), signal=1),
        _f("incident", "duration_minutes", ("duration", "time to recovery", "time to resolve", "time to restore", "total duration", "outage duration",
                                            "downtime", "mttr", "time to mitigate", "total time", "time taken", "elapsed time", "time lost",
                                            "time window", "outage window", "incident window"),
           ("지속 시간", "장애 시간", "장애 지속 시간", "복구 시간", "영향 시간", "소요 시간", "총 소요 시간", "장애 기간"),
           ("継続時間", "障害時間", "復旧時間", "影響時間", "所要時間", "障害期間", "発生期間"),
           ("持续时间", "故障时长", "恢复时间", "影响时长", "影响时间", "总耗时", "耗时", "总时长", "故障时间段"),
           ("dauer", "ausfallzeit", "ausfalldauer", "zeitraum", "störungszeitraum"), ("duración", "tiempo de inactividad", "periodo", "período"),
           ("durée", "durée de l'incident", "temps de rétablissement", "période", "temps perdu"), ("tiempo perdido", "tempo perdido"),
           keys=("duration", "time to recovery", "time lost", "temps perdu", "tiempo perdido", "tempo perdido", "time to resolve", "time to restore", "downtime", "mttr", "지속 시간", "장애 시간", "영향 시간", "継続時間",
                 "障害時間", "影響時間", "持续时间", "影响时长", "dauer", "ausfallzeit", "duración", "durée", "total time", "time taken",
                 "소요 시간", "所要時間", "总耗时", "耗时", "总时长"), shapes=("duration",)),
        _f("incident", "duration_source", shapes=("keyvalue",)),  # "stated" or "computed": a computed value says so
        _f("incident", "trigger_source", shapes=("keyvalue",)),  # "timeline" when the trigger is the timeline's first entry
        _f("incident", "duration_text", shapes=("keyvalue",)),  # the duration as a labelled line writes it ("1 h 13 m")
        _f("incident", "action_items", ("action items", "action item", "actions", "action points", "action point", "follow-ups", "follow ups",
                                        "followups", "follow-up", "follow-up actions", "follow-up items", "what we are doing about it",
                                        "what we're doing about it", "what we re doing about it", "next steps", "remediation", "remediations",
                                        "corrective actions", "preventive measures", "going forward", "improvements", "todo", "to do",
                                        "looking forward", "looking ahead", "moving forward", "the road ahead", "what's next", "what s next",
                                        "prevention", "corrective and preventative measures", "corrective and preventive measures",
                                        "preventive actions", "preventative actions", "preventative measures", "tasks", "task list",
                                        "specific tasks", "follow-up tasks", "remaining work", "what remains", "open items",
                                        "lo que queda", "lo que falta", "tareas pendientes", "pendientes", "o que falta", "ce qui reste",
                                        "offene punkte", "was noch offen ist",
                                        # "## Future Work" under a write-up: what the team will do next
                                        "future work", "future improvements", "planned work", "planned improvements",
                                        # the plan that keeps it from happening again: "## Plan d’amélioration pour éviter la récurrence"
                                        "improvement plan", "prevent recurrence", "preventing recurrence", "to prevent recurrence",
                                        "plan d'amélioration", "éviter la récurrence", "plan de mejora", "plano de melhoria",
                                        "verbesserungsplan", "防止再发", "防止复发",
                                        "resulting action", "resulting actions", "actions resulting",
                                        "trabajo futuro", "trabalho futuro", "travaux futurs",
                                        # what a write-up proposes to do next: "Proposed safety mechanisms", "Recommendations"
                                        "recommendations", "recommended actions", "proposed fixes", "proposed actions", "proposed mitigations",
                                        "proposed improvements", "proposed safeguards", "proposed safety mechanisms", "safeguards", "guardrails", "guard rails", "new guardrails",
                                        "recommandations", "empfehlungen", "recomendaciones", "recomendações", "raccomandazioni",
                                        # "## Recomendação ao utilizador": the singular heads a list as often
                                        "recommendation", "recommandation", "empfehlung", "recomendación", "recomendação",
                                        "raccomandazione"),
           ("조치 항목", "후속 조치", "조치 사항", "재발 방지 대책", "재발 방지", "개선 사항", "액션 아이템", "향후 대책", "개선 대책", "예방 조치", "예방"),
           ("対応項目", "再発防止策", "再発防止", "今後の対応", "アクションアイテム", "対策", "予防策", "予防",
            "今後の示唆", "今後の改善", "今後の課題", "今後の取り組み", "改善策"),
           ("行动项", "后续行动", "改进措施", "待办事项", "预防措施", "预防", "防复发", "防复发机制", "防止复发", "防止再次发生", "整改措施", "改进项",
            "後續行動", "後續", "改進措施", "預防措施", "待辦事項", "行動項"),
           ("maßnahmen", "massnahmen", "folgemaßnahmen", "nächste schritte", "aktionspunkte", "prävention", "vorbeugung", "vorbeugende maßnahmen"),
           ("acciones", "acciones correctivas", "próximos pasos", "prevención", "medidas preventivas", "prevenção"),
           ("actions correctives", "plan d'action", "prochaines étapes", "suivi recommandé", "suivis recommandés", "actions de suivi", "prévention", "mesures préventives", "mesures de prévention"), shapes=("list", "table"), signal=2,
           # "Corrective actions (done)", "Ações corretivas (feitas)": what was done is the fix, not a follow-up
           not_after=("taken", "performed", "done", "completed", "feitas", "realizadas", "tomadas", "concluídas", "hechas",
                      "durchgeführt", "umgesetzt", "erledigt", "prises", "réalisées")),
        _f("incident", "lessons", ("lessons learned", "lessons learnt", "lessons", "what went well", "what went poorly", "where we got lucky",
                                   "takeaways"), ("교훈", "배운 점"), ("教訓", "学び"), ("经验教训", "经验总结", "教训"), ("lehren", "erkenntnisse"),
           ("lecciones aprendidas", "lo que aprendimos", "o que aprendemos"),
           ("leçons apprises", "enseignements", "ce que j'ai appris", "ce que nous avons appris", "was wir gelernt haben"),
           shapes=("list",), signal=2),
    )
}

# What users saw, when the write-up names no impact ("Symptoms", "증상"): read as the impact, never as a classification
# signal (runbooks have Symptoms sections too).
# The labels an incident's start is written under ("Start time: 09:40", "| 障害発生日時 | … |", "**Heure de début** : …"),
# normalised as norm_label leaves them: the extractor reads its key rows by them, ask prefers the lines they label
INCIDENT_START = (
    "start", "start time", "start date", "start moment", "started", "started at", "began", "onset", "opened", "opened at",
    "opened on", "occurred", "occurred at", "occurred on", "incident start", "outage start", "impact start", "problem start",
    "incident start time", "outage start time", "impact start time", "incident began", "outage began", "impact began",
    "incident onset", "impact onset", "startzeit", "beginn", "auftreten", "aufgetreten", "début", "heure de début", "inicio",
    "hora de inicio", "início", "начало", "시작", "시작 일시", "시작 시각", "시작 시간", "발생", "발생 일시", "발생 시각",
    "발생 시간", "발생일시", "발생시각", "장애 발생", "장애 발생 일시", "장애 발생 시각", "開始", "開始日時", "開始時刻",
    "開始時間", "発生", "発生日時", "発生時刻", "発生時間", "発生日", "障害発生", "障害発生日時", "障害発生時刻", "开始",
    "开始时间", "发生", "发生时间", "故障时间", "故障发生时间", "故障开始时间", "發生", "發生時間",
)


# ... and its end ("Resolved at: 10:32", "**復旧**: 2026-08-17 23:15 JST")
INCIDENT_END = (
    "end", "end time", "ended", "ended at", "incident end", "outage end", "impact end", "resolved", "resolved at", "resolved date",
    "resolveddate", "resolvedwhen", "resolved when", "resolved on", "resolved time", "recovered", "recovered at", "closed",
    "closed at", "closed on", "종료", "終了", "结束", "ende", "復旧", "복구", "恢复", "恢復", "解消", "behoben", "wiederhergestellt",
    "rétabli", "résolu", "restablecido", "resuelto", "restabelecido", "resolvido", "восстановлено",
)


INCIDENT_SYMPTOMS = ("symptoms", "symptom", "issues found", "what users saw", "what failed", "observed errors", "error observed",
                     "what was the problem", "what was the issue", "the problem", "problem description", "issue description",
                     "증상", "현상", "장애 현상", "오류 현상", "症状", "現象", "障害現象", "现象", "故障现象", "symptome", "fehlerbild",
                     "reproduzierte fehler", "síntomas", "síntoma", "sintomas", "symptômes", "problème initial", "problema inicial")

# A line that says the case a step is for, not the step: "Symptom: …", "Причина: …", "**Error:** …", "原因：…".
CASE_LABEL = re.compile(r"^\W{0,4}(?:symptoms?|causes?|root cause|problem|issue|error|ursache|fehler|fehlerbild|symptome?"
                        r"|symptômes?|problème|erreur|síntomas?|sintomas?|causa|problema|errore|причина|симптомы?|проблема"
                        r"|ошибка|症状|現象|现象|原因|問題|问题|错误|エラー|증상|현상|원인|문제|오류)\W{0,3}\s*[:：]", re.I)

# Headings whose text is not part of an incident's own story (used to keep numbers there out of the duration).
INCIDENT_ASIDE = ("appendix", "apendix", "appendinx", "logs", "thanks", "acknowledgements", "부록", "付録", "附录", "anhang", "anexo", "annexe")

# --- decisions (ADRs) ---

# A choice told in prose, in any note: "We decided to go with RabbitMQ", "we'll use SQS", "we settled on Kafka".
# A choice of technology or approach, not of action ("we decided to roll back" is an incident's story).
DECISION_STATEMENT = re.compile(
    r"\bwe\s+(?:have\s+|'ve\s+)?(?:decided|agreed)\s+(?:to\s+(?:go with|use|adopt|standardi[sz]e on|move to|switch to|migrate to|keep)|on|for)\b"
    r"|\bwe\s+(?:have\s+|'ve\s+)?(?:chose|chosen|selected|picked|opted for|went with|settled on)\b"
    r"|\bwe(?:'re| are| will|'ll)\s+(?:going with|go with|standardi[sz]e on)\b"
    r"|\b(?:it was|was)\s+(?:decided|agreed)\s+to\s+(?:use|adopt|go with)\b"
    r"|(?:을|를)\s*(?:사용|채택|도입)하기로\s*(?:결정|합의)|採用(?:する|した)こと(?:に|と)(?:決定|し)|决定(?:采用|使用)|"
    # "「JIS X 8341-3:2016」を採用することを決めました", "…を採用しています": a standard or tool taken up
    r"を採用(?:することを決め|することにし|しています|しました)|(?:을|를)\s*(?:채택|도입)(?:했습니다|하였습니다|하기로 했)|"
    # "JWT를 선택한 이유를 정리합니다", "Next.js を採用した理由", "选择 Kafka 的原因": why a choice was made says it was made
    r"(?:을|를)\s*(?:선택|채택|도입)(?:한|했던)\s*(?:이유|배경)|を(?:選んだ|採用した|選定した)(?:理由|背景)|选择\S{1,30}?的(?:原因|理由)|"
    r"wir haben uns für .{1,60} entschieden|nous avons (?:choisi|retenu|décidé d'utiliser)|hemos (?:elegido|decidido usar|optado por)|"
    r"decidimos (?:usar|utilizar|adotar|adoptar)|optamos por",
    re.I,
)
# How minutes record what a meeting settled, where no one wrote "we decided": "결론적으로 …", "… 합의가 형성됨",
# "The group accepted X as co-chairs", "Outcome: …", "Ergebnis: …", "Il a été convenu …", "Договорились …".
CONCLUSION = re.compile(
    r"결론(?:적으로)?|합의(?:가|를|된|함|됨|했|하였)|최종\s*결정|結論|合意(?:した|しました|事項|済)|決定(?:した|しました|事項)|结论|达成(?:一致|共识)|"
    r"\b(?:in\s+)?conclusion\b|\b(?:outcome|agreed|resolved|decided)\s*[:：]|"
    r"\b(?:it was|we|the (?:group|team|meeting|committee|board|attendees))\s+(?:unanimously\s+)?(?:agreed|accepted|resolved|concluded|approved)\b|"
    r"\b(?:ergebnis|beschluss|fazit)\s*[:：]|\bbeschlossen\b|\bwir (?:einigen|einigten) uns\b|"
    r"\bil a été (?:convenu|décidé)\b|\bconclusion\s*[:：]|\bon (?:part|partira) sur\b|"
    r"\bse (?:decidi[óo]|acord[óo])\b|\bacordamos\b|\bconclusi[óo]n\s*[:：]|\bficou (?:decidido|acordado)\b|\bfoi decidido\b|"
    r"\bconclus[ãa]o\s*[:：]|\b(?:решили|договорились)\b|\b(?:итог|вывод|решение)\s*[:：]",
    re.I,
)
DECISION_NOT_TAKEN = re.compile(
    r"\bwe\s+(?:have\s+not|haven't|did not|didn't|have yet to|are yet to|could not|couldn't)\s+(?:yet\s+)?(?:decided|agreed|chosen)", re.I)

DECISION = {
    f.name: f
    for f in (
        _f("decision", "number", keys=("number", "id", "adr", "decision id", "doc_id", "doc id", "adr_id", "adr id", "rfc id", "rfc", "rfc number",
                                       "번호", "番号", "编号", "nummer", "número", "numéro"), shapes=("keyvalue",)),
        _f("decision", "status", ("status",), ("상태",), ("ステータス", "状態"), ("状态",), ("status", "stand"), ("estado",), ("statut", "état"),
           keys=("status", "state", "stage", "decision status", "adr status", "상태", "ステータス", "状態", "状态", "stand", "estado", "statut"),
           shapes=("status",), signal=2, key=True),
        _f("decision", "status_text", shapes=("status",)),
        _f("decision", "date", ("date", "meeting date", "created", "date created", "decision date"), ("날짜", "일자", "일시", "회의 일시", "작성일"),
           ("日付", "日時", "開催日", "開催日時", "作成日", "決定日"), ("日期", "创建日期", "决策日期"),
           ("datum",), ("fecha", "fecha de la reunión"), ("date", "date de la réunion"),
           keys=("date", "created", "created_at", "created at", "creation date", "date created", "decision date", "decided on", "decided", "date decided", "date of decision", "accepted on", "last updated", "updated", "last modified", "modified", "date issued", "date-issued", "issued", "issued on", "날짜", "일자", "작성일", "작성 일자", "작성일자", "日付", "作成日", "日時", "作成日時",
                 "日期", "datum", "stand", "erstellt", "fecha", "date de décision", "data",
                 # the day a decision took effect or was signed off, wherever the record states it
                 "effective date", "approval date", "approved on", "date approved", "created on", "finalised on", "finalized on", "결정일", "승인일", "시행일", "決定日", "承認日", "承認日時",
                 "施行日", "决策日期", "决定日期", "批准日期", "生效日期", "entscheidungsdatum", "beschlossen am", "fecha de decisión",
                 "fecha de aprobación", "date d'approbation", "data da decisão", "data de aprovação",
                 "timestamp", "context timestamp", "decision timestamp"), shapes=("date",)),
        _f("decision", "deciders", keys=("deciders", "decision-makers", "decision makers", "decided by", "approvers", "approved by", "owners",
                                         "accepted by", "signed off by", "décisionnaires", "décisionnaire", "decisori", "entscheidungsträger",
                                         "participants", "attendees", "참석자", "参加者", "出席者", "参与者", "与会者",
                                         "teilnehmer", "teilnehmende", "participantes", "asistentes",
                                         "결정자", "의사결정자", "決定者", "承認者", "决策者", "entscheider", "decisores", "décideurs",
                                         "결정 주체", "의사결정 주체", "결정권자", "決定主体", "决策主体", "decision owner", "decision maker",
                                         # who answers for the decision: "Responsável:", "Decisor:"
                                         "decisor", "responsável", "responsáveis", "responsable", "responsables", "responsible", "accountable",
                                         "encargado", "encargados", "encargada", "encargadas", "responsabile", "responsabili",
                                         "verantwortlich", "verantwortliche",
                                         "beteiligte", "entschieden von", "참여자", "참가자", "参与人", "決定者", "décidé par", "decidido por",
                                         "decision made by", "decisión tomada por", "decisão tomada por", "décision prise par",
                                         "entscheidung getroffen von", "decisione presa da",
                                         "owner", "decision owner",  # who answers for the decision: "**Owner**: 金子裕司"
                                         # who took part in it: "## Contributeurs" over "Suxue Li, Julie Brunetto, …"
                                         "contributors", "contributeurs", "contribuidores", "mitwirkende"),
           shapes=("keyvalue",)),
        _f("decision", "context", ("context", "context and problem statement", "problem statement", "problem", "background", "issue", "motivation",
                                   "context and background", "the problem", "situation"),
           ("배경", "맥락", "문제", "배경 및 문제", "문제 정의", "컨텍스트", "동기"), ("背景", "コンテキスト", "課題", "問題", "動機", "文脈"),
           ("背景", "上下文", "问题", "问题陈述", "动机", "背景和动机"),
           ("kontext", "hintergrund", "problemstellung", "ausgangslage"), ("contexto", "problema", "antecedentes", "motivación", "motivação"),
           ("contexte", "problème", "problématique"),
           fallback=("discussion", "prologue", "summary", "overview", "introduction", "technical story", "user need", "user needs",
                     # what the record is for, when it names no context: "## Purpose", "## 目的", "## Zweck"
                     "purpose", "goal", "goals", "목적", "目的", "目标", "zweck", "ziel", "objectif", "objetivo", "propósito",
                     # where things stand before the choice: "## 1. 현황", "## Current situation", "## Ist-Zustand"
                     "current state", "current situation", "현황", "현재 상황", "현 상황", "現状", "现状", "ist-zustand",
                     "situation actuelle", "situación actual", "situação atual", "stato attuale"),
           signal=2, key=True),
        _f("decision", "decision", ("decision", "decision outcome", "the decision", "outcome", "resolution", "chosen option", "our decision",
                                    "decision made", "we decided",
                                    # what a meeting settled: "## Decisions", "## Deliberações", "## Beschlüsse", "## 决议"
                                    "decisions", "decisions made", "key decisions", "decisions taken", "deliberações", "deliberaciones",
                                    "délibérations", "decisões", "decisões tomadas", "decisiones", "decisiones tomadas", "décisions",
                                    "décisions prises", "beschlüsse", "entscheidungen", "决议", "决议事项", "议定事项", "決議事項",
                                    "合意事項", "결의 사항", "합의 사항"),
           ("결정", "결정 사항", "결정 내용"), ("決定", "決定事項", "結論", "判断", "判断内容"), ("决定", "决策", "决策结果"),
           ("entscheidung", "beschluss", "ergebnis der entscheidung"), ("decisión", "resultado de la decisión"),
           ("décision", "option retenue", "résultat de la décision", "solution retenue", "décision prise", "choix retenu"),
           fallback=("proposal", "solution", "proposed solution", "approach", "recommendation",
                     # the recommendation a record ends on: "## 4. 권고안", "## Empfehlung", "## 推奨案"
                     "recommendations", "권고안", "권고", "권장안", "권고 사항", "推奨案", "推奨", "建议方案", "推荐方案", "empfehlung",
                     "recommandation", "recomendación", "recomendação", "raccomandazione", "what's proposed", "what is proposed", "proposed change",
                     # a design document's proposal, in the words RFCs and design docs use for it
                     "proposed architecture", "proposed design", "proposed approach", "proposed plan", "proposed changes",
                     "vorschlag", "lösungsvorschlag", "proposition", "solution proposée", "propuesta", "solución propuesta",
                     "proposta", "solução proposta", "предложение", "предлагаемое решение", "提案", "제안",
                     # "## 方案" of a Chinese RFC is its proposal, as "## Solution" is ("备选方案" lists the alternatives)
                     "方案", "技术方案", "实现方案", "设计方案", "解决方案",
                     # a record with no decision section says it in its one-line summary: "## TL;DR", "## 한 줄 요약"
                     "tl;dr", "tldr", "tl dr", "한 줄 요약", "한줄 요약", "한줄요약",
                     # a report that decides without a decision section ends on what it settled: "## 5. 결론"
                     "conclusion", "conclusions", "결론", "結論", "结论", "fazit", "conclusión", "conclusões", "conclusão",
                     "заключение", "выводы",
                     # an RFC's design, when it names no decision: "## Design", "## Detailed design", "## 设计"
                     "design", "detailed design", "design details", "technical design", "设计", "详细设计", "設計", "詳細設計",
                     "설계", "상세 설계", "entwurf", "diseño", "conception"),
           signal=3, key=True, not_after=("drivers", "driver", "makers", "maker", "record", "records", "log")),
        _f("decision", "options", ("considered options", "options considered", "options", "alternatives", "alternatives considered",
                                   "considered alternatives", "positions", "pros and cons of the options", "pros and cons",
                                   "potential scenarios", "possible options", "possible solutions", "solutions considered",
                                   "approaches considered", "considered approaches", "candidate solutions", "options evaluated",
                                   "evaluated options", "alternatives evaluated", "considered", "also considered", "what we considered",
                                   "rationale and alternatives", "alternative approaches", "rejected alternatives", "rejected ideas",
                                   "rejected options", "viable options", "available options", "candidate options", "options on the table"),
           ("고려한 대안", "검토한 대안", "대안", "선택지", "장단점", "검토한 방안", "고려한 방안", "대안 검토"),
           ("検討した選択肢", "選択肢", "代替案", "検討案", "検討した代替案", "代替案の検討", "比較した案", "検討したオプション",
            "オプション", "検討した方式", "検討した案"),
           ("备选方案", "考虑的选项", "选项", "候选方案", "可选方案", "方案对比", "替代方案", "考虑的替代方案", "备选"),
           ("betrachtete optionen", "betrachtete alternativen", "erwogene alternativen", "geprüfte alternativen", "optionen", "alternativen",
            "in betracht gezogene optionen", "in betracht gezogene alternativen", "berücksichtigte optionen", "untersuchte optionen",
            "pro und kontra der optionen", "pro und contra der optionen", "vor- und nachteile der optionen"),
           ("opciones consideradas", "alternativas consideradas", "opciones", "alternativas", "opções consideradas", "alternativas avaliadas",
            "opções", "pros y contras de las opciones", "ventajas y desventajas de las opciones", "prós e contras das opções",
            "alternativas evaluadas", "soluciones consideradas", "opções avaliadas"),
           ("options envisagées", "options considérées", "alternatives", "avantages et inconvénients des options",
            "solutions envisagées", "alternatives envisagées", "alternatives considérées", "solutions alternatives",
            "solutions alternatives considérées", "solutions alternatives envisagées", "solutions considérées", "autres solutions",
            # the options as MADR's translations and their users word them: "## Solutions Étudiées", "## Soluciones evaluadas"
            "solutions étudiées", "options étudiées", "solutions examinées", "options examinées", "solutions évaluées",
            "options évaluées", "solutions possibles", "options possibles", "soluciones estudiadas", "opciones estudiadas",
            "soluciones evaluadas", "soluciones posibles", "opciones posibles", "soluções estudadas", "opções estudadas",
            "soluções avaliadas", "soluções consideradas", "soluções possíveis", "opções possíveis", "mögliche lösungen",
            "betrachtete lösungen", "untersuchte lösungen", "lösungsoptionen", "lösungsalternativen", "soluzioni considerate",
            "soluzioni valutate", "opzioni valutate",
            "alternative solutions", "alternative options", "other options", "other options considered",
            "opzioni considerate", "overwogen opties", "övervägda alternativ", "vurderte alternativer", "рассмотренные варианты"),
           shapes=("options",), signal=3),
        _f("decision", "consequences", ("consequences", "consequence", "implications", "outcomes", "trade-offs", "tradeoffs",
                                        "trade offs"), ("결과", "영향"), ("結果", "影響", "帰結", "影響と帰結"), ("后果", "影响", "结果"),
           ("konsequenzen", "folgen", "auswirkungen"), ("consecuencias", "impactos", "implicaciones"),
           ("conséquences", "impacts", "impacts positifs", "impacts négatifs"), shapes=("list",), signal=3),
        _f("decision", "rationale", ("rationale", "argument", "arguments", "justification", "reasoning", "decision rationale",
                                     "rationale for the decision", "reasons for the decision", "why we chose this", "why we chose it",
                                     "why this approach", "why this design", "reasons for the choice", "reason for the choice"),
           ("근거", "이유", "선택 근거", "결정 근거", "결정 이유", "선택 이유", "선택이유", "선정 이유", "채택 이유"), ("理由", "根拠", "決定理由", "選定理由", "判断理由"), ("理由", "决策理由", "决定理由", "选择理由"),
           ("begründung", "entscheidungsbegründung"), ("justificación",), ("justification",), signal=1),
        _f("decision", "links", ("links", "related", "related decisions", "references", "see also"), ("관련 문서", "링크"), ("関連", "参考"),
           ("相关", "参考"), ("verweise", "siehe auch"), ("enlaces", "referencias"), ("liens", "références"), shapes=("list",)),
        _f("decision", "supersedes", shapes=("list",)),
        _f("decision", "superseded_by", shapes=("list",)),
        _f("decision", "drivers", ("decision drivers",), ("결정 요인",), ("決定要因",), ("决策驱动因素",), ("entscheidungstreiber",),
           ("factores de decisión", "impulsores de la decisión", "criterios de decisión", "fatores de decisão", "direcionadores da decisão"),
           ("facteurs de décision", "critères de décision", "moteurs de décision"),
           shapes=("list",), signal=2),
    )
}

# Sub-labels that sort consequences (MADR's "Positive Consequences", "Good, because").
POSITIVE = ("positive", "positives", "positive consequences", "pros", "benefits", "advantages", "good", "긍정적", "긍정적 결과", "장점",
            "メリット", "利点", "优点", "vorteile", "ventajas", "avantages", "positivas", "vantagens", "prós",
            "conséquences positives", "consecuencias positivas", "consequências positivas", "positive konsequenzen",
            "positive folgen", "conseguenze positive", "impacts positifs", "impactos positivos", "impatti positivi", "positiva konsekvenser", "positive konsekvenser", "positieve gevolgen",
            "voordelen", "fördelar", "fordeler", "vantaggi", "плюсы", "преимущества", "positive auswirkungen")
NEGATIVE = ("negative", "negatives", "negative consequences", "cons", "drawbacks", "risks", "disadvantages", "bad", "부정적", "부정적 결과",
            "단점", "위험", "デメリット", "欠点", "リスク", "缺点", "风险", "nachteile", "risiken", "desventajas", "riesgos", "inconvénients", "risques",
            "negativas", "desvantagens", "contras", "riscos", "négatives", "conséquences négatives", "consecuencias negativas",
            "consequências negativas", "negative konsequenzen", "negative folgen", "conseguenze negative", "negativa konsekvenser",
            "negative konsekvenser", "negatieve gevolgen", "impacts négatifs", "impactos negativos", "impatti negativi", "nadelen", "nackdelar", "ulemper", "svantaggi", "минусы",
            "недостатки", "риски", "negative auswirkungen")
NEUTRAL = ("neutral", "neutral consequences", "중립", "中立", "neutre", "neutras", "conséquences neutres", "neutres",
           "consecuencias neutras", "consequências neutras", "neutrale konsequenzen", "neutrale folgen", "conseguenze neutre")

# MADR's "Good, because …" / "Bad, because …" / "Neutral, because …" as its translations write them
# ("Positive, car …", "Bueno, porque …", "Gut, weil …", "Sehr gut, weil …"): the word for each side.
PROCON_WORDS = {
    "good": "positi(?:ve|f)|positiv[eoa]?|bueno|buena|bom|boa|bon|bonne|gut|goed|bra|godt?|buono|хорошо|좋음|긍정적",
    "bad": "n[eé]gati(?:ve|f)|negativ[eoa]?|malo|mala|ruim|mau|má|mauvais|mauvaise|schlecht|slecht|dålig|dårlig|cattivo|плохо|나쁨|부정적",
    "neutral": "neutre|neutr[oa]|neutraal|нейтрально|중립적?",
}
PROCON_BECAUSE = r"because|car|parce que|porque|pois|weil|da|omdat|eftersom|fordi|perché|poiché|потому что|왜냐하면"
# An option's "**Pro**:" / "**Contra**:" lead over a list of its merits or faults, and the line that gives its verdict
# ("**Entscheidung**: Abgelehnt - Kosten"), in the languages ADRs are written in.
OPTION_PROS = ("pro", "pros", "advantages", "benefits", "strengths", "upsides", "vorteile", "stärken", "ventajas", "pros",
               "vantagens", "prós", "avantages", "points forts", "voordelen", "fördelar", "fordeler", "vantaggi", "плюсы",
               "преимущества", "장점", "이점", "メリット", "利点", "長所", "优点", "优势", "好处")
OPTION_CONS = ("con", "cons", "contra", "contras", "disadvantages", "drawbacks", "weaknesses", "downsides", "nachteile", "schwächen",
               "desventajas", "contras", "desvantagens", "inconvénients", "points faibles", "nadelen", "nackdelar", "ulemper",
               "svantaggi", "минусы", "недостатки", "단점", "デメリット", "欠点", "短所", "缺点", "劣势", "不足")
OPTION_VERDICT = ("decision", "verdict", "outcome", "result", "entscheidung", "ergebnis", "decisión", "decisão", "décision",
                  "resultado", "résultat", "beslut", "besluit", "결정", "판단", "결론", "結論", "判断", "决定", "结论", "conclusion",
                  "conclusión", "conclusão", "conclusione", "fazit", "вывод", "итог", "решение",
                  "reason for rejection", "rejection reason", "why not", "why rejected", "却下理由", "不採用理由", "기각 사유",
                  "拒绝理由", "不采用理由", "motivo del rechazo", "motivo de rejeição", "raison du rejet", "ablehnungsgrund",
                  # the fate and its reason in one lead: "- **Verworpen omdat**: te complex voor de teamgrootte"
                  "rejected because", "ruled out because", "not chosen because", "abgelehnt weil", "verworfen weil",
                  "verworpen omdat", "afgewezen omdat", "niet gekozen omdat", "reden van afwijzing", "rejeté car", "rejetée car",
                  "écarté car", "écartée car", "non retenu car", "rechazado porque", "rechazada porque", "descartado porque",
                  "descartada porque", "rejeitado porque", "rejeitada porque", "scartato perché", "scartata perché",
                  "отклонено потому что", "탈락 사유", "탈락 이유", "기각 이유", "却下の理由", "不採用の理由", "放弃原因", "未采用原因")


def merit_side(label: str) -> str | None:
    """'good' when a lead names an option's merits ("**Avantages**", "Pros:"), 'bad' when its faults, else None."""
    for part in [label] + [x for x in re.split(r"[()（）]", label) if x.strip()]:  # "좋은 점(Pros)": either name says it
        name = norm_label(part)
        if name in OPTION_PROS or name in OPTION_CONS:
            return "good" if name in OPTION_PROS else "bad"
    return None


# one capturing group: the side's word, after an optional "very"
PROCON_TRANSLATED = rf"(?:(?:sehr|very|muy|très|muito|molto|zeer|mycket|veldig)\s+)?({'|'.join(PROCON_WORDS.values())})"


def procon_side(word: str) -> str:
    """'good', 'bad' or 'neutral' for a side word PROCON_TRANSLATED captured ("Négative", "gut", "Malo")."""
    return next(side for side, words in PROCON_WORDS.items() if re.fullmatch(words, word, re.I))

# Status words in every language, each mapped to a canonical status.
STATUS_WORDS = {
    "superseded": ("заменено", "заменён", "заменена", "vervangen", "erstattet", "ersatt", "zastąpiona", "zastąpiony", "zastąpione", "sostituito", "sostituita", "superseded", "superceded", "replaced", "대체됨", "대체", "置き換え", "廃止済み", "已取代", "ersetzt", "abgelöst", "reemplazado", "reemplazada", "remplacé", "remplacée", "substituído", "substituída"),
    "rejected": ("отклонено", "отклонён", "отклонена", "отвергнуто", "afgewezen", "verworpen", "avvist", "avslått", "forkastet", "avvisad", "afvist", "odrzucona", "odrzucony", "odrzucone", "rifiutato", "respinto", "rejected", "declined", "not accepted", "refused", "withdrawn", "거절", "기각", "반려", "却下", "拒否", "已拒绝", "拒绝",
                 "abgelehnt", "rechazado", "rechazada", "rejeté", "rejetée", "refusé", "refusée", "rejeitado", "rejeitada", "recusado"),
    "deprecated": ("устарело", "устарел", "устаревшее", "przestarzała", "przestarzałe", "deprecato", "verouderd", "vervallen", "deprecated", "obsolete", "retired", "폐기", "사용 중단", "非推奨", "廃止", "已弃用", "弃用", "veraltet", "obsoleto", "obsoleta", "obsolète", "descontinuado", "depreciado"),
    "accepted": ("принято", "принят", "принята", "утверждено", "утверждён", "одобрено", "zaakceptowana", "zaakceptowany", "zaakceptowane", "przyjęta", "przyjęty", "przyjęte", "zatwierdzona", "zatwierdzony", "zatwierdzone", "accepted", "approved", "godkjent", "vedtatt", "godkänd", "beslutad", "goedgekeurd", "aangenomen", "accettato", "approvato", "agreed", "adopted", "done", "implemented", "decided", "active", "in force", "승인", "채택", "확정", "承認", "承認済み",
                 "採用", "決定", "已接受", "接受", "已批准", "已通过", "通过", "已完成", "完成", "已采纳", "采纳", "akzeptiert", "angenommen", "beschlossen", "aceptado", "aceptada", "aprobado", "aprobada", "accepté", "acceptée", "adopté", "adoptée", "validé", "validée", "aceito", "aceita", "aprovado", "aprovada", "adotado",
                 # the feminine and "decided" forms ("status: approuvée", "Status: Decidido")
                 "approuvé", "approuvée", "décidé", "décidée", "decidido", "decidida", "entschieden", "deciso", "decisa",
                 "accettata", "approvata", "adottato", "adottata", "adotada", "adoptado", "adoptada", "godkendt", "vedtaget",
                 "besloten", "geaccepteerd", "aanvaard", "vastgesteld",
                 # Norwegian and Swedish: "## Status\n\nAkseptert"
                 "akseptert", "besluttet", "accepterad", "accepteret",
                 # a question settled ("Statut : Résolu"); not "final", which opens "final draft" and "final review"
                 "resolved", "résolu", "résolue", "resuelto", "resuelta", "resolvido", "resolvida", "risolto"),
    "proposed": ("предложено", "предложен", "черновик", "на рассмотрении", "proponowana", "proponowany", "proponowane", "proposed", "draft", "utkast", "foreslått", "föreslagen", "voorgesteld", "concept", "bozza", "proposal", "in review", "under review", "in progress", "pending", "open", "제안", "초안", "검토 중", "검토중",
                 "提案", "提案中", "草案", "レビュー中", "已提议", "提议", "草稿", "vorgeschlagen", "entwurf", "propuesto", "propuesta", "borrador", "proposé", "proposée", "brouillon", "proposto", "proposta", "rascunho", "em revisão"),
}
STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded", "unknown")

# --- runbooks ---

RUNBOOK = {
    f.name: f
    for f in (
        _f("runbook", "overview", ("overview", "meaning", "purpose", "description", "summary", "about", "introduction", "context", "background",
                                   "trigger", "alert trigger",
                                   "when to use", "when to use this runbook", "symptoms", "goal", "goals", "objective", "objectives", "aim",
                                   "scenario", "scenarios"),
           ("개요", "목적", "설명", "증상", "목표", "시나리오", "배경", "소개"), ("概要", "目的", "説明", "症状", "目標", "シナリオ", "背景", "はじめに"),
           ("概述", "目的", "说明", "症状", "目标", "场景", "适用场景", "背景", "简介", "引言", "业务及数据库表现", "业务表现", "故障现象", "现象"),
           # a heading that asks what the alert means: "O que o alerta quer dizer", "Qué significa esta alerta"
           ("o que o alerta quer dizer", "o que significa", "o que o alerta significa", "qué significa", "que significa",
            "lo que significa", "que signifie", "ce que signifie", "signification", "was bedeutet", "bedeutung", "what it means",
            "what this means", "what the alert means", "what this alert means", "what does this alert mean"),
           ("überblick", "übersicht", "zweck", "beschreibung", "symptome", "ziel", "ziele", "zielsetzung", "szenario", "kontext",
            "hintergrund", "einleitung", "einführung"),
           ("descripción", "propósito", "resumen", "objetivo", "objetivos", "escenario", "contexto", "introducción", "visión general",
            "panoramica", "panoramica generale", "overzicht", "doel"),
           ("aperçu", "vue d'ensemble", "vue générale", "objectif", "objectifs", "description", "scénario", "contexte", "introduction", "présentation",
            "à quoi ça sert", "à quoi sert", "à quoi ça sert ?", "wozu", "para qué sirve", "para que serve", "what is it for",
            "what it is for", "what it's for"),
           # the general part first: "## Généralités", "## Allgemeines", "## Generalidades" (not "General etcd health")
           ("généralités", "generalites", "allgemeines", "generalidades", "generalità", "总则", "総則"),
           # what the runbook covers: "## Scope", "## Alcance", "## Périmètre"
           ("scope", "alcance", "ámbito", "portée", "périmètre", "geltungsbereich", "anwendungsbereich", "escopo", "âmbito", "ambito",
            "범위", "적용 범위", "適用範囲", "适用范围", "область применения"), signal=0.5, key=True),
        _f("runbook", "prerequisites", ("prerequisites", "prerequisite", "pre-requisites", "pre-requisite", "pre requisites", "before you start", "before you begin", "requirements",
                                        "what you need", "you will need", "preconditions", "before you get started",
                                        "pre-deployment checklist", "pre-deploy checklist", "pre-flight checklist", "preflight checklist",
                                        "pre-flight checks", "preflight checks", "pre-deployment checks", "pre-upgrade checks",
                                        "pre-migration checks", "pre-checks", "prechecks",
                                        "pre-deploy", "pre-deployment", "pre-upgrade", "pre-migration", "pre-flight", "preflight",
                                        # what an install guide needs first: "## Dependencias\n- Elasticsearch >= 7.0.0"
                                        "dependencies", "system dependencies", "software dependencies", "dependencias", "dépendances",
                                        "abhängigkeiten", "dipendenze", "dependências", "依赖", "依赖项", "依存関係", "의존성", "зависимости"),
           ("사전 준비", "사전 준비 사항", "사전 요구 사항", "사전 조건", "준비 사항", "준비물", "준비", "필요한 것", "필요 사항", "필요한 도구"),
           ("前提条件", "事前準備", "必要なもの", "前提", "必要な環境", "必要なツール"),
           ("what you'll need", "what is needed", "needed", "required", "required tools", "you'll need", "dependencies needed",
            "所需", "所需环境", "需要准备", "ce dont vous avez besoin", "ce qu'il faut", "lo que necesitas", "lo que necesitarás",
            "o que você precisa", "o que é necessário", "was sie brauchen", "was du brauchst", "benötigt"),
           ("前提条件", "先决条件", "前置条件", "前置要求", "准备工作", "准备", "要求", "环境要求", "版本要求", "系统要求", "要件", "必要条件", "動作環境",
            "요구 사항", "요구사항"), ("voraussetzungen", "vorbereitung", "vorbedingungen", "vor dem start", "bevor sie beginnen", "vorab"),
           ("requisitos previos", "requisitos", "prerrequisitos", "prerequisitos", "pré-requisitos", "pre-requisitos", "consideraciones previas", "antes de empezar", "antes de comenzar", "preparación"),
           ("prérequis", "pré-requis", "conditions préalables", "avant de commencer", "considérations préalables", "préparation"),
           ("предпосылки", "предварительные условия", "предварительные требования", "требования", "перед началом", "подготовка",
            "prerequisiti", "requisiti", "prima di iniziare", "pré-requisitos", "pre-requisitos", "pré requisitos"),
           # "before you start" in the other words authors use for it
           ("prior considerations", "before starting", "preparation", "preparations", "getting ready",
            "requires", "required", "required access", "access required"),  # "**Requires:** Backup access, storage access"
           # the access a runbook needs, often one row of its header table ("| **필요 권한** | K8s cluster admin |")
           keys=("required access", "access required", "required permissions", "permissions required", "required role", "required roles",
                 "필요 권한", "필요한 권한", "要求权限", "所需权限", "需要的权限", "必要な権限", "必要権限", "erforderliche berechtigungen",
                 "benötigte berechtigungen", "permisos necesarios", "permisos requeridos", "droits requis", "droits nécessaires",
                 "permissões necessárias"),
           shapes=("list",), signal=2),
        _f("runbook", "steps", ("step-by-step procedure", "step by step procedure", "step-by-step", "procedure", "procedures", "steps", "mitigation",
                                "mitigations", "resolution", "resolutions", "how to resolve", "how to fix", "remediation", "instructions", "checklist",
                                "recovery steps", "recovery procedure", "recovery", "what to do", "response steps", "runbook steps",
                                "workaround", "workarounds", "immediate actions", "immediate steps", "first steps", "actions",
                                # a change request's plan: "## Execution", "Implementation steps", "Rollout plan"
                                "execution", "execution plan", "execution steps", "change steps", "implementation steps",
                                "implementation plan", "rollout steps", "rollout plan", "migration steps", "upgrade steps"),
           ("절차", "작업 절차", "복구 절차", "대응 절차", "조치 방법", "해결 방법", "단계", "조치"), ("手順", "対応手順", "復旧手順", "作業手順", "対処方法"),
           ("步骤", "操作步骤", "处理步骤", "恢复步骤", "执行步骤", "实施步骤"), ("vorgehen", "vorgehensweise", "schritte", "ablauf", "anleitung", "behebung", "maßnahmen", "sofortmaßnahmen",
                                                          "durchführung", "ausführung"),
           ("procedimiento", "pasos", "mitigación", "resolución", "acciones inmediatas", "acción inmediata", "ejecución"),
           ("procédure", "étapes", "résolution", "atténuation", "actions immédiates", "action immédiate", "exécution",
            # "## Quoi faire ?", "## Was tun?", "## ¿Qué hacer?": what to do, asked as the heading
            "quoi faire", "que faire", "was tun", "was ist zu tun", "qué hacer", "que hacer", "o que fazer", "cosa fare",
            "해야 할 일", "어떻게 하나", "どうするか", "怎么做", "怎么办", "что делать"),
           shapes=("steps",), signal=2, key=True),
        _f("runbook", "impact", ("impact", "user impact", "customer impact"), ("영향",), ("影響",), ("影响",), ("auswirkung", "auswirkungen"), ("impacto",),
           ("impact",), signal=0.5),
        _f("runbook", "diagnosis", ("diagnosis", "diagnose", "diagnostics", "investigation", "how to spot", "triage", "troubleshoot", "debugging"),
           ("진단", "원인 파악"), ("診断", "調査", "切り分け"), ("诊断", "排查"), ("diagnose", "fehlersuche", "analyse"), ("diagnóstico",), ("diagnostic",),
           shapes=("list",), signal=3),
        _f("runbook", "verification", ("verification", "verify", "verifying", "validation", "validate", "post-checks", "post checks", "how to verify",
                                       "check resolution", "confirmation", "smoke test", "smoke tests", "health check", "health checks",
                                       "sanity check", "sanity checks", "post-deploy checks", "post-deployment checks",
                                       "post-update validation", "post-deployment validation", "post-change validation",
                                       "post-upgrade validation", "post-upgrade checks", "success criteria", "recovery indicators",
                                       # the checklist run once the work is done, in either word order
                                       "post-upgrade checklist", "checklist post-upgrade", "post-deploy checklist", "checklist post-deploy",
                                       "post-deployment checklist", "checklist post-deployment", "post-migration checklist",
                                       "checklist post-migration", "post-restore checklist", "checklist post-restore",
                                       "post-release checklist", "checklist post-release", "checklist post-déploiement",
                                       "validation checklist", "verification checklist", "functional verification",
                                       # the checks after the operation: "### Post-rollback", "After the restore"
                                       "post-rollback", "post rollback", "after rollback", "after the rollback", "post-restore",
                                       "after the restore", "post-recovery", "after recovery", "post-migration", "post-deploy",
                                       "post-deployment", "después del rollback", "tras el rollback", "después de la restauración",
                                       "nach dem rollback", "nach der wiederherstellung", "après le rollback", "après la restauration",
                                       "após o rollback", "após a restauração", "롤백 후", "복구 후", "ロールバック後", "復旧後", "回滚后", "恢复后"),
           ("검증", "확인", "결과 확인", "확인 체크리스트", "전체 확인 체크리스트", "검증 체크리스트", "헬스 체크", "헬스체크", "상태 확인",
            "정상 상태 확인", "정상 동작 확인", "동작 확인"),
           ("確認", "検証", "動作確認", "判定基準", "完了条件", "確認事項", "ヘルスチェック", "正常性確認", "スモークテスト"),
           ("验证", "确认", "检查", "验证清单", "功能验证清单", "验收标准", "验收", "健康检查", "冒烟测试", "스모크 테스트"),
           # what the tests run after the change showed: "## 测试结果", "Test results"
           ("test results", "testing results", "测试结果", "测试验证", "验证结果", "テスト結果", "테스트 결과", "testergebnisse",
            "résultats des tests", "resultados de las pruebas", "resultados dos testes", "результаты тестирования",
            "результаты проверки"),
           ("überprüfung", "verifizierung", "prüfung", "kontrolle", "validierung", "erfolgskriterien", "erfolgskontrolle",
            "funktionsprüfung", "health-check", "abschlusskriterium", "abschlusskriterien"),
           ("completion criteria", "exit criteria", "done criteria", "definition of done", "critères de réussite",
            "critères de succès", "criterios de éxito", "critérios de sucesso", "criteri di successo"),
           ("checagem de saúde", "checagens de saúde", "verificação de saúde", "chequeo de salud", "comprobación de estado",
            "vérification de santé", "contrôle de santé"),
           # a heading that asks how to tell the fix held: "How to know it worked", "Como saber que passou"
           ("how to know it worked", "how to tell it worked", "how do i know it worked", "how to know it's fixed",
            "how to know it is fixed", "how to know it passed", "como saber que passou", "como saber que funcionou",
            "como saber que deu certo", "como saber se funcionou", "cómo saber si funcionó", "cómo saber que funcionó",
            "comment savoir si ça a marché", "comment savoir si c'est réglé", "woran erkenne ich, dass es geklappt hat",
            "wie erkenne ich, dass es geklappt hat"),
           ("verificación", "validación", "comprobación", "comprobaciones", "verificaciones", "verificación funcional",
            "criterios de éxito", "indicadores de recuperación", "indicadores de recuperação", "critérios de sucesso", "validação",
            "verificação"), ("vérification", "validation", "contrôle", "tests de validation", "critères de succès"),
           shapes=("list",), signal=1),
        _f("runbook", "rollback", ("rollback", "roll back", "rolling back", "roll-back", "undo", "undoing", "revert", "reverting", "back out",
                                   "backing out", "removing", "scaling back", "scale back", "rollback plan", "backout", "backout plan",
                                   "plan de reversión", "plan de rollback", "plan de retour arrière", "plano de rollback", "plano de reversão"),
           ("롤백", "원복", "되돌리기"), ("ロールバック", "切り戻し", "元に戻す"), ("回滚", "回退"),
           ("rückgängig machen", "zurücksetzen", "rollback", "rückfall", "rückfallplan", "rückfallebene", "zurückrollen", "rücksetzung"),
           ("reversión", "revertir"), ("retour arrière", "annulation"), signal=1),
        _f("runbook", "rollback_commands", shapes=("list",)),
        _f("runbook", "other_commands", shapes=("list",)),
        _f("runbook", "caveats", ("caveats", "caveat", "warnings", "warning", "potential issues", "known issues", "notes", "note", "troubleshooting",
                                  "gotchas", "pitfalls", "common issues", "important", "common errors", "common problems",
                                  # what the procedure cannot do or needs ("#### Contraintes": the app must be uninstalled first)
                                  "constraints", "limitations", "restrictions", "contraintes", "limites", "einschränkungen",
                                  "restricciones", "limitaciones", "restrições", "limitações"),
           ("주의 사항", "주의사항", "주의", "경고", "알려진 문제", "문제 해결", "자주 발생하는 오류"),
           ("注意事項", "注意", "警告", "既知の問題", "トラブルシューティング", "よくあるエラー"),
           ("注意事项", "注意", "警告", "已知问题", "已知", "常见错误", "常见问题", "故障排除"),
           ("hinweise", "hinweis", "warnung", "achtung", "bekannte probleme", "fehlerbehebung", "häufige fehler"),
           ("advertencias", "notas", "precauciones", "solución de problemas", "errores comunes"),
           ("avertissements", "remarques", "mises en garde", "dépannage", "erreurs courantes", "problèmes courants"), shapes=("list",), signal=1),
        _f("runbook", "contacts", ("contacts", "contact", "escalation", "escalations", "who to contact", "owners", "ownership", "on-call", "support",
                                      "who to notify", "notify", "notifications"),
           ("연락처", "담당자", "에스컬레이션"), ("連絡先", "担当者", "エスカレーション"), ("联系人", "负责人", "升级处理", "上报"), ("kontakt", "kontakte", "eskalation", "ansprechpartner"),
           ("contactos", "escalamiento", "escalado", "escalación"), ("contacts", "escalade", "contacts d'escalade"),
           ("eskalationspfad", "eskalationsstufen", "notfallkontakte", "緊急連絡先", "エスカレーション先", "升级路径", "紧急联系人", "应急联系人",
            "비상 연락처", "비상 연락망"), keys=("owner_slack", "owner", "team", "contact", "contacts", "escalation", "on-call",
                                                                          "oncall", "on_call", "담당자", "担当者", "负责人", "ansprechpartner"),
           shapes=("list",), signal=1,
           # "Escalonamento de Serviços" and "escalado horizontal" are scaling, not escalation
           not_after=("de serviços", "de servicos", "de serviço", "de servico", "de réplicas", "de replicas", "horizontal",
                      "vertical", "automático", "automatico", "automático de")),
        _f("runbook", "history", ("history", "revision history", "change history", "changelog", "change log"), ("이력", "변경 이력", "히스토리"),
           ("履歴", "変更履歴"), ("历史", "变更历史"), ("änderungshistorie", "verlauf"), ("historial",), ("historique",), shapes=("list",)),
        _f("runbook", "last_reviewed", keys=("last_reviewed_on", "last_reviewed", "last reviewed", "reviewed_on", "last_reviewed_at", "reviewed",
                                             "last updated", "최종 검토일", "最終レビュー日", "zuletzt geprüft"), shapes=("date",)),
        _f("runbook", "review_in", keys=("review_in", "review in"), shapes=("duration",)),
        # Read from front matter and from contacts by the runbook extractor, not from headings of their own:
        # the page's owner channel (owner_slack), and the contacts the runbook states beyond it.
        _f("runbook", "owner", shapes=("list",)),
        _f("runbook", "escalation", shapes=("list",)),
        _f("runbook", "alert", ("alert", "alerts"), ("알림", "경보"), ("アラート",), ("告警",), ("alarm", "alarme"), ("alerta",), ("alerte",),
           keys=("alert", "alertname", "alert name"), signal=1),
    )
}

VOCAB: dict[str, dict[str, Field]] = {"incident": INCIDENT, "decision": DECISION, "runbook": RUNBOOK}

# Key fields per kind, in the order pages and confidence name them.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "incident": ("date", "summary", "timeline", "root_cause"),
    "decision": ("status", "context", "decision"),
    "runbook": ("steps", "overview"),
}

# --- table columns: a table is read by its header, wherever it sits ---

COLUMNS: dict[str, tuple[str, ...]] = {
    "time": ("time", "date", "when", "timestamp", "time utc", "datetime", "date time", "start", "시간", "시각", "시점", "일시", "날짜", "時刻", "時間", "日時", "時点", "时刻", "moment", "momento", "horodatage", "instante",
             "日付", "时间", "日期", "zeit", "uhrzeit", "datum", "zeitpunkt", "hora", "fecha", "heure", "date et heure", "data", "horário", "data e hora", "время", "дата", "час",
             # a column named for its timezone: "| NZST | UTC | Event |"
             "utc", "gmt", "pst", "pdt", "pt", "est", "edt", "et", "cst", "cdt", "mst", "mdt", "cet", "cest", "bst", "ist", "jst", "kst",
             "nzst", "nzdt", "aest", "aedt", "sgt", "hkt", "brt"),
    "event": ("event", "events", "description", "what", "what happened", "detail", "details", "action", "summary", "activity", "update", "note",
              "notes", "내용", "이벤트", "사건", "설명", "상황", "出来事", "内容", "イベント", "事象", "説明", "事件", "描述", "内容", "ereignis",
              "beschreibung", "was", "evento", "descripción", "événement", "description", "descrição", "acontecimento", "событие", "описание", "подія", "опис"),
    "action": ("action", "action item", "actions", "item", "task", "todo", "to do", "what", "description", "follow-up", "remediation", "measure",
               "조치", "조치 항목", "내용", "항목", "작업", "対応", "対策", "内容", "タスク", "行动", "任务", "措施", "maßnahme", "aufgabe", "acción",
               "tarea", "action corrective", "tâche", "ação", "tarefa", "medida", "действие", "задача", "мера", "дія", "завдання"),
    "owner": ("owner", "owners", "assignee", "who", "responsible", "dri", "team", "담당", "담당자", "担当", "担当者", "负责人", "verantwortlich",
              "zuständig", "responsable", "propietario", "responsável", "dono", "qui", "wer", "quién", "quem", "ответственный", "відповідальний"),
    "status": ("status", "state", "done", "상태", "状態", "ステータス", "状态", "stand", "estado", "statut", "état", "статус"),
    "key": ("field", "key", "property", "attribute", "name", "item", "항목", "項目", "字段", "feld", "campo", "champ"),
    "value": ("value", "details", "detail", "값", "내용", "値", "内容", "值", "wert", "valor", "valeur"),
}

# "**Mantenedor:** DevOps Team", "**维护人员**: DevOps团队" under the last rule: who keeps the runbook
MAINTAINER_LABELS = ("maintainer", "maintainers", "maintained by", "owner", "owners", "owned by", "runbook owner",
                     "document owner", "mantenedor", "mantenido por", "responsable du document", "mainteneur", "maintenu par",
                     "verantwortlich", "gepflegt von", "manutentore", "mantido por", "维护人员", "维护者", "维护人", "管理者",
                     "担当チーム", "관리자", "담당 팀")


# Labels whose value is a person or a team: "담당자: Laze", "Author: Priya", "Incident commander: @sam", "Autor: Jan".
PERSON_LABELS = tuple(dict.fromkeys(COLUMNS["owner"] + (
    "author", "authors", "reporter", "reported by", "written by", "created by", "maintainer", "maintainers", "maintained by",
    "incident commander", "commander", "incident lead", "incident manager", "on-call", "on call", "oncall", "handled by",
    "lead", "tech lead", "contact", "contacts", "point of contact", "poc", "deciders", "decided by", "approved by", "approvers",
    "작성자", "보고자", "책임자", "처리자", "대응자", "作成者", "報告者", "対応者", "責任者", "作者", "报告人", "处理人", "负责人员",
    "autor", "autores", "verfasser", "ersteller", "bearbeiter", "auteur", "auteurs", "rédigé par", "rédacteur", "rapporteur",
    "autore", "autori", "responsabile", "redactor", "redactado por", "escrito por", "elaborado por", "criado por",
    "автор", "исполнитель", "ответственные", "відповідальні", "autorzy", "odpowiedzialny",
    # a change log's "who" column: "Colaborador: Daniel", "Contributor: Ana", "Bearbeitet von: Jan"
    "contributor", "contributors", "collaborator", "editor", "changed by", "updated by", "modified by", "revised by",
    "colaborador", "colaboradores", "contribuidor", "collaborateur", "contributeur", "modifié par", "mitwirkende", "geändert von",
    "bearbeitet von", "修正者", "更新者", "变更人", "修改人", "수정자", "변경자", "изменил", "редактор",
    # who put a proposal forward: "| 提交作者 | @ccsuzzh |", "Proposed by: Ana"
    "submitted by", "proposed by", "proposer", "proposers", "提交作者", "提交人", "提案人", "发起人", "起草人", "提案者", "提出者",
    "起案者", "제안자", "proposé par", "soumis par", "vorgeschlagen von", "eingereicht von", "propuesto por",
    "proposto por", "proposto da", "предложил", "инициатор")))


def labels_person(label: str) -> bool:
    """Is this a label whose value names who (a person, a role, a team)?"""
    return bool(label) and label_matches(norm_label(label), PERSON_LABELS, prefix=False) is not None


# Words that say an action item is finished, in any language.
DONE_WORDS = ("done", "fixed", "complete", "completed", "merged", "closed", "resolved", "shipped", "implemented", "완료", "해결", "完了", "対応済み",
              "済", "已完成", "完成", "erledigt", "abgeschlossen", "fertig", "hecho", "completado", "terminé", "fait", "concluído", "concluída", "feito", "resolvido",
              "сделано", "готово", "выполнено", "исправлено", "закрыто", "зроблено", "виконано", "виправлено")

# Month names written out, by month number (French, German, Spanish, Portuguese, Russian, Ukrainian; English is parsed elsewhere).
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("janvier", "januar", "jänner", "enero", "janeiro", "января", "январь", "січня"),
    2: ("février", "fevrier", "februar", "febrero", "fevereiro", "февраля", "февраль", "лютого"),
    3: ("mars", "märz", "maerz", "marzo", "março", "marco", "марта", "март", "березня"),
    4: ("avril", "april", "abril", "апреля", "апрель", "квітня"),
    5: ("mai", "mayo", "maio", "мая", "май", "травня"),
    6: ("juin", "juni", "junio", "junho", "июня", "июнь", "червня"),
    7: ("juillet", "juli", "julio", "julho", "июля", "июль", "липня"),
    8: ("août", "aout", "august", "agosto", "августа", "август", "серпня"),
    9: ("septembre", "september", "septiembre", "setiembre", "setembro", "сентября", "сентябрь", "вересня"),
    10: ("octobre", "oktober", "octubre", "outubro", "октября", "октябрь", "жовтня"),
    11: ("novembre", "november", "noviembre", "novembro", "ноября", "ноябрь", "листопада"),
    12: ("décembre", "decembre", "dezember", "diciembre", "dezembro", "декабря", "декабрь", "грудня"),
}


# --- matching ---

CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"  # kana, CJK ideographs, Hangul: scripts written with no spaces
_CJK = re.compile(f"[{CJK_CHARS}]")
# "2.", "iv.", "b)", and a stage's number before its name: "Phase 4: Validation", "Step 3 - Verify", "Étape 2 :"
_NUMBERING = re.compile(r"^\s*(?:(?:phase|step|stage|part|étape|etape|fase|paso|passo|schritt|stufe|단계|ステップ|步骤)\s*\d+[a-z]?\s*[:.)—–-]?"
                        r"|\d+(?:\.\d+)*[.)]?|[ivx]+\.|[a-z][.)])\s+")
_PUNCT = re.compile(r"[^\w\s'&/-]")


def is_cjk(ch: str) -> bool:
    """A kana, CJK ideograph or Hangul character (labels in those scripts have no spaces)."""
    return bool(_CJK.match(ch))


_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9_+-]{2,40}:(?![\w:])")


@lru_cache(maxsize=65536)  # extraction normalises the same few headings again and again
def norm_label(text: str) -> str:
    """A label as matched: NFKC, lower case, numbering and punctuation dropped ("2. Root Cause:" -> "root cause")."""
    t = unicodedata.normalize("NFKC", (text or "").replace("\u2139", " ")).lower()  # "ℹ️" would become an "i"
    t = re.sub(r"[\u2010-\u2012]", "-", t)  # "Post‑Update" with a non-breaking hyphen is "post-update"
    t = _SHORTCODE.sub(" ", t)  # "## :memo: État": GitHub's emoji shortcode, drawn as 📝, is no word of the label
    t = t.replace("\u2019", "'")  # "Plan d’amélioration" is written with either apostrophe
    t = re.sub(r"[*`~]+|(?<!\w)_+|_+(?!\w)", "", t).replace("_", " ")  # "incident_date" -> "incident date"
    t = _NUMBERING.sub("", t)
    t = _PUNCT.sub(" ", t).replace("/", " ").replace("&", " and ")
    return re.sub(r"\s+", " ", t).strip(" -'")


# The word for the incident itself, heading a label that names one of its parts: "장애 원인 분석" is "원인 분석",
# "故障现象" is "现象", "Incident timeline" is "timeline", "障害内容" is "内容", "问题原因" (the problem's cause) is "原因".
_SUBJECT = re.compile(r"^(?:(?:incident|outage|störung|ausfall|vorfall|panne|incidente|caída|caida|fallo|falha)\s+(?:de\s+|du\s+|da\s+|do\s+)?"
                      r"|(?:장애|障害|インシデント|故障|事故|问题|問題|문제|本案|本次|此次)\s*(?:의\s*|の)?)(?=\S)", re.I)


def without_subject(label: str) -> str:
    """A normalised label less a leading word for the incident itself ("장애 타임라인" -> "타임라인"); else the label."""
    m = _SUBJECT.match(label or "")
    return label[m.end():] if m else label


def label_matches(label: str, names, not_after: tuple[str, ...] = (), prefix: bool = True) -> str | None:
    """The name in `names` that `label` (already normalised) is, or starts with as a whole word; None when none.

    "root cause analysis" is "root cause"; "decision drivers" is not "decision"
    when "drivers" is in `not_after`; a CJK name also matches as a plain prefix
    ("根本原因分析" is "根本原因"). A label that opens with the word for the incident itself
    names what follows it ("장애 원인 분석" is "원인 분석", "Incident timeline" is "timeline").
    """
    return _matched(label, names if isinstance(names, (tuple, frozenset)) else tuple(names),
                    not_after if isinstance(not_after, tuple) else tuple(not_after), prefix)


# Part names that head whatever qualifies them: "Recovery timeline", "대응 타임라인", "対応タイムライン" are timelines,
# not the recovery or the response their first word names.
HEAD_NOUNS = ("timeline", "timelines", "chronology", "타임라인", "タイムライン", "时间线", "时间轴", "時間線", "時系列", "経緯",
              "zeitleiste", "chronologie", "cronología", "cronologia", "línea de tiempo", "linha do tempo", "хронология",
              # "Root Cause Remediations", "Short-term corrective actions": what is done about it, whatever it answers
              "remediations", "action items", "corrective actions", "preventive actions", "preventative actions")
_HEAD_LATIN = re.compile(r"\s(" + "|".join(re.escape(h) for h in HEAD_NOUNS if not is_cjk(h[0])) + r")$")
_HEAD_CJK = re.compile("(" + "|".join(re.escape(h) for h in HEAD_NOUNS if is_cjk(h[0])) + r")$")


def head_noun(label: str) -> str | None:
    """The part name a longer, normalised label ends in and is ("recovery timeline" -> "timeline"), else None."""
    m = _HEAD_LATIN.search(label) or (_HEAD_CJK.search(label) if not label.isascii() else None)
    return m.group(1) if m and m.start(1) > 0 else None


@lru_cache(maxsize=65536)
def _matched(label: str, names: tuple, not_after: tuple, prefix: bool) -> str | None:
    """label_matches, remembered: extraction asks it the same headings against the same names again and again
    (a third of an incident's compile time, bench/compile.py)."""
    if (head := head_noun(label)) and label not in names:
        return _label_matches(head, names, not_after, False)  # "복구 타임라인" is a timeline, not the recovery
    hit = _label_matches(label, names, not_after, prefix)
    if hit is None and label:
        rest = without_subject(label)
        if rest != label:
            hit = _label_matches(rest, names, not_after, prefix)
    if hit is None and "-" in label and (joined := hyphen_joined(label)):  # "Root-cause hierarchy" is a root cause as "Root cause" is
        spaced, edge = joined
        hit = _matched(spaced, names, not_after, prefix)
        hit = hit if hit and len(hit) > edge else None
    if hit is None and (m := _COMPOUND_HEAD.match(label)):
        hit = _label_matches(m.group(1), names, not_after, False)  # "Backup-Überprüfung": German puts the head noun last
    if hit is None and (m := _OF_HEAD.search(label)):
        hit = _label_matches(m.group(1), names, not_after, False)  # "発生から復旧までのタイムライン": "the timeline of …"
    if hit is None and (m := _CJK_AND.search(label)):
        hit = _label_matches(label[m.end():], names, not_after, prefix)  # "用户与项目影响": the impact on users and project
    if hit is None and (m := _ASKED.match(label)) and label[m.end():]:
        hit = _matched(label[m.end():], names, not_after, prefix)  # "What was the impact identified?": the impact
    if hit is None and (m := _THE.match(label)) and label[m.end():]:
        hit = _matched(label[m.end():], names, not_after, prefix)  # "The actual fix", "Our timeline": a blog's heading
    if hit is None and (m := _QUALIFIED_HEAD.match(label)):
        hit = _label_matches(m.group(1), names, not_after, False)  # "Human prerequisites", "Operator preconditions"
    if hit is None and _AFFECTED.match(label):
        hit = _label_matches("affected", names, not_after, False)  # "Services Affected", "Users Impacted": what was hit
    if hit is None and _PLURAL.search(label):
        hit = _label_matches(label[:-1], names, not_after, False)  # "Impacts", "Verifications": the name, more than once
    if hit is None and label.endswith(("ões", "oes")):
        hit = _label_matches(label[:-3] + "ão", names, not_after, False)  # "Decisões", "Decisoes": Portuguese plurals
    if hit is None and _WHY_HEADING.match(label):
        hit = _label_matches("context", names, not_after, False)  # "Why is this decision needed?", "왜 이 결정이 필요했나"
    if hit is None and _WHAT_DECIDED.search(label):
        hit = _label_matches("decision", names, not_after, False)  # "What did we decide?", "무엇을 결정했나", "何を決めたか"
    return hit


# English puts the participle after what it qualifies in a fact sheet: "Services affected", "Users impacted".
_AFFECTED = re.compile(r"^[a-z]{3,}(?: [a-z]{3,})? (?:affected|impacted)$")


# A heading asked as "why" of a decision names its context; asked as "what did we decide", its decision.
_WHY_HEADING = re.compile(r"^(?:why|warum|wieso|pourquoi|por ?qu[ée]|perch[ée])\b|^(?:왜|なぜ|どうして|为什么|為什麼|为何)")
_WHAT_DECIDED = re.compile(r"^(?:what|which|was|qu'est-ce|que|qué|o que|cosa)\b.{0,30}\b(?:decided?|entschieden|beschlossen|décidé|decidi\w*)\b"
                           r"|^(?:무엇을|무엇이|뭘|무얼|어떤).{0,12}결정|^何を.{0,6}決|^(?:决定了什么|決定了什麼)|^做了什么决定")


# One word before a head noun that names only one part, whatever qualifies it ("Human prerequisites").
_QUALIFIED_HEAD = re.compile(r"^[a-z]{3,}\s+(prerequisites?|pre-requisites?|preconditions?)$")


# Two CJK nouns joined before the head noun they share ("用户与项目影响", "原因及对策"): the last part names it.
_CJK_AND = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])[与和及・](?=[\u3040-\u30ff\u4e00-\u9fff]{2,}$)")


# A heading asked as a question about a part: "What was the impact identified?", "What is the root cause?".
_ASKED = re.compile(r"^(?:what|which) (?:was|were|is|are) (?:the |our )?(?=\w)|^(?:what|which) (?=(?:other )?(?:alternatives|options)\b)")


# An English heading as a blog writes it: "The symptom", "The actual fix", "Our real root cause".
_THE = re.compile(r"^(?:the|our)\s+(?:(?:actual|real|true|ultimate)\s+)?|^(?:actual|real|true)\s+(?=\w)")


# Japanese and Chinese put the head noun last, after "の"/"的" ("障害の原因", "事故的时间线"): that noun names the part.
_OF_HEAD = re.compile(r"[の的]([^\x00-\x7f\s]{2,})$")
_PLURAL = re.compile(r"[a-z\u00e0-\u00ff]{3}[^\Wsui\d_]s$")  # "impacts", "conséquences"; not "status", "access", "analysis"


# A hyphenated compound of one word, its head noun last ("backup-überprüfung", "datenbank-wiederherstellung"): the head,
# when it is a long word of its own with a letter outside ASCII (German, Dutch, Nordic); English "auto-remediation" stays.
_COMPOUND_HEAD = re.compile(r"^[^\W\d_]{3,}-((?=[^\s-]*[^\x00-\x7f])[^\W\d_]{7,})$")


def hyphen_joined(label: str) -> tuple[str, int] | None:
    """A label whose words are joined by hyphens ("root-cause hierarchy"), read with spaces, and where its first
    hyphen stands: a name found in it must reach past that point ("detection-to-fix elapsed" is no "detection",
    its first word only). None when no hyphen joins two words."""
    m = re.search(r"\w-\w", label)
    return (re.sub(r"(?<=\w)-(?=\w)", " ", label), m.start() + 1) if m else None


def _label_matches(label: str, names, not_after: tuple[str, ...], prefix: bool) -> str | None:
    """The name `label` is, or opens with; accents aside ("Duracion de la sesion" is "duración")."""
    if not label:
        return None
    label = unaccented(label)
    best = best_key = None
    for a in names:
        k = unaccented(a)
        if label == k:
            return a
        if not prefix or best_key is not None and len(best_key) >= len(k):
            continue
        if label.startswith(k + " ") or label.startswith(k + ":"):
            rest = label[len(k) + 1:]
            if not any(rest == w or rest.startswith(w + " ") for w in not_after) and not _MOMENT_REST.match(rest):
                best, best_key = a, k
        elif _CJK.search(k[-1:]) and label.startswith(k) and len(label) <= len(k) + 4 and not _MOMENT_REST.match(label[len(k):]):
            best, best_key = a, k
    if best is None and prefix and _CJK.search(label[-1:]):
        for a in names:  # CJK compounds put their head last: "全体停止確認" is a 確認, "서비스 정지 확인" a 확인
            k = unaccented(a)
            if len(k) >= 2 and _CJK.search(k[0]) and k not in _GENERIC_HEADS and label.endswith(k) and len(label) <= len(k) + 4 and (
                    best_key is None or len(k) > len(best_key)) and _CJK.search(label[:-len(k)].rstrip(" ")[-1:] or "x") is not None:
                best, best_key = a, k
    return best


# What a label adds after a part's name when it names the moment of it: "Resolution time", "復旧日時" is when, not how.
_MOMENT_REST = re.compile(r"^[\s:：]*(?:time|date|datetime|timestamp|日時|時刻|日|时间|时刻|日期|일시|시각|날짜|zeitpunkt|datum|fecha|heure|horário|orario)$")


# Head words too general to name a part from the end of a compound: "其他升级说明" is notes on other upgrades, not the overview.
_GENERIC_HEADS = frozenset("说明 說明 説明 概要 概述 简介 簡介 介绍 介紹 情報 信息 内容 詳細 详情 详细 备注 備考 注意 メモ 설명 개요 내용 참고".split())


@lru_cache(maxsize=8192)
def fields(kind: str) -> dict[str, Field]:
    return VOCAB.get(kind, {})


def field(kind: str, name: str) -> Field:
    return VOCAB[kind][name]


def labels(kind: str, name: str, fallback: bool = False) -> tuple[str, ...]:
    f = VOCAB[kind][name]
    return f.fallback if fallback else f.labels


def keys(kind: str, name: str) -> tuple[str, ...]:
    """Metadata keys for a field: its own keys, else its labels."""
    f = VOCAB[kind][name]
    return f.keys or f.labels


@lru_cache(maxsize=65536)  # asked of every heading by each field's section finder
def field_of_label(kind: str, label: str) -> str | None:
    """Which field of `kind` a label names outright (longest match wins), or None."""
    n = norm_label(label)
    best, best_len = None, -1
    for f in VOCAB.get(kind, {}).values():
        hit = label_matches(n, f.labels, f.not_after)
        if hit and len(hit) > best_len:
            best, best_len = f.name, len(hit)
    return best


def column_role(header_cell: str) -> str | None:
    """The role of a table column ("time", "event", "action", "owner", "status", "key", "value")."""
    n = norm_label(header_cell)
    for role in ("time", "owner", "status", "action", "event", "key", "value"):
        if label_matches(n, COLUMNS[role]):
            return role
    return None


def column_index(header: list[str], roles: tuple[str, ...], exclude: tuple = ()) -> int | None:
    """The first column whose header has one of `roles`; else one whose header holds a role word ("Incident event")."""
    for i, h in enumerate(header):
        if i not in exclude and column_role(h) in roles:
            return i
    for i, h in enumerate(header):
        words = f" {norm_label(h)} "
        if i not in exclude and any(f" {w} " in words for r in roles for w in COLUMNS[r]):
            return i
    return None


def keyvalue_header(header: list[str]) -> bool:
    """A two-column header that says "key" then "value" in so many words ("| 항목 | 내용 |", "| Field | Value |")."""
    return len(header) == 2 and all(label_matches(norm_label(h), COLUMNS[r]) for h, r in zip(header, ("key", "value")))


def table_shape(header: list[str], first_cells: list[str] | None = None) -> str | None:
    """What a table is, read from its header alone: "timeline", "actions" or "metadata" (or None).

    A time column with an event column is a timeline in any kind of document; an
    action column with an owner or status column is a list of action items; a
    two-column table whose header is key/value (or empty) is metadata.
    """
    roles = [column_role(h) for h in header]
    if "time" in roles and any(r in ("event", "action", "key", "value") for r in roles if r != "time") or (
        roles[:1] == ["time"] and len(roles) >= 2
    ):
        return "timeline"
    if ("owner" in roles or "status" in roles) and any(r in ("action", "event") for r in roles):
        return "actions"
    if keyvalue_header(header):
        return "metadata"  # "| 항목 | 내용 |", "| Item | Details |": words that also head actions and events
    if len(header) == 2 and (roles in (["key", "value"], ["key", None], [None, "value"]) or not any(h.strip() for h in header)):
        return "metadata"
    return None


def classification_headings() -> dict[str, dict[str, float]]:
    """Heading label -> weight per kind, for classification: every label of every field that signals its kind."""
    out: dict[str, dict[str, float]] = {}
    for kind, table in VOCAB.items():
        weights: dict[str, float] = {}
        for f in table.values():
            if f.signal <= 0:
                continue
            for name in f.labels:
                weights[name] = max(weights.get(name, 0), f.signal)
            for name in f.fallback:
                weights.setdefault(name, min(f.signal, 1))
        out[kind] = weights
    return out


@lru_cache(maxsize=4096)
def names_a_part(label: str) -> bool:
    """Whether a label ("Контекст:", "2. Root cause") is the name of some kind's field: a part of a note, not a phrase."""
    return _named_in(norm_label(label), _part_labels())


@lru_cache(maxsize=4096)
def is_part_name(label: str) -> bool:
    """Whether a label is, whole and exactly, the name of some kind's part ("Kontext", "Konsequenzen", "Root cause"):
    a line holding only that is a heading written as plain text."""
    t = norm_label(label)
    return bool(t) and any(t in names for names in _part_labels())


@lru_cache(maxsize=4096)
def names_a_field(label: str) -> bool:
    """Whether a label is any field's name, fallback or key, of any kind, signalling its kind or not ("Surveillance",
    a status page's update that says a fix is being watched, names where the resolution is told)."""
    return _named_in(norm_label(label), _field_labels())


def _named_in(t: str, tables: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a normalised label is a name of one of the tables; a CJK phrase only by its whole name ("输入验证",
    validate input, is a task, not a 验证 section)."""
    if not t:
        return False
    if _CJK.search(t):
        return any(t in names for names in tables)
    return any(label_matches(t, names) for names in tables)


@lru_cache(maxsize=1)
def _field_labels() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(dict.fromkeys(n for f in table.values() for n in f.labels + f.fallback + f.keys))
                 for table in VOCAB.values())


@lru_cache(maxsize=1)
def _part_labels() -> tuple[tuple[str, ...], ...]:
    """Per kind, every label that names one of its parts (the classification table, read once)."""
    return tuple(tuple(names) for names in classification_headings().values())


# A heading that names a procedure by what it does ("## How to remove a tenant"): a runbook's title and its steps.
HOW_TO = re.compile(r"(?i)^how\s+to\s+\w+")


# --- naming another decision record ---

_RECORD_REF = re.compile(r"\bADR(?:[-\s_]?#?|#)\s?0*(\d{1,5})(?!\d)", re.I)
_NUMBERED_TITLE = re.compile(r"^\s*0*(\d{1,5})(?!\d)[.:\s]")


def record_key(ref: str) -> str:
    """The one spelling two mentions of a decision record share, for comparing them: "ADR-0009", "ADR 9",
    "ADR #0009" and a linked title "9. Use Kafka" are all "ADR-9"; a slug ("20201016-use-the-slug") stays itself.
    Fields keep the notes' own spelling; this key is only compared, never shown."""
    text = str(ref or "").strip()
    m = _RECORD_REF.search(text) or _NUMBERED_TITLE.match(text)
    return f"ADR-{int(m.group(1))}" if m else text.lower().removesuffix(".md")


def record_keys(refs) -> set[str]:
    """The records a supersedes / superseded_by list names, spelled alike ("ADR-0009" and "ADR 9" are one)."""
    return {record_key(r) for r in refs or []}


def record_refs(text: str) -> list[str]:
    """The decision records a line names with an ADR number, as written ("ADR-0009", "ADR 004", "ADR #0033")."""
    return [m.group(0) for m in _RECORD_REF.finditer(text)]


# The patterns searched over most blocks check first, on ASCII text, for a word every match needs
# (lorebook.quick_re): the same matches, without running the alternation where none of its words is.
DECISION_STATEMENT = Quick(DECISION_STATEMENT)


# A block that opens with a log line ("2022/01/26 21:47:30 juicefs[31483] <FATAL>: …", "[ERROR] …") is what a command
# printed, shown so the reader recognises it: not a command to run.
_LOG_LINE = re.compile(r"^\s*\[?(?:\d{4}[-/.]\d{2}[-/.]\d{2}[ T]\d{1,2}:\d{2}|\d{1,2}:\d{2}:\d{2}[.,]\d+"
                       r"|(?:INFO|WARN|WARNING|ERROR|FATAL|DEBUG|TRACE)\b[\]:]"
                       # an init script's status lines: " * ovn-northd is not running", " * Starting ovsdb-nb"
                       r"|\*\s+(?:[\w.-]+\s+is\s+(?:not\s+)?running\b|Starting\b|Stopping\b))")


def log_output(code: str) -> bool:
    """Does this code block's first line read as a log line rather than a command?"""
    first = next((line for line in code.split("\n") if line.strip()), "")
    return bool(_LOG_LINE.match(first))


DIAGRAM_LANGS = {"mermaid", "plantuml", "puml", "dot", "graphviz", "ditaa", "d2", "nomnoml", "svgbob"}
# A diagram's first word when its fence names no language; "gantt", "timeline" … only alone on their line
# ("timeline: 10:00 paged" opens a plain-text timeline).
_DIAGRAM_FIRST = re.compile(r"^\s*(?:flowchart\b|graph\s+(?:TD|TB|BT|LR|RL)\b|sequenceDiagram|classDiagram|stateDiagram|erDiagram"
                            r"|@startuml|digraph\b|C4Context|(?:gantt|journey|gitGraph|mindmap|timeline)[ \t]*(?:\n|$))")


def diagram(lang: str, code: str) -> bool:
    """A fenced diagram (```mermaid, ```plantuml, "flowchart LR" …) draws the system: it is no command to run."""
    info = (lang or "").split()
    return (bool(info) and info[0].lower() in DIAGRAM_LANGS) or bool(_DIAGRAM_FIRST.match(code))
