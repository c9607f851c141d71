"""Runbook extractor: a runbook's overview, prerequisites, numbered steps and safety nets.

Runbooks are written in many shapes: a "Procedure" section with an ordered list,
"### Step 3" headings, an alert runbook's Meaning/Impact/Diagnosis/Mitigation,
or just a numbered list under a title. Steps are read from the Section/Block tree
in that order of preference, and every value cites the lines it came from.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from lorebook.quick_re import Quick
from lorebook import vocab
from lorebook.sources import parts as P
from lorebook.extract.common import (
    RecordBuilder,
    find_date,
    list_after,
    metadata,
    one_line,
    union,
)
from lorebook.model import Block, Document, Record, Section, Span, span_union
from lorebook.sources.markdown import plain
from lorebook.sources.sentences import IN_PAGE_LINK

KIND = "runbook"
KEY_FIELDS = vocab.KEY_FIELDS[KIND]
LIST_FIELDS = (
    "prerequisites", "steps", "diagnosis", "verification", "rollback_commands", "other_commands", "caveats", "contacts",
)

# Heading labels per field: read from the one field vocabulary (lorebook.vocab).
_V = vocab.RUNBOOK
PROCEDURE = _V["steps"].labels
MITIGATION = ("mitigation", "mitigations", "완화", "緩和", "缓解", "mitigación", "atténuation")
# Overview labels that name what the reader sees rather than what the runbook is for: a paragraph under the title wins.
SYMPTOMS = ("symptoms", "증상", "症状", "symptome", "síntomas", "sintomas", "symptômes")
OVERVIEW = _V["overview"].labels
PREREQS = _V["prerequisites"].labels
IMPACT = _V["impact"].labels
DIAGNOSIS = _V["diagnosis"].labels
VERIFY = _V["verification"].labels
ROLLBACK = _V["rollback"].labels
CAVEATS = _V["caveats"].labels
CONTACTS = _V["contacts"].labels
HISTORY = _V["history"].labels

# Front matter / metadata keys that name an owner or a channel to contact.
CONTACT_KEYS = _V["contacts"].keys
ACCESS_KEYS = _V["prerequisites"].keys  # a header row naming the access the runbook needs
REVIEWED_KEYS = _V["last_reviewed"].keys

# "Step 3 — Drain", "단계 2", "2단계", "1. Notify Team", "4) Verify", "2: Restore", and an outline's "1.2 Check the VPGs"
# (group 5, no number of its own: steps are then numbered by position); group 6 is the rest.
# "Step", in the languages runbooks are written in ("Крок 1: Підготовка", "Stap 2", "Etapa 3", "Bước 4", "Adım 5")
_STEP_WORDS = (r"step|단계|schritt|étape|etape|etapa|paso|passo|stap|steg|trin|krok|крок|шаг|этап|adım|adim|bước|buoc|langkah"
               r"|vaihe|lépés|ステップ|步骤|手順")
_STEP_HEADING = re.compile(
    rf"^\s*(?:(?:{_STEP_WORDS}|第)\s*(\d+)\s*(?:步骤?|歩)?\s*(?:[.):：\-–—]\s*)?|(\d+)\s*단계\s*(?:[.):：\-–—]\s*)?"
    r"|(\d{1,3})\\?[.)](?:\s+|$)|(\d{1,2})\s*[:\-–—]\s+|(\d{1,2}(?:\.\d{1,2})+)[.)]?(?:\s+|$))(.*)$",
    re.I,
)
_STEP_LABEL = re.compile(rf"^\s*(?:(?:{_STEP_WORDS})\s*\d+|第\s*\d+\s*步骤?|\d+\s*단계)\s*(?:[.):：\-–—]\s*|$)", re.I)
_BOLD_LEAD = re.compile(r"^\s*(\*\*|__)(.+?)\1(.*)$", re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`{1,3})(?!`)([^`\n]+?)\1(?!`)")  # `cmd`, or ```cmd``` written inline as some notes do
_CLI = re.compile(
    r"^(?:\$\s+\S|sudo\s+(?:-\w+\s+\S+\s+)?[\w./-]+(?:\s|$)|[\w-]+ctl\s+[a-z]|(?:sudo\s+)?(?:kubectl|k|oc|aws|gcloud|gsutil|gds|gds-cli|az|curl|wget|psql|mysql|mysqldump|"
    r"pg_dump|pg_restore|redis-cli|mongo|mongosh|helm|git|fab|make|docker|docker-compose|podman|systemctl|"
    r"journalctl|service|etcdctl|ssh|scp|rsync|python3?|pip3?|bash|sh|zsh|terraform|ansible|ansible-playbook|"
    r"npm|npx|yarn|rake|bundle|rails|cargo|tar|rm|cp|mv|ls|cat|tail|grep|export|source|dig|nslookup|openssl|"
    r"vault|consul|nomad|heroku|argocd|istioctl|crictl|ping|traceroute|mtr|nc|netstat|ss|df|du|free|ps|kill|pkill|dmesg|lsof|"
    r"nginx|apachectl|kubeadm|kind|k3s|flux|kustomize|az|doctl|railway|fly|vercel|supabase|gh|php|node|java|go|dotnet|"
    r"task|just|mage|gradle|mvn|poetry|uv|pnpm|bun|deno|cf|ibmcloud|oci|velero|restic|borg|rclone|s3cmd|mc|certbot|ufw|"
    r"iptables|nft|ip|sysctl|mount|umount|lsblk|mkfs|chmod|chown|crontab|pm2|supervisorctl|composer|wp|drush|sqlite3|"
    r"clickhouse-client|mongodump|mongorestore|influx|promtool|amtool|jq|yq|find|mkdir|ln|pg_basebackup|pg_ctl|pgbackrest|"
    r"wal-g|barman|mysqladmin|redis-server|valkey-cli|nerdctl|ctr|skopeo|buildah|packer|vagrant|pulumi|cdk|sam|serverless|"
    r"firebase|gcloud|bq|eksctl|kops|minikube|microk8s|rke2|talosctl|virsh|qm|pct|xe|zfs|zpool|btrfs|lvextend|resize2fs|"
    # package managers: "`apt install build-essential`を試す"
    r"apt|apt-get|yum|dnf|zypper|apk|pacman|brew|snap|flatpak|choco|winget|scoop|gem|conda|mamba|pipx|nix|nix-env)\s+\S"
    # "IMAGE_TAG=<new> $DC run --rm migrate": environment assignments before the program, or a program held in a variable
    r"|(?:[A-Z][A-Z0-9_]*=\S+\s+)+\S|\$\{?[A-Z][A-Z0-9_]*\}?\s+[a-z]"
    # "scripts/finops/rollback_and_tag.py rollback", "./deploy.sh prod": a script named by its path
    r"|\.{0,2}[/\\]?(?:[\w.-]+[/\\])+[\w.-]+\.(?:sh|py|rb|js|ts|pl|ps1|bash|bat|cmd)(?:\s+\S|$)"  # and Windows' ".\scripts\x.ps1"
    r"|[\w.-]+\.(?:sh|bash|ps1)\s+[\w$-]"  # "submit_job.sh 120": a shell script run with its arguments
    # a tool named with hyphens and a subcommand: "proxmox-backup-manager status", "pg-ctlcluster 15 main restart"
    r"|[a-z][a-z0-9]*(?:-[a-z0-9]+)+\s+(?:status|list|show|get|info|describe|logs?|restart|start|stop|check|verify|version|\d+\s+\w+))"
)
# A code span shaped like a command line even when the program is not in _CLI: "du -sh /data/*", "pg_ctl restart -D x".
# A whole SQL statement in a code span is something to run ("`select * from schema_migrations order by … limit 5;`").
_SQL_STATEMENT = re.compile(r"(?i)^(?:select\s.+\sfrom\s|(?:insert\s+into|delete\s+from|update\s+\S+\s+set|alter\s+table|"
                            r"create\s+(?:table|index|role|user)|drop\s+(?:table|index)|grant\s|revoke\s|truncate\s|vacuum\b|analyze\s)).*;\s*$")
_CMD_SHAPE = re.compile(r"^(?:sudo\s+)?\.?/?[a-z][\w.-]*(?:\s+[\w./:=@{}$<>\"'*~-]+)*?\s+(?:--?[A-Za-z][\w-]*|\S*/\S*|\||>)"
                        r"|^(?:sudo\s+)?(?:/[\w.+-]+){2,}(?:\s+[\w./:=@-]+)+$")  # a program by its path: "/etc/init.d/dropbear start"
_ADMONITION = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?:warning|caution|danger|important|notes?|notice|caveat|attention|주의|경고)"
    r"\b[^:\n]{0,24}?(?:\*\*|__)?\s*:",
    re.I,
)
_BEFORE_YOU_NEED = re.compile(
    # what the reader is assumed to know or have: "This guide assumes you have kubectl access", "… werden vorausgesetzt"
    r"\b(?:this (?:guide|runbook|document|procedure|page) )?assumes (?:that )?(?:you|the reader|familiarity|knowledge|basic)\b"
    r"|\b(?:wird|werden|ist|sind) (?:\w+ )?vorr?ausgesetzt\b|\bse (?:asume|supone) que\b|\bsuppose que vous\b|\bpressup[õo]e que\b|"
    r"\bbefore (?:following|starting|you (?:start|begin|run|follow|proceed)|running|proceeding|doing)\b[^.:]*?\b(?:you(?:'ll| will)? need|you must|"
    r"make sure|ensure|request)\b(?![^.]*:$)"
    # "If there are pending deployments, make sure those finish before running these steps": the whole procedure waits on it
    r"|\b(?:make sure|ensure|you(?:'ll| will)? need|you must|confirm|verify)\b[^.:]*?\bbefore (?:running|following|starting|"
    r"proceeding with|you (?:start|begin|run|follow))\s+(?:these|the following|this|the)\s+(?:steps|runbook|procedure|instructions)\b"
    # "you must first reach your server", "vous devez d'abord accéder à votre serveur", "zuerst müssen Sie …"
    r"|\byou (?:must|need to|have to|should) first\b|\b(?:vous devez|il faut) d['’]abord\b|\b(?:primero|antes) (?:debe|debes|tiene que|hay que)\b"
    r"|\b(?:zuerst|zunächst) (?:müssen|sollten) sie\b|\bprimeiro (?:deve|precisa)\b|首先(?:需要|要|必须)|まず.{0,20}必要があります"
    # "更新前请先…打快照", "请于更新前至少几小时发布更新公告", "作業前に必ず…", "업그레이드 전에 반드시 …": what must come first
    r"|\S{1,6}(?:前|之前)(?:请|需要|必须|务必)?(?:先|提前|务必)|(?:请|需|须)(?:于|在)\S{1,8}?(?:前|之前)"
    r"|\S{1,8}(?:前に|する前に)(?:必ず|まず)|\S{1,8}\s?전에\s?(?:반드시|먼저|꼭)", re.I)
_PREREQ_LEAD = re.compile(
    r"^(?:before you (?:start|begin|get started)|you(?:'ll| will)? need|prerequisites?|requirements?"
    r"|the following (?:conditions|requirements) (?:must|need to|should) be (?:met|satisfied|fulfilled)"
    # the same lead-in in the notes' language: "Voraussetzungen:", "Il faut :", "Se requiere:", "É necessário:"
    r"|voraussetzungen|folgende (?:bedingungen|voraussetzungen)|sie (?:benötigen|brauchen)|pr[ée]-?requis|il (?:vous )?faut"
    r"|vous aurez besoin|les conditions suivantes|requisitos(?: previos)?|se (?:requiere|necesita)|necesitar[áa]s"
    r"|[ée] necess[áa]rio|voc[êe] (?:vai )?precisar[áa]?|as seguintes condi[çc][õo]es"
    # what the procedure assumes is in place: "On suppose d'abord un déploiement sur les serveurs suivants :"
    r"|we assume|it is assumed|this (?:guide|runbook|procedure|document) assumes|assuming|on suppose|nous supposons"
    r"|se (?:asume|supone)|wir gehen davon aus|es wird (?:davon )?ausgegangen|pressup[õo]e-se|sup[õo]e-se)\b.*[:：]$"
    # "要导入数据，…需要满足一些条件才能成功进行导入操作：", "以下の条件を満たす必要があります：", "다음 조건을 만족해야 합니다:"
    r"|(?:需要|必须|须)满足.{0,12}条件.*[:：]$|(?:前提条件|先决条件|準備|事前準備|前提).*[:：]$|条件を満たす.*[:：]$"
    r"|(?:다음|아래)\s?조건.*[:：]$|(?:사전\s?조건|전제\s?조건|준비\s?사항).*[:：]$", re.I
)
_VERIFY_TITLE = re.compile(
    r"^(?:verify|verification|validate|validation|check that|confirm|confirmation)\b|(?:확인|검증)(?:한다|합니다|하기)?\.?$"
    r"|(?:を|が|こと(?:を)?)確認(?:する|します)?。?$|^(?:确认|验证|检查)|^(?:prüfen|überprüfen|sicherstellen),? (?:ob|dass)\b"
    r"|^(?:vérifier|vérifiez|s'assurer) (?:que|qu')|^(?:verificar|comprobar|confirmar|verifique) (?:que|se)\b"
    # a step that opens with the infinitive of checking ("5. Verificar /health/ready", "Validar recuperação com smoke",
    # "Valider le déploiement") or a "検証:" / "확인:" label
    r"|^(?:verificar|validar|comprobar|confirmar|verifique|valide|compruebe|vérifier|vérifiez|valider|validez|"
    r"überprüfen|validieren|kontrollieren|убедитесь|удостоверьтесь|проверьте)\b|^(?:検証|確認|검증|확인|验证|确认)\s*[:：]"
    # a check named by what it checks, its head noun last: "DNS validation", "HTTPS-Validierung (Client)", "Verificación de DNS"
    r"|^(?:[\w.]+[\s-]){1,2}?(?:validation|verification|validierung|verifizierung|überprüfung|validación|verificación|"
    r"vérification|validação|verificação)\b|^(?:validación|verificación|vérification|validação|verificação)\s+d"
    # "使用 `… acl list` 确认权限列表", "`kubectl get pods` で確認": the check named after the command that makes it
    r"|^(?:使用|用|通过|执行|运行)\s*\S.{0,80}?(?:确认|验证|检查)|で確認(?:する|します)?。?$"
    # a step named for the check it makes: "### 5. ヘルスチェック", "2. 動作確認", "Smoke test", "헬스 체크"
    r"|^(?:health[\s-]?checks?|smoke[\s-]?tests?|sanity[\s-]?checks?|post-?checks?)\b"
    r"|^(?:ヘルスチェック|動作確認|正常性確認|헬스\s?체크|동작\s?확인|健康检查|冒烟测试)", re.I
)
_VERIFY_SENTENCE = re.compile(
    r"^(?:verify|validate|confirm|check|make sure|ensure)\s+(?:that\b|the\b|it\b)|^(?:überprüfen sie|prüfen sie|vérifiez|verifique|確認)", re.I)
# The outcome a closing step expects: "watch the depth; it should fall below 1k", "you should see 3 replicas".
_EXPECTED = re.compile(r"\b(?:it|they|this|you|the \w+|\w+ rate|\w+ depth)\s+should\s+(?:now\s+)?(?:be|see|show|fall|drop|return|recover|"
                       r"go (?:down|back)|come back|succeed|pass|read|report|stay|settle)\b|^\s*(?:watch|wait (?:until|for))\b", re.I)
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|fig)|(?<![\w.])[A-Za-z])$", re.I)


def extract(doc: Document) -> Record:
    """Read a runbook Document into cited fields; never raises on odd shapes."""
    token = _REF_LABELS.set(_ref_labels(doc.source.text))
    try:
        return _extract(doc)
    finally:
        _REF_LABELS.reset(token)


def _extract(doc: Document) -> Record:
    b = RecordBuilder(doc, KIND)
    for name in LIST_FIELDS:
        b.set(name, [], [])
    root = doc.root
    proc = _procedure(root, doc.title or "")
    skip = [proc.section] if proc.section is not None else []
    holders = _outline_holders(root, proc.outline) if proc.section is None else []
    secs = {name: P.find_section(root, aliases, _V[name].not_after, skip) for name, aliases in _FIELD_ALIASES.items()
            if name != "rollback"}
    secs = {name: None if any(sec is h for h in holders) else sec for name, sec in secs.items()}
    # "## Контакты поддержки хостинга" and "## Контакты команды": a runbook may list whom to call in more than one place
    more_contacts = [c for c in P.find_sections(root, CONTACTS, _V["contacts"].not_after, skip)
                     if secs["contacts"] is not None and not any(c is x for x in secs["contacts"].walk())]
    rollbacks = P.find_sections(root, ROLLBACK, _V["rollback"].not_after, skip)
    playbook = any(a in (doc.title or "").lower() for a in ROLLBACK)  # a rollback playbook's every part says "rollback"
    secs["rollback"] = (rollbacks[0] if rollbacks else None) if playbook else _shallowest(rollbacks)
    ps = P.labelled_parts(doc)
    for name in ("prerequisites", "verification", "rollback", "overview", "caveats", "diagnosis", "contacts"):
        if secs[name] is None:  # "**Prerequisites:**" / "**Verify:**" / "**Rollback:**" bold leads and lead-ins
            shapes = ("bold", "leadin", "key") if name == "prerequisites" else ("bold", "leadin")  # "Prerequisites: VPN access"
            # a bold step is a step; a step's sentence that ends in a colon ("Test that the drain took effect by …:")
            # leads into its own command, it does not label the rest of the procedure
            part = next((x for x in P.labelled(ps, KIND, name, shapes=shapes)
                         if x.shape == "leadin" and not (x.blocks[0].kind == "item" and x.blocks[0].ordered and len(x.label.split()) > 3)
                         or x.blocks and x.blocks[0].kind == "paragraph"), None)
            if part is not None:
                secs[name] = _part_section(part)
    alerts = _alert_steps(root)
    if alerts:  # a file of many alerts: every alert's steps, each kept with its alert
        steps = [(dict(step, alert=name), span) for name, group in alerts for step, span in group]
    else:
        # "# Summary" heading the whole procedure ("## Stopping inbound access …" 1. 2. 3. under it): an overview with
        # sub-sections of its own does not hide them from the steps
        fields = [x for x in secs.values() if x is not None and not (x is secs["overview"] and x.children)] + more_contacts
        steps = (_front_matter_steps(doc) or proc.steps or _labelled_steps(ps, fields)
                 or _fallback_steps(root, fields, named=proc.section is not None) or _diagnosis_procedure(secs["diagnosis"]))
    _overview(b, doc, secs["overview"])
    _prerequisites(b, root, secs["prerequisites"], metadata(doc))
    if not b.fields["prerequisites"]:  # "### Pre-Restauración", "## Pré-migration": a checklist of what holds before
        pre = next((s for s in root.walk() if s is not root and s not in skip and _PRE_PART.match(plain(s.title or ""))
                    and any(blk.kind == "item" for blk in s.blocks)), None)
        if pre is not None:
            _prerequisites(b, root, pre)
    steps = _linked_sections(doc, root, steps)
    for step, span in steps:
        b.append("steps", step, span)
    _diagnosis(b, secs["diagnosis"])
    _verification(b, secs["verification"], steps)
    _check_over_code(b, root)
    if not b.fields["verification"]:
        _verification_told(b, root)
    _rollback(b, secs["rollback"], root)
    _other_commands(b, root)
    _caveats(b, root, secs["caveats"])
    _contacts(b, doc, secs["contacts"], more_contacts)
    _impact(b, secs["impact"])
    _reviewed(b, doc, secs["history"])
    return b.build(KEY_FIELDS, summary=summarize(b.fields))


_FM_STEP_KEYS = ("steps", "procedure", "passos", "pasos", "étapes", "schritte", "手順", "步骤", "단계")
_FM_TITLE_KEYS = ("title", "name", "step", "description", "desc", "action")
_FM_COMMAND_KEYS = ("command", "commands", "cmd", "query", "sql", "script", "run", "shell", "exec")


def _front_matter_steps(doc: Document) -> list[tuple[dict, Span]]:
    """A runbook written as data: front matter "steps:" as a list of mappings ("- title: Confirmar impacto",
    "  query: SELECT … FROM pg_stat_replication;"), each a step with its detail and command, cited at its lines."""
    fm, fm_span = doc.front_matter or {}, doc.front_matter_span
    items = next((fm[k] for k in fm if str(k).lower() in _FM_STEP_KEYS and isinstance(fm[k], list)), None)
    if fm_span is None or not items or len(items) < 2 or not all(isinstance(x, (dict, str)) for x in items):
        return []
    lines = doc.source.lines(fm_span.start, fm_span.end)
    out, at = [], 0
    for item in items:
        fields = {str(k).lower(): v for k, v in item.items()} if isinstance(item, dict) else {"title": item}
        title = next((str(fields[k]) for k in _FM_TITLE_KEYS if isinstance(fields.get(k), (str, int, float))), "")
        if not title.strip():
            return []
        found = next((i for i in range(at, len(lines)) if title.strip()[:40] in lines[i]), None)
        if found is None:
            return []
        at = found + 1
        commands = []
        for k in _FM_COMMAND_KEYS:
            v = fields.get(k)
            commands += [str(x).strip() for x in (v if isinstance(v, list) else [v]) if isinstance(x, (str, int)) and str(x).strip()]
        detail = " ".join(str(fields[k]) for k in ("detail", "details", "text", "notes", "note", "url")
                          if isinstance(fields.get(k), str) and str(fields[k]) != title)
        line = fm_span.start + found
        out.append((_step(None, title.strip(), detail.strip(), commands), Span(fm_span.source, line, line)))
    return _number(out)


def _alert_steps(root: Section) -> list[tuple[str, list[tuple[dict, Span]]]]:
    """Steps per alert when several sibling sections each hold their own procedure ("## DiskFull" › "### Mitigation")."""
    parent: dict[int, Section] = {}
    for s in root.walk():
        for c in s.children:
            parent[id(c)] = s
    named = [s for s in root.walk() if s is not root and s.title and _matches(s.title, PROCEDURE)]
    owners: list[Section] = []
    by_owner: dict[int, list[tuple[dict, Span]]] = {}
    for sec in named:
        owner = parent.get(id(sec))
        if owner is None or owner is root or _matches(owner.title, PROCEDURE):
            continue
        steps = _section_steps(sec)
        if not steps:
            continue
        if id(owner) not in by_owner:
            owners.append(owner)
            by_owner[id(owner)] = []
        by_owner[id(owner)].extend(steps)
    levels = {o.level for o in owners}
    if len(owners) < 2 or len(levels) != 1 or len({id(parent.get(id(o))) for o in owners}) != 1:
        return []
    return [(_plain(o.title), _number(by_owner[id(o)])) for o in owners]


def _part_section(part: P.Part) -> Section:
    """A labelled part read as a section of its own (its label as the heading, its blocks as the body)."""
    blocks = list(part.blocks)
    if part.shape == "line" and blocks:  # "Rollback" alone on the first line of a paragraph
        blocks = [Block(blocks[0].kind, blocks[0].text.split("\n", 1)[1], blocks[0].span)]
    elif part.shape == "key" and blocks:  # "Prerequisites: VPN access and the admin role": the value is the body
        blocks = [Block(blocks[0].kind, part.value, blocks[0].span)] + blocks[1:]
    elif part.shape == "bold" and blocks:
        head = blocks[0]
        rest = _BOLD_LEAD.match(head.text)
        tail = rest.group(3).lstrip(" :.-–—") if rest else ""
        blocks = ([Block(head.kind, tail, head.span, children=head.children)] if tail.strip() or head.children else []) + blocks[1:]
    return Section(part.label, 6, part.span, part.span, blocks)


def _in_sections(span: Span, sections: Iterable[Section]) -> bool:
    return any(s.extent and s.extent.start <= span.start <= s.extent.end for s in sections)


def _labelled_steps(ps: list[P.Part], fields: list[Section] = ()) -> list[tuple[dict, Span]]:
    """Steps under a bold lead or lead-in named like a procedure ("**Steps:**"), or a "- [ ]" checklist that is
    not another field's list (a "## Prerequisites" checklist is what to have, not what to do)."""
    for part in P.labelled(ps, KIND, "steps", shapes=("bold", "leadin")):
        items = [x for x in part.blocks if x.kind == "item"]
        if items:
            return _number([_list_step(it, []) for it in items])
    for part in ps:
        if part.shape == "checklist" and len(part.blocks) >= 2 and not _in_sections(part.blocks[0].span, fields):
            return _number([_list_step(it, []) for it in part.blocks])
    return []


_PRE_PART = re.compile(r"^\W*pr[eé]-(?!prod)[^\W\d_]+\W*$"  # not "Pre-production", an environment
                       # "デプロイ前チェックリスト", "배포 전 체크리스트", "部署前检查清单": the checks before the operation
                       r"|^\W*\S{1,12}前(?:の)?(?:チェックリスト|チェック|確認|準備|检查清单|检查|准备)\W*$"
                       r"|^\W*\S{1,12}\s?전\s?(?:체크리스트|점검|확인|준비)\W*$", re.I)


_FIELD_ALIASES = {
    "overview": OVERVIEW, "prerequisites": PREREQS, "impact": IMPACT, "diagnosis": DIAGNOSIS,
    "verification": VERIFY, "rollback": ROLLBACK, "caveats": CAVEATS, "contacts": CONTACTS, "history": HISTORY,
}


# --- plain text that keeps what CommonMark keeps ---

_REF_LABELS: ContextVar[frozenset] = ContextVar("_REF_LABELS", default=frozenset())
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*\S")
_SHORTCUT_REF = re.compile(r"(?<!\])\[([^\[\]]+)\](?![(\[:])")
_PLACEHOLDER = re.compile(r"<([A-Za-z_][\w-]*)>")
_HTML_TAGS = frozenset(
    "a abbr b blockquote br center cite code dd del details div dl dt em figcaption figure font h1 h2 h3 h4 h5 "
    "h6 hr i iframe img ins kbd li mark ol p picture pre q s small source span strong sub summary sup table "
    "tbody td th thead tr u ul video".split()
)


def _ref_labels(text: str) -> frozenset:
    """Labels of reference definitions ("[Redis]: https://…"), so "[Redis]" reads as "Redis"."""
    return frozenset(m.group(1).lower() for line in text.split("\n") if (m := _REF_DEF.match(line)))


def _plain(text: str) -> str:
    """plain(), but keeping snake_case words, `code_spans`, <placeholders> and [shortcut] link text intact."""
    return _plain_with(text, _REF_LABELS.get())


@lru_cache(maxsize=16384)  # the field finders read the same block texts many times over
def _plain_with(text: str, labels) -> str:
    saved: list[str] = []

    def keep(s: str) -> str:
        saved.append(s)
        return f"\x00{len(saved) - 1}\x00"

    t = re.sub(r"(`+)(.+?)\1", lambda m: keep(" ".join(m.group(2).split())), text, flags=re.S)
    t = re.sub(r"(?<=[^\W_])_+(?=[^\W_])", lambda m: keep(m.group(0)), t)
    t = _PLACEHOLDER.sub(lambda m: m.group(0) if m.group(1).lower() in _HTML_TAGS else keep(m.group(0)), t)
    if labels:
        t = _SHORTCUT_REF.sub(lambda m: m.group(1) if m.group(1).lower() in labels else m.group(0), t)
    t = _KEYCAP.sub(lambda m: (m.group(1) or "10") + ".", plain(t))  # "1️⃣ Vor dem Restore" is numbered as "1. Vor dem Restore" is
    return re.sub("\x00(\\d+)\x00", lambda m: saved[int(m.group(1))], t)


_KEYCAP = re.compile(r"^\s*(?:(\d)\ufe0f?\u20e3|\U0001f51f)")  # a keycap digit, or the keycap ten


# --- finding sections ---


def _shallowest(found: list[Section]) -> Section | None:
    """The first of the highest-level sections: "## 6. Rollback" is the runbook's rollback, "### 2.3 Revert a migration
    (rollback)" a sub-task's. Only for rollback: other fields' first section is theirs (a "### Contacts" under a step is)."""
    return min(found, key=lambda s: s.level) if found else None


# Work for after the procedure, not the procedure: "## Follow-up if fix validates", "## Next steps", "## 후속 조치".
_AFTERWARDS = re.compile(r"^(?:follow[- ]?ups?|next steps|future (?:work|improvements)|to-?do|open questions|lessons learned|"
                         r"action items|nachbereitung|nächste schritte|próximos pasos|prochaines étapes|próximos passos|"
                         r"후속|향후|今後|フォローアップ|后续|下一步)(?:\s|$)")


def _afterwards(sec: Section) -> bool:
    return bool(sec.title) and _AFTERWARDS.match(vocab.norm_label(_plain(sec.title))) is not None


def _matches(title: str, aliases) -> bool:
    return P.section_matches(Section(title, 1, None), aliases)


def _walk(sec: Section, skip: list[Section]):
    if any(sec is s for s in skip) or _afterwards(sec):
        return
    yield sec
    for c in sec.children:
        yield from _walk(c, skip)


# --- prose helpers ---


def _prose(blk: Block) -> str:
    """Plain text of a block and its nested prose (code left out: it becomes commands)."""
    if blk.kind == "code":
        return ""
    if blk.kind == "table":
        return " ".join(_prose(r) for r in blk.children)
    if blk.kind == "row":
        return " | ".join(_plain(c) for c in blk.cells)
    parts = [_plain(blk.text)] if blk.kind != "quote" else []
    parts += [_prose(c) for c in blk.children]
    return " ".join(p for p in parts if p)


def _codes(blocks: list[Block]) -> list[Block]:
    return [c for blk in blocks for c in blk.walk() if c.kind == "code" and not _no_command(c) and not vocab.diagram(c.lang, c.text)]


def _no_command(blk: Block) -> bool:
    """Code that runs nothing: what a program printed (a log), or a script's help listing its options."""
    return vocab.log_output(blk.text) or _usage_listing(blk.text)


_THRESHOLD = re.compile(r"\s[<>]=?\s*\d+(?:\.\d+)?%?\s*$")  # "outbox_dlq_total > 100": an alert's rule, not a redirect


# a console call: a name with "::" in it, or a dotted chain that ends in a call ("(…)", "!", "?"); not "config.yaml"
_CONSOLE_CALL = re.compile(r"[A-Za-z_]\w*(?:::[A-Z]\w*)+(?:\.[A-Za-z_]\w*[!?]?(?:\(.*\))?)*"
                           r"|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*[!?]?(?:\(.*\))?)*\.[A-Za-z_]\w*(?:[!?]|[!?]?\(.*\))")


def _inline_commands(blocks: list[Block]) -> list[str]:
    """Single-line `code spans` that read as shell commands ("`kubectl get pods`")."""
    out: list[str] = []
    for blk in blocks:
        for part in blk.walk():
            if part.kind in ("paragraph", "item", "row"):
                # each line of the paragraph one code span: "`SchoolYear.create!(…)`\n`WageSeeder.seed([…])`"
                alone = part.kind == "paragraph" and all(_CODE_SPAN.fullmatch(x.strip()) for x in part.text.strip().split("\n"))
                for m in _CODE_SPAN.finditer(part.text):
                    cmd = m.group(2).strip()
                    # a command set alone on its line ("`certbot renew`") reads as one even when its program is unknown,
                    # and so does a console call ("`Sync::AllClassesJob.perform_later`", "`User.find(42).lock!`")
                    shaped = (_CLI.match(cmd) or _CMD_SHAPE.match(cmd) or _SQL_STATEMENT.match(cmd)
                              or (alone and (re.fullmatch(r"[a-z][\w.-]*(?:\s+\S+)+", cmd) or _CONSOLE_CALL.fullmatch(cmd))))
                    if shaped and not _THRESHOLD.search(cmd) and cmd not in out:
                        out.append(cmd)
    return out


def first_sentence(text: str) -> tuple[str, str]:
    """Split plain text after its first sentence, ignoring "e.g." and dots inside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ".!?。" and depth == 0 and (i + 1 == len(text) or text[i + 1].isspace()):
            if ch == "." and (_ABBREV.search(text[:i]) or text[i - 1:i] == "."):  # "e.g.", an ellipsis "GRANT ... TO"
                continue
            return text[:i].strip(), text[i + 1 :].strip()
    return text.strip(), ""


def _clean_title(t: str) -> str:
    return t.strip().rstrip(".:;,。").strip()


def split_title(raw: str) -> tuple[str, str]:
    """(title, rest) of a step's own text: the bold lead, else the first sentence; "Step 2:" labels dropped."""
    m = _BOLD_LEAD.match(raw)
    if m:
        lead = _plain(m.group(2))
        rest = _plain(m.group(3)).lstrip(" :.-–—")
        if _STEP_LABEL.sub("", lead).strip(" :.-–—"):
            return _clean_title(_STEP_LABEL.sub("", lead)), rest
        raw = m.group(3)
    text = _STEP_LABEL.sub("", _plain(raw))
    title, rest = first_sentence(text)
    return _clean_title(title), rest


# --- steps ---


@dataclass
class _Procedure:
    section: Section | None = None
    steps: list[tuple[dict, Span]] = field(default_factory=list)
    outline: list[Section] = field(default_factory=list)  # the numbered headings that carry the runbook, if any


# "Rollback Steps" in a rollback runbook, "Deployment procedure" in a deployment runbook: the steps of what the
# runbook is about, though "rollback" alone would name its fallback.
_WHAT_STEPS = re.compile(r"^(?P<what>[^\W\d][\w\s/-]{1,40}?)\s+(?:steps|procedure|process|schritte|étapes|pasos|procedimiento|passos)$"
                         r"|^(?P<what2>\S{1,12})\s*(?:절차|手順|步骤)$", re.I)


def _names_the_title(title: str, doc_title: str) -> bool:
    m = _WHAT_STEPS.match(_plain(title).strip(" :"))
    what = (m.group("what") or m.group("what2")) if m else ""
    words = [w for w in re.findall(r"\w+", what.lower()) if len(w) >= 3 or not w.isascii()]
    return bool(words) and all(w in doc_title.lower() for w in words)


def _procedure(root: Section, doc_title: str = "") -> _Procedure:
    """The first section named like a procedure that yields steps; "Procedure" before "Mitigation", and both
    before "<what the runbook is about> steps"."""
    named = [s for s in root.walk() if s is not root and s.title and _matches(s.title, PROCEDURE) and not _check_after(s.title)]
    named.sort(key=lambda s: _matches(s.title, MITIGATION))  # stable: document order within each group
    named += [s for s in root.walk() if s is not root and s.title and s not in named and _names_the_title(s.title, doc_title)]
    named += [s for s in root.walk() if s is not root and s.title and s not in named and vocab.HOW_TO.match(_plain(s.title))]
    first = named[0] if named else None
    # Headings written "Step 1: …", "Step 2: …" say outright where the steps are; a "Recovery" section
    # elsewhere whose sub-headings carry no numbers does not outrank them.
    labelled = [s for s in root.walk() if s is not root and s.title and _STEP_LABEL.match(_plain(s.title))]
    outline = _outline(root)
    for sec in named:
        if any(sec is h for h in outline) and not _is_procedure_label(sec.title):
            continue  # "3.1 Daily checklist": one numbered step of the outline, not the procedure itself
        steps = _section_steps(sec)
        if steps and len(labelled) >= 2 and not _numbered_within(sec) and not any(x is sec for x in labelled):
            continue
        if steps:
            return _Procedure(sec, steps)
    if len(labelled) >= 2:  # every step heading then, "1. Check Grafana" as well as "Step 1: Scale up"
        return _Procedure(None, _number([_heading_step(c) for c in _walk_heads(root, [])]), outline)
    if outline:  # "## 1. Prepare" … "## 10. Stop and resume": the numbered headings are the steps, their lists are their detail
        return _Procedure(None, _number([_heading_step(c) for c in outline]), outline)
    return _Procedure(first, [], outline)


def _check_after(title: str) -> bool:
    """A heading the verification's labels name in full ("Checklist post-upgrade"), though it opens with a word
    a procedure is also called by ("checklist"): the checks made after the work, not the work."""
    norm = vocab.norm_label(_plain(title))
    said = vocab.label_matches(norm, _V["verification"].labels) or ""
    return len(said) > len(vocab.label_matches(norm, PROCEDURE) or "")


def _outline_holders(root: Section, outline: list[Section]) -> list[Section]:
    """The sections whose sub-headings are the numbered steps ("## Description des étapes" over "### 1 - …"): the
    procedure's own heading, whatever it is called, and so not another field's section ("description" names an overview);
    a field's section among the steps ("### 5. Verify") still is one."""
    steps = {id(h) for h in outline}
    return [s for s in root.walk() if s is not root and s.title and not _NUMBERED_TITLE.match(_plain(s.title))
            and any(id(c) in steps for c in s.children)]  # "## 4 手動再送" over "### 4.1 …" is itself a numbered part


_NUMBERED_TITLE = re.compile(r"^\W*\d+(?:\.\d+)*[.)]?\s")


def _is_procedure_label(title: str) -> bool:
    """A heading that is a procedure label and nothing more ("2. Procedure"), not one that starts with one."""
    return vocab.label_matches(vocab.norm_label(_plain(title)), PROCEDURE, prefix=False) is not None


def _outline(root: Section) -> list[Section]:
    """Numbered headings that carry the runbook ("## 1. Prepare env", "### 1.2 Check the VPGs"), when there are three or more.

    Headings that name a field ("## 2. Prerequisites", "## 5. Rollback", "## 1. Overview") are sections, not steps;
    a procedure label ("## 3. Procedure") says the steps are inside it, so no outline is read.
    """
    heads = list(_walk_heads(root, []))
    if any(_is_procedure_label(_STEP_HEADING.match(_plain(h.title)).group(6) or "") for h in heads):
        return []
    fields = [a for aliases in _FIELD_ALIASES.values() for a in aliases]
    steps = [h for h in heads if not _matches(name := _STEP_HEADING.match(_plain(h.title)).group(6) or "", fields)
             and not _DONE_ALREADY.match(vocab.norm_label(name))]
    return steps if len(steps) >= 3 else []


# A numbered heading that reports work already done ("0. 已完成的移植与补丁", "Completed so far") is no step to take.
_DONE_ALREADY = re.compile(r"^(?:已完成|已经完成|完了済み|完了した|완료된|이미 완료|already (?:done|completed)|completed (?:work|so far|items)|"
                           r"done so far|bereits erledigt|déjà fait|ya realizado|já realizado)")


def _numbered_within(sec: Section) -> bool:
    """A section whose steps are numbered: an ordered list, or "1." / "Step 1" sub-headings."""
    return bool(any(_chains(sec.blocks)) or any(_STEP_HEADING.match(_plain(c.title)) for c in sec.walk() if c is not sec))


def _section_steps(sec: Section) -> list[tuple[dict, Span]]:
    """Steps of a procedure section: its ordered list, its step sub-headings, or its code."""
    chains = [c for c in _chains(sec.blocks) if c]
    if chains:  # several numbered lists under one procedure: every step, in order
        return _number([_list_step(it, extra) for chain in chains for it, extra in chain])
    rows = _table_steps(sec.blocks)
    if rows:
        return rows
    leads = _bold_steps(sec.blocks)
    if leads:
        return leads
    ticks = _checklist_steps(sec.blocks)
    if ticks:
        return ticks
    mitigation = _matches(sec.title, MITIGATION)
    children = [c for c in sec.children if not _contents(c)]
    numbered = [c for c in children if _STEP_HEADING.match(_plain(c.title))]
    if numbered:
        return _number([_heading_step(c) for c in numbered])
    if children and not mitigation:
        return _number([_heading_step(c) for c in children])
    chunks = _chunks(sec)
    if chunks:
        return _number([_chunk_step(c) for c in chunks])
    if not mitigation or any(blk.kind == "paragraph" and _ANNOUNCES_STEPS.search(blk.text) for blk in sec.blocks):
        items = [blk for blk in sec.blocks if blk.kind == "item"]  # "the following steps can be taken to mitigate:"
        if items:
            return _number([_list_step(it, []) for it in items])
    # "## Resolutions" told as paragraphs, no list: "Check the Grafana panel …", "If the sign ups are legitimate, …"
    # (an alert runbook's "## Mitigation" prose stays advice, as the corpus's etcd runbooks write it)
    paras = [blk for blk in sec.blocks if blk.kind == "paragraph" and _prose(blk) and not _ADMONITION.match(blk.text)]
    if not mitigation and len(paras) >= 2 and len(paras) == len([b for b in sec.blocks if b.kind != "code"]):
        return _number([_list_step(p, []) for p in paras])
    return []


def _checklist_steps(blocks: list[Block]) -> list[tuple[dict, Span]]:
    """A procedure kept as task lists ("- [ ] Create a new token `pwgen 16 1`"), split by lead-ins, prose or code:
    every box ticked off in order is a step, with the code written under it. Two boxes at least."""
    steps: list[tuple[Block, list[Block]]] = []
    for blk in blocks:
        if blk.kind == "item" and blk.checked is not None:
            steps.append((blk, []))
        elif blk.kind == "code" and steps and steps[-1][0] is not None:
            steps[-1][1].append(blk)
        elif steps and blk.kind in ("paragraph", "item"):
            steps.append((None, []))  # prose between boxes: code after it is no longer the last box's
    boxes = [(it, extra) for it, extra in steps if it is not None]
    return _number([_list_step(it, extra) for it, extra in boxes]) if len(boxes) >= 2 else []


_ANNOUNCES_STEPS = re.compile(r"\b(?:the\s+following|these|next)\s+steps?\b|\bdo\s+the\s+following\b|\bnext\s+step\s+is\b", re.I)


# Header cells of a table of steps: the action column, and the column holding the command.
_ACTION_COL = ("step", "steps", "action", "actions", "task", "what", "description", "instruction", "단계", "작업", "조치", "내용",
               "手順", "作業", "操作", "内容", "步骤", "操作", "动作", "schritt", "aktion", "tätigkeit", "étape", "action", "paso",
               "acción", "passo", "ação")
_COMMAND_COL = ("command", "commands", "cmd", "명령", "명령어", "コマンド", "命令", "befehl", "commande", "comando")
# A column saying when a row's action applies: "| Cause | Action |", "| Symptom | Fix |".
_CONDITION_COL = ("cause", "symptom", "condition", "situation", "problem", "if", "when", "case", "error", "causa", "síntoma", "sintoma",
                  "situação", "situación", "problema", "cas", "ursache", "fehler", "fall", "原因", "症状", "现象", "状況", "원인", "증상", "상황")
_NUMBER_COL = ("#", "no", "nr", "n°", "step", "순서", "番号", "序号", "schritt", "étape", "paso", "passo")


def _table_steps(blocks: list[Block]) -> list[tuple[dict, Span]]:
    """A table of steps ("| Step | Action | Command |"): one step per row, its command from the command column or code spans."""
    for blk in blocks:
        if blk.kind != "table" or not blk.header:
            continue
        head = [vocab.norm_label(_plain(h)) for h in blk.header]
        act = next((i for i, h in enumerate(head) if h in _ACTION_COL and h not in _NUMBER_COL), None)
        act = act if act is not None else next((i for i, h in enumerate(head) if h in _ACTION_COL), None)
        cmd = next((i for i, h in enumerate(head) if h in _COMMAND_COL), None)
        num = next((i for i, h in enumerate(head) if h in _NUMBER_COL and i != act), None)
        when = next((i for i, h in enumerate(head) if h in _CONDITION_COL and i != act), None)
        rows = [r for r in blk.children if r.kind == "row" and r.cells]
        if act is None or len(rows) < 2 or (cmd is None and num is None and when is None):
            continue
        out = []
        for r in rows:
            cell = lambda i: r.cells[i] if i is not None and i < len(r.cells) else ""  # noqa: E731
            n = re.match(r"^\s*(\d{1,3})\b", _plain(cell(num)))
            commands = [c for c in [_plain(cell(cmd)).strip()] if c and c not in ("-", "—", "–")]
            commands += [c for c in _inline_commands([Block("row", " ".join(r.cells), r.span)]) if c not in commands]
            title, rest = split_title(cell(act))
            if when is not None and _plain(cell(when)).strip():  # "| GRANT missing | Apply a corrective migration |"
                rest = " ".join(x for x in (rest, f"({_plain(blk.header[when]).strip()}: {_plain(cell(when)).strip()})") if x)
            out.append((_step(int(n.group(1)) if n else None, title, rest, commands), r.span))
        return _number(out)
    return []


def _bold_steps(blocks: list[Block]) -> list[tuple[dict, Span]]:
    """Steps written as bold leads ("**Step 1: Renew**", "**2단계: 재시작**"), each owning the blocks up to the next one."""
    heads = [i for i, blk in enumerate(blocks)
             if blk.kind == "paragraph" and (m := _BOLD_LEAD.match(blk.text)) and _STEP_HEADING.match(_plain(m.group(2)))]
    if len(heads) < 2:
        return []
    out = []
    for k, i in enumerate(heads):
        body = blocks[i + 1 : heads[k + 1] if k + 1 < len(heads) else len(blocks)]
        lead = _BOLD_LEAD.match(blocks[i].text)
        m = _STEP_HEADING.match(_plain(lead.group(2)))
        number = int(next((g for g in m.groups()[:4] if g), 0)) or None
        tail = _plain(lead.group(3)).lstrip(" :.-–—")
        text = " ".join(t for t in [tail] + [_prose(x) for x in body] if t)
        commands = [c.text.strip() for c in _codes(body) if c.text.strip()]
        commands += [c for c in _inline_commands([blocks[i]] + body) if c not in commands]
        title = _clean_title(m.group(6))
        if not title and text:  # "**1\.** Stoppen Sie Docker …": the bold lead is only the number, the step is what follows
            title, text = split_title(text)
        out.append((_step(number, title or _plain(lead.group(2)), text, commands), union([blocks[i].span] + [x.span for x in body])))
    return _number(out)


def _fallback_steps(root: Section, fields: list[Section], named: bool = False) -> list[tuple[dict, Span]]:
    """No procedure section: the document's ordered lists, else "Step N" / "N." headings, else its action sections.

    Numbered lists that each start again at 1 under their own headings ("Prepare" 1) 2), "Restore" 1) 2))
    are one procedure told in parts: every list, in order. Otherwise the longest list.
    """
    for sec in _walk(root, fields):  # "**Step 1 — Stop kubelet:**" … "**Step 5 — …**" say outright where the steps are
        leads = _bold_steps(sec.blocks)
        if leads:
            return leads
    lists = [ch for sec in _walk(root, fields) if len(ch := _longest_chain(sec.blocks)) >= 2]
    restarts = len(lists) >= 2 and all(ch[0][0].number == 1 for ch in lists)
    best = [pair for ch in lists for pair in ch] if restarts else max(lists, key=len, default=[])
    if len(best) >= 2 and not named and len(lists) == 1:
        # "## 驱逐节点上所有容器" … "## 使用 kubectl 删除节点", six sections of commands, one of which numbers its own
        # variant ("### Containerd" 1. 2. 3.): the sections are the steps, the list is the detail of one
        actions = [x for x in _action_sections(root, fields) if not _contents(x)]
        first = best[0][0].span.start
        holder = next((x for x in actions if x.extent and x.extent.start <= first <= x.extent.end), None)
        nested = holder is not None and not any(b is best[0][0] for b in holder.blocks)  # under a sub-heading of its own
        if nested and len(actions) > len(best) and sum(
                1 for x in actions if any(b.kind == "code" for t in x.walk() for b in t.blocks)) >= len(actions) * 3 // 4:
            return _number([_heading_step(x) for x in actions])
    if len(best) >= 2:
        return _number([_list_step(it, extra) for it, extra in best])
    # commands under the title come before the sections: "Get the resource:" `oc get …`, then "### a. If …"
    lead = [_chunk_step(c) for c in _chunks(Section("", 0, None, blocks=list(root.blocks)))]
    heads = list(_walk_heads(root, fields))
    if len(heads) >= 2:
        return _number(lead + [_heading_step(s) for s in heads])
    # A section named like the procedure ("Mitigation") that gave no steps says where they would be: none are guessed.
    actions = [] if named else [s for s in _action_sections(root, fields) if not _contents(s)]
    if len(actions) >= 2:
        return _number(lead + [_heading_step(s) for s in actions])
    if len(actions) == 1 and any(b.kind == "code" for s in actions[0].walk() for b in s.blocks):
        return _section_steps(actions[0])  # "## Standard Deployment" and its commands: the one procedure there is
    return []


_NOT_ACTION = re.compile(r"^(?:references?|links?|see also|related(?: \w+)?|background|glossary|"
                         r"(?:additional |further |more )?(?:resources|reading|information)|appendix|faq|참고(?: 자료)?|参考(?:資料|资料)?|関連|相关|weiterführende links|liens|références|enlaces|referencias)$",
                         re.I)


def _action_sections(sec: Section, skip: list[Section]):
    """A runbook told only in unnumbered sections ("## Clear old logs", "## Grow the volume"): each section a step.

    Field sections (prerequisites, verification, contacts …) and reference lists are not steps; a section that only
    groups sub-sections ("## Specific actions" over "### Report it", "### Block it") gives its sub-sections.
    """
    for c in sec.children:
        if any(c is s for s in skip) or not c.title or _NOT_ACTION.match(vocab.norm_label(_plain(c.title))) or _afterwards(c):
            continue
        if c.children and not any(_prose(b) or b.kind == "code" for b in c.blocks):
            yield from _action_sections(c, skip)
        elif any(_prose(b) or b.kind == "code" for s in c.walk() for b in s.blocks):
            yield c


_CONTENTS_TITLES = {"contents", "table of contents", "toc", "inhaltsverzeichnis", "inhalt", "sommaire", "table des matières",
                    "índice", "indice", "contenido", "contenidos", "sumário", "содержание", "оглавление", "目次", "目录", "目錄",
                    "목차", "차례", "inhoudsopgave", "spis treści"}
_GLOSSARY = re.compile(r"^(?:begriffe|begriffserklärung\w*|glossar|glossary|terminology|terms|definitions|définitions|glossaire"
                       r"|terminología|glosario|glossário|глоссарий|термины|用語|术语|術語|용어)(?![\w-])")


def _contents(sec: Section) -> bool:
    """A table of contents ("## Inhaltsverzeichnis" over "- [Begriffe](#begriffe)") lists the steps, a glossary
    ("## Begriffe: Provisioning Processor …") defines their words: neither is a step."""
    title = vocab.norm_label(_plain(sec.title))
    if title in _CONTENTS_TITLES or _GLOSSARY.match(title):
        return True
    items = [b for b in sec.blocks if b.kind == "item"]
    return bool(items) and len(items) == len(sec.blocks) and all(IN_PAGE_LINK.fullmatch(b.text.strip()) for b in items)


def _walk_heads(sec: Section, skip: list[Section]):
    """Sections headed "Step N" / "N." (not descending into a step's own sub-headings)."""
    for c in sec.children:
        if any(c is s for s in skip):
            continue
        if _STEP_HEADING.match(_plain(c.title)):
            yield c
        else:
            yield from _walk_heads(c, skip)


def _chains(blocks: list[Block]) -> list[list[tuple[Block, list[Block]]]]:
    """Ordered-list runs, joining lists split by code or prose when the numbering carries on ("4)" after "3)")."""
    chains: list[list[tuple[Block, list[Block]]]] = []
    cur: list | None = None
    between: list[Block] = []
    for blk in blocks:
        if blk.kind == "item" and blk.ordered:
            last = cur[-1][0] if cur else None
            if last is not None and (blk.list_id == last.list_id or blk.number == (last.number or 0) + 1):
                cur[-1][1].extend(between)
                cur.append((blk, []))
            else:
                if cur:
                    _close(cur, between)
                cur = [(blk, [])]
                chains.append(cur)
            between = []
        elif cur is not None:
            between.append(blk)
    if cur:
        _close(cur, between)
    return chains


def _close(chain: list, trailing: list[Block]) -> None:
    """Code right after a list's last item belongs to it (written at column 0 by many authors).

    A last step that ends with a colon ("4) To fix this, we have a few options:") owns all that follows it.
    """
    if plain(chain[-1][0].text).rstrip().endswith((":", "：")):
        chain[-1][1].extend(trailing)
        return
    for blk in trailing:
        if blk.kind != "code":
            break
        chain[-1][1].append(blk)


def _longest_chain(blocks: list[Block]) -> list:
    best: list = []
    for ch in _chains(blocks):
        if len(ch) > len(best):
            best = ch
    return best


def _step(number: int | None, title: str, text: str, commands: list[str]) -> dict:
    return {"number": number, "title": title, "text": text, "commands": commands}


def _list_step(item: Block, extras: list[Block]) -> tuple[dict, Span]:
    title, rest = split_title(item.text)
    body = item.children + extras
    text = " ".join(p for p in [rest] + [_prose(c) for c in body] if p)
    commands = [c.text.strip() for c in _codes(body) if c.text.strip()]
    commands += [c for c in _inline_commands([item] + extras) if c not in commands]
    span = union([item.span] + [e.span for e in extras])
    return _step(item.number, title, text, commands), span


def _linked_sections(doc: Document, root: Section, steps: list[tuple[dict, Span]]) -> list[tuple[dict, Span]]:
    """A procedure written as a list of links to its own sections ("5. [Validate the app](#validate-the-app)"): each
    step says nothing more than its title, the section it links to says how, and that section is the step."""
    titled = {_plain(s.title).strip().lower(): s for s in root.walk() if s is not root and s.title}
    out = []
    for step, span in steps:
        target = titled.get(step["title"].strip().lower()) if not step["text"] and not step["commands"] else None
        if target is not None and target.span is not None and target.span.start != span.start \
                and "](#" in "".join(doc.source.lines(span.start, span.end)):
            linked, at = _heading_step(target)
            step = dict(linked, number=step["number"], title=step["title"])
            span = at
        out.append((step, span))
    return out


def _heading_step(sec: Section) -> tuple[dict, Span]:
    heading = _plain(sec.title)
    m = _STEP_HEADING.match(heading)
    number = int(next((g for g in m.groups()[:4] if g), 0)) or None if m else None
    title = _clean_title(m.group(6)) if m else _clean_title(heading)
    blocks = [blk for s in sec.walk() for blk in s.blocks]
    prose = [p for p in (_prose(blk) for blk in blocks) if p]
    if not title and prose:
        title, first_rest = split_title(next(blk.text for blk in blocks if _prose(blk)))
        prose = ([first_rest] if first_rest else []) + prose[1:]
    commands = [c.text.strip() for c in _codes(blocks) if c.text.strip()]
    commands += [c for c in _inline_commands(blocks) if c not in commands]
    return _step(number, title or heading, " ".join(prose), commands), sec.extent or sec.span


def _number(steps: list[tuple[dict, Span]]) -> list[tuple[dict, Span]]:
    """Keep the numbers as written when they run upward; otherwise number by position ("1. 1. 1.")."""
    nums = [s["number"] for s, _ in steps]
    if any(n is None for n in nums) or any(b <= a for a, b in zip(nums, nums[1:])):
        for i, (s, _) in enumerate(steps, 1):
            s["number"] = i
    return [(s, sp) for s, sp in steps if s["title"] or s["text"] or s["commands"]]


# --- prose + code chunks (alert runbooks' Mitigation and Diagnosis) ---


@dataclass
class _Chunk:
    heading: str
    prose: list[Block]
    code: list[Block]
    item: Block | None = None

    @property
    def span(self) -> Span | None:
        return union([b.span for b in self.prose + self.code])


def _chunks(sec: Section) -> list[_Chunk]:
    """Each code block with the prose leading up to it; list items holding code are chunks of their own."""
    out: list[_Chunk] = []
    for s in sec.walk():
        pending: list[Block] = []
        last: _Chunk | None = None
        for blk in s.blocks:
            codes = _codes(blk.children) if blk.kind == "item" else []
            if blk.kind == "code":
                if last is not None and not pending:
                    last.code.append(blk)
                else:
                    out.extend(_items_before(s, pending))  # "- Scale to 0", "- Create a debug pod:" over the pod's YAML
                    last = _Chunk(_plain(s.title), pending, [blk])
                    out.append(last)
                pending = []
            elif codes:
                out.extend(_items_before(s, pending))
                last = _Chunk(_plain(s.title), [blk], codes, item=blk)
                out.append(last)
                pending = []
            elif blk.kind in ("paragraph", "item", "quote"):
                pending.append(blk)
        if last is not None and pending and all(b.kind == "item" for b in pending):
            out.extend(_Chunk(_plain(s.title), [b], [], item=b) for b in pending)  # "- Scale back to 3" after the last command
    return out


def _items_before(s: Section, pending: list[Block]) -> list[_Chunk]:
    """Bullets of a list that a code block interrupts, all but the last (which leads into the code): steps of
    their own, taken out of `pending` — when nothing but bullets leads up to the code."""
    if len(pending) < 2 or not all(b.kind == "item" for b in pending):
        return []  # prose among them ("The label can be either …:" over its cases) reads as one lead-in
    alone, pending[:] = pending[:-1], pending[-1:]
    return [_Chunk(_plain(s.title), [b], [], item=b) for b in alone]


def _chunk_commands(ch: _Chunk) -> list[str]:
    cmds = [c.text.strip() for c in ch.code if c.text.strip() and not _no_command(c)]
    return cmds + [c for c in _inline_commands(ch.prose) if c not in cmds]


def _chunk_step(ch: _Chunk) -> tuple[dict, Span]:
    """A step from prose + code: titled by a short lead-in ("Exit debug:") or the first sentence."""
    if ch.item is not None:
        step, span = _list_step(ch.item, [c for c in ch.code if c not in _codes(ch.item.children)])
        step["number"] = None
        return step, span
    paras = [p for p in ch.prose if _prose(p)]
    if not paras:
        return _step(None, ch.heading, "", _chunk_commands(ch)), ch.span
    lead = paras[-1]
    lead_text = _prose(lead)
    short_lead = len(lead_text) <= 100 and not first_sentence(lead_text.rstrip(":"))[1]
    head = lead if short_lead else paras[0]
    title, rest = split_title(head.text)
    others = [_prose(p) for p in paras if p is not head]
    idx = paras.index(head)
    text_parts = others[:idx] + ([rest] if rest else []) + others[idx:]
    return _step(None, title, " ".join(t for t in text_parts if t), _chunk_commands(ch)), ch.span


# --- the other fields ---


def _overview(b: RecordBuilder, doc: Document, sec: Section | None) -> None:
    """The Overview/Meaning section, else the leading paragraphs before the first sub-heading.

    A "Symptoms" section is the overview only when nothing is written under the title.
    """
    blocks = []
    listed: list[Block] = []  # "Commits to deploy:" over its list, alone under the title
    for i, blk in enumerate(doc.root.blocks):
        if blk.kind in ("item", "table") or len(blocks) == 3:
            break
        if blk.kind == "paragraph" and blk.label and blk.label_shape in ("key", "bold") and _other_field(blk.label):
            continue  # "Prerequisites: VPN access" under the title is a field of its own, not the overview
        if (blk.kind == "paragraph" and blk.label and _plain(blk.text).strip(" :：") == blk.label.strip(" :：")
                and len(blk.label) <= HEADING_CHARS and not re.search(r"[，；。,;]", blk.label)):
            # a heading-like line; not a sentence that ends "…，因此这里的备份与恢复重点就是：" over its list
            if not blocks and i + 1 < len(doc.root.blocks) and doc.root.blocks[i + 1].kind == "item" \
                    and _plain(blk.text).rstrip().endswith((":", "：")) and not _other_field(blk.label):
                listed = [blk] + list(itertools.takewhile(lambda x: x.kind == "item", doc.root.blocks[i + 1:]))[:5]
            break  # "**Immediate Actions**" alone on its line is a heading: what follows is that part, not the overview
        if blk.kind == "paragraph" and _plain(blk.text) and not _ADMONITION.match(blk.text) and not _metadata_only(blk):
            blocks.append(blk)
        elif blk.kind == "quote" and _PURPOSE_LEAD.match(_prose(blk)):  # "> Goal: be able to restore by hand"
            blocks.append(blk)
        elif blk.kind == "quote" and i == 0 and _prose(blk) and not _ADMONITION.match(_prose(blk)) \
                and not re.match(r"\s*\[!", blk.text or ""):
            blocks.append(blk)  # "> Procedures for deploying and rolling back Zero Logement Vacant" under the title
    if len(blocks) > 1 and _plain(blocks[-1].text).endswith(":"):
        blocks = blocks[:-1]  # "Using kubectl:" introduces the steps; it is not the overview
    restated = [] if blocks else _restating_first_part(doc)  # "# FOG - Installation" straight over "### 🧩 FOG Project"
    blocks = blocks or restated or listed
    opens_with_table = sec is not None and bool(sec.blocks) and sec.blocks[0].kind == "table"
    if sec is not None and not (blocks and (_matches(sec.title, SYMPTOMS) or opens_with_table)):
        # "## Überblick" that opens with a schedule table: the lines under the title say what the runbook is for
        said = [blk for s in sec.walk() for blk in s.blocks if blk.kind in ("paragraph", "item", "quote")]
        if said and restated and sec is not doc.root.children[0]:
            said = [*restated, *said]  # what it is, then what it is for
        blocks = said or blocks  # a "When to use" section that is only a table leaves the lead paragraphs the overview
    parts = [(blk, _prose(blk)) for blk in blocks]
    parts = [(blk, t) for blk, t in parts if t]
    b.set("overview", " ".join(t for _, t in parts), [blk.span for blk, _ in parts])


def _restating_first_part(doc: Document) -> list:
    """The paragraphs of the first section when nothing stands under the title and that section is named after
    the runbook's own subject (a word of the title), not after a part such as "Steps"."""
    if not doc.root.children or not doc.title:
        return []
    first = doc.root.children[0]
    named = {w.lower() for w in re.findall(r"\w{3,}", first.title or "")}
    if not named & {w.lower() for w in re.findall(r"\w{3,}", doc.title)} or vocab.field_of_label(KIND, first.title or ""):
        return []
    return [blk for blk in first.blocks if blk.kind == "paragraph" and _plain(blk.text)][:2]


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")  # where one sentence of a step or paragraph ends
_CLAUSE_END = re.compile(r"(?<=[.!?。])\s+|(?<=[。！？])")  # and where a CJK one ends, with no space after it
HEADING_CHARS = 60  # a bold or lead-in line alone, this short, stands for a heading

_KEY_LINE = re.compile(r"^\s*(?:\*\*|__)?[^\W\d][\w ./()-]{0,30}?(?:\*\*|__)?\s*:(?:\*\*|__)?\s+\S")


def _metadata_only(blk) -> bool:
    """A paragraph of "**Jira:** …", "**Severity:** High", "**Executor:** Carson" lines records facts about
    the page (its tracker, owner, status), not what the runbook is for. One value written as a sentence
    ("**Fires when**: a pod has been non-Ready for 15 minutes") makes it a description."""
    lines = [ln for ln in blk.text.split("\n") if ln.strip()]
    return (len(lines) >= 2 and all(_KEY_LINE.match(ln) for ln in lines) and not _PURPOSE_LEAD.match(_plain(lines[0]))
            and not any(len(_plain(ln).split(":", 1)[-1].split()) > 5 and not _PAGE_KEY.match(_plain(ln)) for ln in lines))


# Keys that record facts about the page, however long their value ("Severity: Warning → Critical if … > 3").
_PAGE_KEY = re.compile(r"^\s*(?:severity|priority|owners?|team|status|authors?|last (?:updated|reviewed)|updated|created|date|version|"
                       r"alert(?: names?)?|alerts|dashboards?|related(?: files| docs)?|tags|services?|components?|jira|tickets?|"
                       r"executor|reviewers?|on-?call)\s*:", re.I)


def _other_field(label: str) -> bool:
    return any(_matches(label, aliases) for name, aliases in _FIELD_ALIASES.items() if name != "overview")


_PURPOSE_LEAD = re.compile(r"^\s*(?:goal|goals|purpose|aim|objective|objectif|but|objetivo|propósito|ziel|zweck|목적|목표|目的|目标|目標)\s*[:：]",
                           re.I)


def _entries(sec: Section, lead_ins: bool = True) -> list[tuple[str, Span]]:
    """One entry per paragraph, list item, quote or table row of a section (its subsections included); without
    `lead_ins`, a one-sentence paragraph that only leads into the list after it ("Vor Beginn müssen alle Punkte
    erfüllt sein:") is not an entry."""
    out = []
    for s in sec.walk():
        named = _plain(s.title or "").strip() if s is not sec else ""  # "### 备份上一版本文件和数据库" over how to do it
        for i, blk in enumerate(s.blocks):
            if not lead_ins and blk.kind == "paragraph" and i + 1 < len(s.blocks) and s.blocks[i + 1].kind == "item" \
                    and _plain(blk.text).rstrip().endswith((":", "：")) and len(_SENTENCE_END.split(_plain(blk.text))) == 1:
                continue
            rows = blk.children if blk.kind == "table" else [blk]
            for r in rows:
                if r.kind in ("paragraph", "item", "quote", "row") and _prose(r):
                    text = _with_its_command(r)
                    if named and r.kind == "paragraph" and named not in text:  # the sub-heading names the entry its prose explains
                        text = f"{named}: {text}"
                    named = ""
                    out.append((text, r.span))
    return out


def _with_its_command(blk: Block) -> str:
    """An entry's text; an item that ends "…, stop the services:" over a code block keeps the command it introduces
    ("… stop the services: `systemctl stop opensearch kafka`"), which is what the entry asks for."""
    own = _plain(blk.text).rstrip()
    codes = [c for c in blk.children if c.kind == "code" and not _no_command(c)] if blk.kind == "item" else []
    if not codes or not own.endswith((":", "：")):
        return _prose(blk)
    said = "; ".join(x.strip() for c in codes for x in c.text.strip().splitlines()[:4] if x.strip())
    rest = " ".join(_prose(c) for c in blk.children if c.kind != "code")
    return " ".join(x for x in (own, f"`{said}`", rest) if x)


def _prerequisites(b: RecordBuilder, root: Section, sec: Section | None, meta: dict | None = None) -> None:
    """A Prerequisites section, else a "Before you get started you need to know:" lead-in and its list; and what
    a header row states is needed ("| **필요 권한** | K8s cluster admin |", "Required permissions: Owner")."""
    if sec is not None:
        for text, span in _listed_first(sec, _entries(sec, lead_ins=False)):
            b.append("prerequisites", text, span)
    for key in ACCESS_KEYS if meta else ():
        m = meta.get(key)
        if m is not None and m.value.strip() and not (sec is not None and _in_sections(m.span, [sec])):
            b.append("prerequisites", m.value.strip(), m.span)
    for s in root.walk():  # "NOTE: Before following the steps below you will need to request … through PIM": wherever it is written
        for blk in s.blocks:
            if blk.kind == "paragraph":
                for sentence in re.split(r"(?<=[.!?])\s+|(?<=[。！？])", _plain(blk.text)):
                    if _BEFORE_YOU_NEED.search(sentence) and sentence not in b.fields["prerequisites"]:
                        b.append("prerequisites", sentence.strip(), blk.span)
    if sec is not None:
        return
    for s in root.walk():
        for i, blk in enumerate(s.blocks[:-1]):
            if blk.kind == "paragraph" and _PREREQ_LEAD.search(_plain(blk.text)) and s.blocks[i + 1].kind == "item":
                for item in list_after(s.blocks, i):
                    b.append("prerequisites", _prose(item), item.span)
                return


def _listed_first(sec: Section, entries: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """A section that lists what is needed (items or table rows) and then goes on in prose ("| SSH鍵 | … |" then
    "2026年6月15日、Always Free の割当が半減されました。"): the list is what is needed, the prose after it comments."""
    listed = [x.span for s in sec.walk() for blk in s.blocks if blk.kind in ("item", "table") for x in (blk.children
              if blk.kind == "table" else [blk])]
    if len(listed) < 2:
        return entries
    end = max(s.end for s in listed)
    return [(text, span) for text, span in entries if span.start <= end]


def _diagnosis_procedure(sec: Section | None) -> list[tuple[dict, Span]]:
    """An alert's runbook whose one numbered procedure is its Diagnosis ("1. Check the alert labels" … "6. Review its
    logs", then a Mitigation told as causes): those are the steps an on-call engineer follows."""
    chain = _longest_chain(sec.blocks) if sec is not None else []
    return _number([_list_step(it, extra) for it, extra in chain]) if len(chain) >= 2 and chain[0][0].ordered else []


def _diagnosis(b: RecordBuilder, sec: Section | None) -> None:
    if sec is None:
        return
    chunks = _chunks(sec)
    for ch in chunks:
        text = " ".join(t for t in (_prose(p) for p in ch.prose) if t) or ch.heading
        b.append("diagnosis", {"text": text, "commands": _chunk_commands(ch)}, ch.span)
    if not chunks:  # no code blocks: each check is a list item or paragraph ("1) Check depth: `redis-cli llen jobs`")
        for s in sec.walk():
            for blk in s.blocks:
                if blk.kind in ("item", "paragraph") and _prose(blk):
                    b.append("diagnosis", {"text": _prose(blk), "commands": _inline_commands([blk])}, blk.span)


def _verification(b: RecordBuilder, sec: Section | None, steps: list[tuple[dict, Span]]) -> None:
    """A Verification section's entries, plus later steps titled "Verify…"/"Check that…"/"Confirm…".

    The first step is left out: a leading "Confirm the regression" checks the
    precondition, it does not verify the outcome.
    """
    if sec is not None:
        for text, span in _entries(sec):
            b.append("verification", text, span)
        for code in _codes([blk for s in sec.walk() for blk in s.blocks]):
            if code.text.strip():
                b.append("verification", code.text.strip(), code.span)
    for i, (step, span) in enumerate(steps[1:], 1):
        closing = i >= len(steps) - 2 and _EXPECTED.search(step["title"] + " " + step["text"])  # "… it should fall below 1k"
        if (_VERIFY_TITLE.search(step["title"]) or closing) and step["title"] not in b.fields["verification"]:
            said = step["title"]
            if step["text"] or step["commands"]:  # "3. Verify rollback success" says how only below it
                said = f"{said}: {step['text'] or '; '.join(step['commands'])}"
            b.append("verification", said, span)
    if not b.fields["verification"]:  # "Verify that the queue drains." written as a sentence inside a step
        for step, span in steps:
            for sent in _SENTENCE_END.split(step["text"]):
                if _VERIFY_SENTENCE.match(sent) and not sent.rstrip().endswith(":"):
                    b.append("verification", sent.strip(), span)


# "Test the efficacy of that reload by checking …:", "Verify the change took effect:", "Confirm the restart worked:";
# or any check whose command is followed by what success looks like ("If the name is absent, then the reload worked.")
_CHECK_LEAD = re.compile(r"^(?:verify|confirm|validate|ensure|make sure|test|check)\b|^(?:überprüfen|prüfen),?\s+ob\b|"
                         r"^(?:vérifiez|vérifier)\s+que\b|"
                         # "Para comprobar que la API esté funcionando:", "To check that it works:", "Pour vérifier que …"
                         r"^(?:to|para|pour|per|um)\s+(?:check|verify|confirm|comprobar|verificar|vérifier|verificare|controllare|"
                         r"zu prüfen|zu überprüfen)\b", re.I)
_WORKED = re.compile(r"\b(?:efficacy|took effect|takes effect|has taken effect|worked|succeeded|was successful|is successful|"
                     r"is working|works|is up|funcionando|funciona|fonctionne|funktioniert|läuft|in esecuzione|работает)\b", re.I)


def _check_over_code(b: RecordBuilder, root: Section) -> None:
    """A line that says to check that an action worked, ending in a colon over the command that checks it, wherever
    it is ("1. Test the efficacy of that reload by checking for the node name: `dig @127.0.0.1 …`"): that command
    verifies. A check with no word of success ("Validate that etcdctl is available:") is a step's precondition."""
    blocks = list(root.all_blocks())
    for i, blk in enumerate(blocks[:-1]):
        if blk.kind not in ("paragraph", "item") or blocks[i + 1].kind != "code":
            continue
        text, code = _plain(blk.text).strip(), blocks[i + 1].text.strip()
        if not (text.endswith((":", "：")) and _CHECK_LEAD.match(text) and code) or code in b.fields["verification"]:
            continue
        after = _plain(blocks[i + 2].text) if i + 2 < len(blocks) and blocks[i + 2].kind == "paragraph" else ""
        if _WORKED.search(text) or _WORKED.search(after):
            b.append("verification", code, blocks[i + 1].span)


def _verification_told(b: RecordBuilder, root: Section) -> None:
    """With no Verification section or step: how the notes say to tell it worked, in prose. "Once the restore has
    finished, confirm the new instance matches …", "Once the queue lengths have reached 0 the system has returned to
    normal operation", "the expected result should be as follows:" over the output, "… and verify revocation"."""
    blocks = list(root.all_blocks())
    for i, blk in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if blk.kind == "code" and nxt is not None and nxt.kind == "paragraph" and _PRINTS.search(nxt.text) \
                and len(_plain(nxt.text).split()) <= 25 and blk.text.strip():
            # "kikimr cms request restart … --dry" then "При разрешение выведет `ALLOW`.": the command and what it prints
            b.append("verification", f"{blk.text.strip()} — {_plain(nxt.text).strip()}", span_union([blk.span, nxt.span]))
            continue
        if blk.kind not in ("paragraph", "item"):
            continue
        text = _plain(blk.text)
        if _EXPECTED_OUTPUT.search(text) and text.rstrip().endswith(":"):
            shown = next((x for x in blocks[i + 1:i + 3] if x.kind in ("code", "paragraph")), None)
            if shown is not None and (shown.kind == "code" or shown.text.strip().startswith("`")):
                b.append("verification", shown.text.strip().strip("`").strip(), shown.span)
                continue
        for sent in _SENTENCE_END.split(text):
            m = _TOLD_CHECK.search(sent)
            if m and not (m.group("clause") and _PURPOSE.match(sent)):  # "To rule out a slow disk and confirm …" diagnoses
                said = (m.group("clause") or sent).strip().rstrip(".")
                if said.endswith((":", "：")) and nxt is not None and nxt.kind == "code" and nxt.text.strip():
                    # "执行完后，确认 Docker 中已经载入以下镜像：" over `docker image ls`: the check is the command below
                    b.append("verification", f"{said} {nxt.text.strip()}", span_union([blk.span, nxt.span]))
                else:
                    b.append("verification", said, blk.span)


# A line after a command that says what it prints when all is well: "it prints `ALLOW`", "should return `OK`",
# "выведет `ALLOW`", "gibt `OK` aus", "affiche `OK`", "devuelve `OK`", "会输出 `OK`", "`OK`と表示される".
_PRINTS = re.compile(r"(?:\b(?:prints?|outputs?|returns?|shows?|displays?|reports?|answers?|responds?(?: with)?|should (?:print|output|return|show|say|read))"
                     r"|\b(?:выведет|выводит|вернёт|вернет|возвращает|покажет|отобразит|должн\w+ (?:вывести|вернуть|показать))"
                     r"|\b(?:gibt|liefert|zeigt)\b|\b(?:affiche|renvoie|retourne)\b|\b(?:devuelve|muestra|imprime|retorna|exibe|mostra)\b"
                     r"|输出|返回|显示|表示され|出力され|返され|출력|반환)[^`]{0,40}`[^`]+`")


# "Once the restore has finished, confirm …", "… has returned to normal operation", "… and verify revocation",
# "执行完毕可以…检查备份情况", "完了後に…確認": a check the prose tells, not one a heading names.
_TOLD_CHECK = re.compile(
    r"^(?:once|when|after)\b[^,.]{3,120}\b(?:finished|completed?|done|resolved|applied|succeeded|over)\s*,\s*"
    r"(?:confirm|verify|check|ensure|make sure)\b"
    r"|\b(?:has|have)\s+(?:returned|gone back|come back)\s+to\s+normal\b|\bis\s+back\s+to\s+normal\b"
    r"|\b(?:and|then)\s+(?P<clause>(?:verify|confirm)\s+(?:that\s+)?[^,.;]{3,80})"
    r"|(?:执行完毕|执行完成|执行完后|执行后|运行后|完成后|完了後|実行後|완료\s?후|실행\s?후)[^。]{0,60}(?:检查|确认|验证|確認|확인)",
    re.I,
)
_PURPOSE = re.compile(r"^\s*(?:to|in order to|if|whether)\b", re.I)
_EXPECTED_OUTPUT = re.compile(r"\bexpected\s+(?:result|output|response)\b|\bshould\s+(?:produce|print|output|return)\b", re.I)


def _rollback(b: RecordBuilder, sec: Section | None, root: Section) -> None:
    if sec is None:  # "If it doesn't recover, roll back the last deploy with `argocd app rollback export`."
        told = _rollback_sentence(root)
        b.set("rollback", told[0] if told else None, [told[1].span] if told else [])
        for cmd, span in told[2] if told else []:
            b.append("rollback_commands", cmd, span)
        return
    entries = _entries(sec)
    b.set("rollback", " ".join(t for t, _ in entries) or None, [s for _, s in entries])
    blocks = [blk for s in sec.walk() for blk in s.blocks]
    for code in _codes(blocks):
        if code.text.strip():
            b.append("rollback_commands", code.text.strip(), code.span)
    for cmd in _inline_commands(blocks):
        if cmd not in b.fields["rollback_commands"]:
            b.append("rollback_commands", cmd, union([blk.span for blk in blocks]))


_ROLLBACK_SENTENCE = re.compile(r"\b(?:roll(?:ing)?[\s-]?back|revert(?:ing)?|undo(?:ing)?)\b|롤백|ロールバック|切り戻|回滚|zurückrollen|annuler", re.I)


# Fences that hold something to run; a fence naming another language (yaml, json, python …) holds a file, not a command.
_SHELL_LANGS = frozenset(("bash", "sh", "shell", "zsh", "fish", "console", "shell-session", "shellsession", "sh-session",
                          "powershell", "pwsh", "ps1", "ps", "cmd", "bat", "batch", "sql", "psql", "mysql", "plpgsql", "tsql", "redis"))
_BARE_LANGS = frozenset(("", "text", "txt", "plaintext", "plain", "none", "terminal"))
_OTHER_COMMANDS_MAX = 30


_OPTION_LINE = re.compile(r"^(?:\[-{1,2}\w|-{1,2}\w[\w-]*(?:[ =][A-Z_<{][\w<>{}-]*)?\s{2,}\S|usage:)", re.I)


def _usage_listing(text: str) -> bool:
    """A script's help, "[-h] Mostrar la ayuda / [--site_host SITE_HOST] …" or "usage: update.py [-h]": what its
    options mean, no command to run."""
    lines = [x.strip() for x in text.split("\n") if x.strip() and not x.strip().startswith("#")]
    options = sum(1 for x in lines if _OPTION_LINE.match(x))
    return bool(lines) and options >= 2 and options * 3 >= len(lines)


def _runs_something(code: Block) -> bool:
    """Does this fence hold commands? Its language says so, or (naming none) one of its lines reads as a command."""
    info = (code.lang or "").split()
    lang = info[0].lower() if info else ""
    if lang in _SHELL_LANGS:
        return True
    if lang not in _BARE_LANGS:
        return False
    for line in code.text.split("\n"):
        line = re.sub(r"^\s*[$#>]\s+", "", line).strip() if not line.lstrip().startswith("#!") else ""
        if line and (_CLI.match(line) or _CMD_SHAPE.match(line) or _SQL_STATEMENT.match(line)):
            return True
    return False


def _other_commands(b: RecordBuilder, root: Section) -> None:
    """The commands a runbook gives outside the procedure its steps come from ("## Einrichtung", "## Restore a single
    database"): a reader looking for how to run any part of it finds them all, each under the heading it sits in."""
    used = [c for s in b.fields["steps"] for c in s.get("commands") or []]
    used += [c for d in b.fields["diagnosis"] for c in d.get("commands") or []]
    used += list(b.fields["rollback_commands"]) + [str(v) for v in b.fields["verification"]]
    taken = 0
    for sec in root.walk():
        codes = [c for blk in sec.blocks for c in blk.walk() if c.kind == "code" and c.text.strip()
                 and not _no_command(c) and not vocab.diagram(c.lang, c.text) and _runs_something(c)]
        fresh = [(c.text.strip(), c.span) for c in codes if not any(c.text.strip() in u for u in used)]
        # and those named in its prose: "Execute `terraform -chdir=iac destroy`.", "* `sudo shutdown now`"
        for blk in sec.blocks:
            for cmd in _inline_commands([blk]):
                if not any(cmd in u for u in used) and cmd not in (t for t, _ in fresh):
                    fresh.append((cmd, blk.span))
        fresh = fresh[: max(0, _OTHER_COMMANDS_MAX - taken)]
        if not fresh:
            continue
        taken += len(fresh)
        title = _plain(sec.title or "") or _plain(b.doc.title or "")
        for cmd, span in sorted(fresh, key=lambda x: x[1].start):
            b.append("other_commands", {"section": title, "command": cmd}, span)
            used.append(cmd)


def _rollback_sentence(root: Section) -> tuple[str, Block, list[tuple[str, Span]]] | None:
    """With no Rollback section: the sentence of a paragraph (not a step) that says how to roll back with a command,
    or a short line that says it over the code block that does it ("Reverting to a previous deployment" + ```kamal rollback```);
    with the commands and where they are."""
    for blk in root.all_blocks():
        if blk.kind != "paragraph" or not _CODE_SPAN.search(blk.text):
            continue
        for sent in _SENTENCE_END.split(_plain(blk.text)):
            if _ROLLBACK_SENTENCE.search(sent) and _inline_commands([blk]):
                return sent.strip(), blk, [(c, blk.span) for c in _inline_commands([blk])]
    for sec in root.walk():
        for blk, nxt in zip(sec.blocks, sec.blocks[1:]):
            said = _plain(blk.text)
            if (blk.kind == "paragraph" and nxt.kind == "code" and nxt.text.strip() and len(said.split()) <= 12
                    and _ROLLBACK_SENTENCE.search(said)):
                return said.rstrip(":："), blk, [(nxt.text.strip(), nxt.span)]
    for blk in root.all_blocks():  # "3. **Se urgente, rollback**:" over the ```git revert <sha>``` that does it
        head = _plain(blk.text.split("\n")[0]) if blk.kind == "item" else ""
        codes = [c for c in blk.children if c.kind == "code" and c.text.strip() and not _no_command(c)] if head else []
        if codes and len(head.split()) <= 12 and _ROLLBACK_SENTENCE.search(head):
            return head.strip().rstrip(":："), blk, [(c.text.strip(), c.span) for c in codes]
    for blk in root.all_blocks():  # "Pour revenir à une version antérieure, lancer le workflow Release à la main …"
        if blk.kind == "paragraph":
            for sent in _SENTENCE_END.split(_plain(blk.text)):
                if _BACK_TO_EARLIER.search(sent) and len(sent.split()) >= 6:
                    return sent.strip(), blk, [(c, blk.span) for c in _inline_commands([blk])]
    for blk in root.all_blocks():  # "Use the [rollback checklist](…) when the current image cannot pass smoke."
        if blk.kind == "paragraph":
            for sent in _SENTENCE_END.split(_plain(blk.text)):
                if _ROLLBACK_POINTER.search(sent):
                    return sent.strip(), blk, []
    return None


# A sentence that says how to go back to an earlier release, in so many words, in the languages runbooks are written in
_BACK_TO_EARLIER = re.compile(
    r"^\W*(?:to|in order to)\s+(?:roll\s*back|revert|go back|return)\s+to\s+(?:a|an|the)\s+(?:previous|earlier|older|prior|last good)\b"
    r"|^\W*(?:pour|afin de)\s+(?:revenir|retourner)\s+à\s+(?:une|la)\s+(?:version|release)\s+(?:antérieure|précédente)"
    r"|^\W*para\s+(?:volver|regresar|voltar|retornar)\s+a\s+(?:una|la|uma)\s+(?:versión|versão|release)\s+(?:anterior|previa)"
    r"|^\W*um\s+(?:auf|zu)\s+(?:eine|die)\s+(?:frühere|vorherige|ältere)\s+(?:version|release)"
    r"|^\W*per\s+(?:tornare|ritornare)\s+a\s+(?:una|la)\s+(?:versione|release)\s+(?:precedente|anteriore)"
    r"|^\W*om\s+(?:terug te gaan naar|terug te keren naar)\s+(?:een|de)\s+(?:eerdere|vorige)\s+versie"
    r"|(?:前|以前|旧)の(?:バージョン|リリース)に戻す(?:には|場合)|(?:回滚|回退|恢复)到(?:之前|上一个?|旧)的?版本|이전 버전으로 (?:되돌리|롤백하)",
    re.I)


# A sentence that sends the reader to the rollback procedure kept elsewhere.
_ROLLBACK_POINTER = re.compile(
    r"\b(?:use|follow|see|consult|apply|run\s+through)\s+(?:the|our|this|that)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:roll(?:ing)?[\s-]?back|revert)\s+(?:checklist|procedure|plan|runbook|playbook|guide|steps|process)\b", re.I)


def _caveats(b: RecordBuilder, root: Section, sec: Section | None) -> None:
    """Blockquotes and "**Warning:**" paragraphs anywhere, plus a Caveats/Troubleshooting section's entries."""
    seen: set[Span] = set(b.citations.get("overview") or [])  # "> Goal: …" under the title is what it is for, no caveat
    if sec is not None:
        for text, span in _entries(sec):
            seen.add(span)
            b.append("caveats", text, span)
    for blk in root.all_blocks():
        if blk.span in seen:
            continue
        if blk.kind == "quote" or (blk.kind == "paragraph" and _ADMONITION.match(blk.text)):
            text = _prose(blk)
            if text:
                seen.add(blk.span)
                b.append("caveats", text, blk.span)


def _contacts(b: RecordBuilder, doc: Document, sec: Section | None, more: list[Section] = ()) -> None:
    """A Contacts/Escalation section's entries and owner channels from front matter ("owner_slack").

    The owner channel is whom to ask about the runbook, so it is a contact; it is also kept apart as `owner`,
    because it says who owns the page, not whom to escalate to: `escalation` holds only what the runbook
    states beyond its owner.
    """
    meta = metadata(doc)
    parts = ([sec] if sec is not None else []) + list(more)
    b.set("owner", [], [])
    for key in CONTACT_KEYS:
        m = meta.get(key)
        if m is None or not m.value.strip():
            continue
        if _in_sections(m.span, parts):
            continue  # the section's own "Escalation: …" line, read below
        b.append("contacts", m.value.strip(), m.span)
        if key in OWNER_KEYS and m.span.start <= _front_matter_end(doc):
            b.append("owner", m.value.strip(), m.span)
    if not b.fields["owner"]:
        _maintainer_line(doc, b)
    for part in parts:
        for text, span in _contact_entries(part):
            if text not in b.fields["contacts"]:
                b.append("contacts", text, span)
    if not [c for c in b.fields["contacts"] if c not in b.fields["owner"]]:  # no Contacts section: the sentences that tell you whom to contact or page
        blocks = list(doc.root.all_blocks())
        for i, blk in enumerate(blocks):
            if blk.kind == "paragraph" and _CANNOT_RESOLVE.search(blk.text) and blk.text.rstrip().endswith(":"):
                # "If you cannot resolve the issue, see the following resources:" over a list of people or channels
                for item in itertools.takewhile(lambda x: x.kind == "item", blocks[i + 1:]):
                    text = _plain(item.text).strip()
                    if text and text not in b.fields["contacts"]:
                        b.append("contacts", text, item.span)
                continue
            if blk.kind not in ("paragraph", "item"):
                continue
            for sentence in _CLAUSE_END.split(_plain(blk.text.split("\n\n")[0])):
                if _CONTACT_SENTENCE.search(sentence) and sentence not in b.fields["contacts"]:
                    b.append("contacts", sentence.strip(), blk.span)
    owners = b.fields["owner"]
    escalation = [(c, s) for c, s in zip(b.fields["contacts"], b.citations["contacts"]) if c not in owners]
    b.set("escalation", [c for c, _ in escalation], [s for _, s in escalation])


OWNER_KEYS = ("owner_slack", "owner", "team")


def _maintainer_line(doc: Document, b: RecordBuilder) -> None:
    """A "Maintainer: …" line anywhere (runbooks sign off at the bottom as often as at the top): the owner, unless
    the value is a template's placeholder ("[Nombre]")."""
    for blk in doc.root.all_blocks():
        if blk.kind not in ("paragraph", "item"):
            continue
        for i, line in enumerate(blk.text.split("\n")):
            for lab, value in P.line_pairs(line):
                value = _plain(value).strip()
                if value and not value.startswith(("[", "<", "{")) and vocab.label_matches(vocab.norm_label(lab), vocab.MAINTAINER_LABELS, prefix=False):
                    b.append("owner", value, P.line_span(blk, i))
                    return


def _front_matter_end(doc: Document) -> int:
    fm = doc.front_matter_span
    return fm.end if fm is not None else 0


def _contact_entries(sec: Section) -> list[tuple[str, Span]]:
    """A Contacts section's entries, its table rows read as a person would say them.

    "| 1 | On-call SRE | #sre-oncall |" under "Level | Who | Channel" reads "Level 1: On-call SRE, Channel: #sre-oncall";
    a row naming a role with no contact filled in ("| 2nd line | | |") states nobody and is left out.
    """
    out = []
    for s in sec.walk():
        for blk in s.blocks:
            if blk.kind != "table":
                out += [(_prose(blk), blk.span)] if blk.kind in ("paragraph", "item", "quote") and _prose(blk) else []
                continue
            for row in blk.children:
                text = _readable_row(row)
                if text:  # cited with the header line its words come from
                    out.append((text, union([Span(blk.span.source, blk.span.start, blk.span.start), row.span])))
    return out


def _readable_row(row: Block) -> str:
    cells = [_plain(c) for c in row.cells]
    head = [_plain(h) for h in row.header] + [""] * len(cells)
    filled = [(h, c) for h, c in zip(head, cells) if c]
    if len(filled) < 2 and len(cells) > 1:
        return ""
    lead = ""
    if filled and re.fullmatch(r"\d+|[A-Za-z]?\d+[a-z]*|L\d", filled[0][1]) and filled[0][0]:
        lead = f"{filled[0][0]} {filled[0][1]}: "  # "Level 1: …"
        filled = filled[1:]
    parts = [c if i == 0 or not h else f"{h}: {c}" for i, (h, c) in enumerate(filled)]
    return lead + ", ".join(parts)


# "Contact the Runner team …", "You will need to contact Microsoft support", "escalate to the platform manager".
_CANNOT_RESOLVE = re.compile(
    r"\bif (?:you|we) (?:cannot|can'?t|are unable to|could not|still cannot) (?:resolve|fix|solve|mitigate)\b"
    r"|\bif (?:the )?(?:issue|problem|alert) (?:persists|continues|is not resolved)\b|\bif (?:this|that|it) (?:does not|doesn'?t) (?:help|work)\b",
    re.I,
)


_CONTACT_SENTENCE = re.compile(
    r"(?:^|\b(?:need to|should|must|please|then|and|or|,)\s+)(?:contact|page|notify|escalate\s+(?:this\s+)?to|reach out to)\s+"
    r"(?!(?:the\s+)?(?:users?|customers?)\b|\d)\S"
    r"|\bescal(?:ar|ate|e)\b.{0,30}\b(?:para|to|an|à)\b|エスカレーション|에스컬레이션|升级给"
    r"|\b(?:require|need)s?\s+(?:assistance|help|support)\s+from\s+(?:the\s+)?[A-Z]"  # "… require assistance from the AWS Shield Response Team"
    # "…サポートチームにご連絡ください", "请联系运维", "담당자에게 문의하세요", "contactez le support", "wenden Sie sich an …"
    r"|(?:ご連絡|お問い合わせ|に連絡して|へ連絡して)ください|请联系|請聯繫|请联络|(?:에게|으로|로)\s*(?:문의|연락)(?:하|해)"
    r"|\b(?:contactez|contacte[rz]?\s+(?:le|la|les|l'|votre|notre|a|al|con|o|os)|kontaktieren\s+Sie|wenden\s+Sie\s+sich\s+an"
    r"|entre\s+em\s+contato|entre\s+en\s+contacto|p[óo]ngase\s+en\s+contacto|обратитесь\s+к|свяжитесь\s+с)\b",
    re.I,
)


def _impact(b: RecordBuilder, sec: Section | None) -> None:
    entries = _entries(sec) if sec is not None else []
    b.set("impact", " ".join(t for t, _ in entries), [s for _, s in entries])


def _reviewed(b: RecordBuilder, doc: Document, history: Section | None) -> None:
    """last_reviewed from front matter (last_reviewed_on), else the latest date in a History section."""
    meta = metadata(doc)
    fm = doc.front_matter or {}
    reviewed, spans = None, []
    for key in REVIEWED_KEYS:
        val = fm.get(key) if key in fm else (meta[key].value if key in meta else None)
        iso = val.isoformat()[:10] if isinstance(val, (dt.date, dt.datetime)) else find_date(str(val or ""))
        if iso:
            reviewed, spans = iso, [meta[key].span] if key in meta else []
            break
    if reviewed is None and history is not None:
        dated = [(find_date(t), s) for t, s in _entries(history)]
        dated = [(d, s) for d, s in dated if d]
        if dated:
            reviewed, span = max(dated, key=lambda x: x[0])
            spans = [span]
    b.set("last_reviewed", reviewed, spans)
    review = meta.get("review_in")
    b.set("review_in", review.value if review else None, [review.span] if review else [])


# --- summary ---


def summarize(fields: dict) -> str:
    """ "5-step procedure: confirm the regression, find the last green pipeline, …" or the overview's first line."""
    steps = fields.get("steps") or []
    if not steps:
        return one_line(fields.get("overview") or "", 100)
    head = f"{len(steps)}-step procedure: "
    titles = [_lower_first(s["title"]) for s in steps if s["title"]]
    out = head
    for i, t in enumerate(titles):
        sep = "" if out == head else ", "
        more = i < len(titles) - 1
        if len(out + sep + t + (", …" if more else "")) <= 100:
            out += sep + t
            continue
        if out == head:  # even the first title is too long: cut it at a word boundary
            return (out + t)[:99].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return out + ", …"
    return out.rstrip(": ")


def _lower_first(title: str) -> str:
    word = title.split(" ", 1)[0]
    if len(word) > 1 and word.isupper():  # "SSH into the node" keeps its acronym
        return title
    return title[:1].lower() + title[1:]


# The patterns searched over most blocks check first, on ASCII text, for a word every match needs
# (lorebook.quick_re): the same matches, without running the alternation where none of its words is.
_CONTACT_SENTENCE, _TOLD_CHECK, _BEFORE_YOU_NEED = (
    Quick(_CONTACT_SENTENCE), Quick(_TOLD_CHECK), Quick(_BEFORE_YOU_NEED))
