"""Word lists the verifier reads meaning from: which words say the same thing, which say the opposite.

General English as engineering notes use it, not the vocabulary of any one document. A sentence's
word that its cited lines do not contain must be one of these ways of saying what they do contain;
a word whose opposite the lines state (faster/slower, added/removed, before/after, all/some) is a
contradiction. Lists, not a model: what is not here is not accepted on trust.
"""

from __future__ import annotations

# Words of one line may stand for each other in a paraphrase ("kept" for "stored"). Each word is
# given in its plain form; inflections are matched by the verifier's stemming.
SYNONYMS = """
keep store retain hold save persist live house
maintain keep upkeep
fire trigger
watch monitor
extra additional
type enter input
part aspect
use employ utilise utilize rely adopt leverage
choose chose chosen select pick opt adopt decide
reject discard decline drop refuse rule
say state note write report mention describe suggest recommend advise propose
show indicate reveal find observe notice see
need require must depend necessary necessitate
allow let permit enable
stop halt cease end terminate shut
start begin launch kick initiate open
fix resolve repair mitigate remedy correct
recover heal subside
trace narrow pinpoint isolate
fail break crash error
happen occur take arise
cause lead trigger result produce due because
problem issue trouble difficulty bug defect fault glitch
quick fast rapid rapidly quickly swift speedy soon
slow slowly sluggish
big large huge major significant considerable substantial
small little tiny minor slight
many numerous multiple several lots lot plenty
less fewer lower
enough sufficient adequate
cost costs price pay expensive spend
cheap cheaper inexpensive
simple easy easily straightforward
hard difficult tricky complex complicated care careful
hand manual manually
check verify confirm inspect examine look review
change modify alter update switch move migrate replace convert
remove delete drop strip purge prune
add introduce include insert append
make create build generate produce
build implement develop construct
call name title label
create write author compose draft
cope deal handle manage
especially particularly notably
get obtain receive fetch gain acquire
give provide offer supply grant
send ship forward push deliver transmit
ship release distribute publish
most majority
more over above exceeding beyond
inside within in
help assist support aid
try attempt
tell inform notify
ask request
get become
reach arrive
go move head
run operate execute
team group
user customer people person
job task work duty
goal aim purpose objective
way method approach manner means mechanism
option alternative choice candidate possibility
reason cause motivation basis
result outcome consequence effect
benefit advantage gain upside pro
drawback disadvantage downside con cost bad negative
good positive
concern worry risk issue
rule policy guideline
limit restrict cap constrain bound
limited restricted constrained
own respective
particular specific certain
enough sufficiently
mainly mostly primarily largely chiefly predominantly
usually typically commonly generally normally often frequently
probably likely possibly potentially perhaps maybe may might
later eventually subsequently afterwards
previously earlier before formerly
currently today now presently
again anew
together jointly
each every
entire whole full complete
also too additionally
instead rather
like similar alike comparable
same identical
different distinct separate
because since due owing
despite although though however nevertheless
about approximately around roughly nearly almost
exactly precisely
manage handle deal
handle process
talk communicate connect
read load
write record log
expire lapse
fill populate
clean cleanup clear tidy
compare comparison
decide decision determine settle
consider evaluate weigh assess explore investigate examine option alternative candidate
plan intend
want wish desire prefer
explain describe
depend rely
contain hold include comprise
appear seem look
grow increase rise climb raise
shrink decrease reduce lower drop fall decline cut
compromise breach leak expose
leak leaked exposed
revoke rescind cancel invalidate
mock fake stub simulate
deprecate retire sunset obsolete
supersede replace succeed
node machine host server instance
cluster fleet
database datastore db store
storage store
data information
document doc file record page
message post note
file document
log logs logging
alert alarm page notification
incident outage disruption failure
outage downtime
recover recovery restore restored
back restore
service system platform
code codebase
author writer
owner responsible
sort order rank
unique distinct
identify identified recognise recognize name
identify find locate pinpoint
read view
format layout shape
creation create created
strong robust
weak fragile
reach hit attain
finish complete conclude
tie lock bind couple
exhaust deplete consume
consume use occupy take
return answer respond reply
open establish create
create establish
access reach connect talk
target destination
affect impact hit
deploy deployment release rollout ship
raise elevate
spike surge jump
unable cannot incapable
extra additional another more
guarantee ensure
prevent avoid
investigate debug troubleshoot diagnose
detect notice spot catch discover find
kind type sort category variety
render format display
discover find
reboot restart
bug defect regression
setting configuration config option parameter
request call query
swap substitute replace
revert rollback undo
primary main principal
durable persistent
short brief
ephemeral transient temporary short-lived
warn caution
risk danger hazard
threshold limit
latency delay lag
delay postpone defer
error fault
traffic load
test trial experiment
highlight emphasize emphasise stress
intend mean
indicator sign signal evidence trace
fully entirely completely wholly totally
relate tie link associate connect
org organisation organization
repo repository
config configuration
env environment
prod production
admin administrator
app application
infra infrastructure
perf performance
stats statistics
approx approximately
msg message
spec specification
dep dependency
deps dependencies
cert certificate
creds credentials
forever indefinitely endlessly
investigate look examine inspect
""".strip().splitlines()

# Groups of words that exclude each other: a sentence may not say a word of one class when its
# lines say a word of another class of the same group and none of its own.
OPPOSITES: list[list[tuple[str, ...]]] = [
    [("fast", "faster", "fastest", "quick", "quicker", "quickly", "rapid", "rapidly", "speed", "sped", "speedy", "speeds"),
     ("slow", "slower", "slowest", "slowly", "slowed", "slows", "slowing", "sluggish")],
    [("heavy", "heavier", "heaviest", "heavyweight"), ("light", "lighter", "lightest", "lightweight")],
    [("large", "larger", "largest", "big", "bigger", "biggest", "huge"), ("small", "smaller", "smallest", "tiny")],
    [("more", "greater", "extra", "higher"), ("less", "fewer", "lesser", "lower")],
    [("most", "maximum", "maximal", "majority"), ("least", "fewest", "minimum", "minimal", "minority")],
    [("high", "higher", "highest"), ("low", "lower", "lowest")],
    [("long", "longer", "longest", "lengthy"), ("short", "shorter", "shortest", "brief")],
    [("early", "earlier", "earliest"), ("late", "later", "latest")],
    [("before", "beforehand", "prior", "ahead", "preceding", "precedes", "precede", "earlier"),
     ("after", "afterwards", "afterward", "following", "follows", "subsequently", "later")],
    [("start", "started", "starts", "starting", "begin", "began", "begun", "begins"),
     ("finish", "finished", "finishes", "finishing", "ended", "ends", "complete", "completed", "completes", "completing")],
    [("open", "opened", "opens", "opening"), ("close", "closed", "closes", "closing", "shut")],
    [("start", "started", "starts", "starting", "restart", "restarted", "restarts"), ("stop", "stopped", "stops", "stopping")],
    [("add", "added", "adds", "adding", "addition", "introduce", "introduced", "introduces"),
     ("remove", "removed", "removes", "removing", "removal", "delete", "deleted", "deletes", "deleting", "drop", "dropped", "drops")],
    [("include", "included", "includes", "including", "inclusive"), ("exclude", "excluded", "excludes", "excluding", "exclusive")],
    [("gain", "gains", "gained", "win", "won"), ("lose", "loses", "lost", "loss", "losses")],
    [("save", "saves", "saved", "saving", "savings"), ("cost", "costs", "costly", "waste", "wastes", "wasted", "spend", "spends")],
    [("better", "best", "improve", "improves", "improved", "improvement"), ("worse", "worst", "worsen", "worsens", "worsened", "degrade", "degrades", "degraded", "regress", "regressed")],
    [("strong", "stronger", "strongest", "strongly"), ("weak", "weaker", "weakest", "weakly")],
    [("safe", "safer", "safest", "secure", "securely"), ("unsafe", "insecure", "risky", "riskier", "dangerous")],
    [("busy", "busier", "busiest"), ("quiet", "quieter", "quietest", "idle")],
    [("encourage", "encouraged", "encourages", "recommend", "recommended", "recommends", "advised"),
     ("discourage", "discouraged", "discourages", "against", "forbid", "forbidden", "forbids", "prohibit", "prohibited")],
    [("gradual", "gradually", "incremental", "incrementally", "progressively", "step-by-step"),
     ("sudden", "suddenly", "abrupt", "abruptly", "immediately", "instantly", "instant")],
    [("same", "identical", "unified", "unify"), ("different", "differ", "differs", "distinct")],
    [("inside", "within", "internally"), ("outside", "externally")],
    [("up",), ("down",)],
    [("often", "frequently", "usually", "typically", "commonly", "regularly", "normally"),
     ("rarely", "seldom", "occasionally", "infrequently", "sometimes")],
    [("flexible", "flexibility"), ("rigid", "inflexible", "limited")],
    [("upgrade", "upgraded", "upgrades"), ("downgrade", "downgraded", "downgrades")],
    [("import", "imported", "imports"), ("export", "exported", "exports")],
    [("input", "inputs"), ("output", "outputs")],
    [("inbound", "incoming", "ingress"), ("outbound", "outgoing", "egress")],
    [("upstream",), ("downstream",)],
    [("primary", "main", "master", "leader"), ("secondary", "replica", "follower", "standby")],
    [("read", "reads", "reading"), ("write", "writes", "writing", "wrote", "written")],
    [("push", "pushed", "pushes", "pushing"), ("pull", "pulled", "pulls", "pulling")],
    [("valid",), ("invalid",)],
    [("correct", "correctly", "right"), ("incorrect", "incorrectly", "wrong", "wrongly")],
    [("known",), ("unknown",)],
    [("stable", "stability"), ("unstable", "instability", "flaky")],
    [("available", "availability"), ("unavailable", "unavailability", "down", "outage")],
    [("healthy",), ("unhealthy", "degraded")],
    [("responsive",), ("unresponsive", "hung", "hanging")],
    [("upper",), ("lower",)],
    [("increase", "increased", "increases", "grow", "grows", "grew", "growing", "rise", "rises", "rose", "climb", "climbs", "climbed"),
     ("decrease", "decreased", "decreases", "shrink", "shrinks", "shrank", "shrunk", "shrinking", "fall", "falls", "fell", "decline", "declined",
      "drop", "drops", "dropped", "reduce", "reduces", "reduced", "reducing", "lowered", "lowers", "lowering", "down")],
    [("still", "continue", "continues", "continued", "continuing"), ("stopped", "ceased", "quit", "halted")],
    [("peak", "spike", "spikes", "spiked"), ("baseline", "normal", "usual")],
    [("new", "newer", "newest", "modern"), ("old", "older", "oldest", "legacy", "outdated")],
    [("temporary", "temporarily", "short-term"), ("permanent", "permanently", "long-term")],
    [("explicit", "explicitly"), ("implicit", "implicitly")],
    [("mandatory", "required", "compulsory"), ("optional", "voluntary")],
    [("centralised", "centralized", "centralise", "centralize", "central"), ("decentralised", "decentralized", "distributed")],
    [("horizontal", "horizontally"), ("vertical", "vertically")],
    [("hot",), ("cold",)],
    [("wide", "wider", "widest", "broad", "broader"), ("narrow", "narrower", "narrowest")],
    [("full", "fully", "complete", "completely", "entire", "entirely", "whole"), ("partial", "partially", "partly", "incomplete", "empty")],
    [("mutable",), ("immutable", "immutability")],
    [("stateful",), ("stateless",)],
    [("proprietary", "closed-source"), ("open-source",)],
    [("success", "successes", "succeed", "succeeded", "successful", "successfully", "worked"),
     ("failure", "failures", "fail", "failed", "fails", "failing", "unsuccessful")],
]

# Idioms read as the one word they mean before any rule sees the sentence: a phrase whose words are each
# weaker or other than its meaning ("right away" is neither right nor away).
IDIOMS = [
    (r"\b(?:right|straight) away\b", "immediately"),
    (r"\bas long as\b(?=\s+(?:\d|an?\b|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty))", "up to"),
    (r"\bwork(s|ed|ing)? (it|this|that|them) out\b", r"determine\1 \2"),
    (r"\bwork(s|ed|ing)? out\b", r"determine\1"),
    # "as much information as possible": the words between kept
    (r"\bas\s+(?:low|little|few|small)((?:\s+[^\W\d_]+){0,4}?)\s+as\s+possible\b", r"\1 to a minimum"),
    (r"\bas\s+(?:high|much|many|large)((?:\s+[^\W\d_]+){0,4}?)\s+as\s+possible\b", r"\1 to a maximum"),
    (r"\b(?:ran|runs?|running)\s+out\s+of\b", "exhausted"),
    (r"\bsign(s|ed|ing)?\s+((?:[^\W\d_]+\s+){0,2})(in|out)\b", r"log\1 \2\3"),  # "signs every user out" is "logs everyone out"
    (r"\bin (?:that|this|such a|which) case\b", "then"),
    (r"\bkept up[ -]to[ -]date\b", "maintained"),
    (r"\bkeep(s|ing)? up[ -]to[ -]date\b", r"maintain\1"),
]


# Quantifiers: a sentence's universal needs a universal in its lines; "only" needs a restriction there.
UNIVERSAL = {"all", "every", "each", "entire", "whole", "always", "everyone", "everybody", "everything",
             "everywhere", "any", "both"}
RESTRICTIVE = {"only", "solely", "exclusively", "alone", "sole", "merely", "purely"}
PARTIAL = {"some", "few", "several", "most", "many", "partially", "partly", "part", "majority", "minority",
           "sometimes", "occasionally", "rarely", "seldom"}

# Words that deny what follows them without "not": a sentence using one has not dropped a negation.
NEGATING_WORDS = {"stop", "stops", "stopped", "avoid", "avoids", "avoided", "prevent", "prevents", "prevented",
                  "fail", "fails", "failed", "lack", "lacks", "lacked", "refuse", "refused", "instead", "rather",
                  "impossible", "unable", "hardly", "barely", "free", "removed", "rejected", "ruled"}

# Decision words a sentence may not bring in on its own: that an option was considered, evaluated or
# shortlisted is a claim about the decision, so the lines must say it (or list "options").
DECISION_WORDS = {"considered", "consider", "considers", "evaluated", "evaluate", "evaluates", "shortlisted",
                  "weighed", "assessed", "trialled", "trialed", "piloted", "prototyped"}

# Function words that still carry a claim: checked like content words even though they are stopwords.
POLAR_FUNCTION_WORDS = (
    {"more", "less", "most", "least", "fewer", "few", "before", "after", "afterwards", "later", "earlier",
     "first", "last", "never", "always", "only", "same", "against", "instead", "rather", "over", "under",
     "above", "below", "without", "every", "all", "each", "some", "several", "many", "much", "both",
     "either", "neither", "once", "again", "still", "yet", "already", "often", "sometimes", "eventually"}
)

# The function words above that the unsupported-word rule also asks for: the others are judged by
# the opposites and quantifier rules, which know what they may stand for.
UNSUPPORTED_FUNCTION_WORDS = {"more", "less", "fewer", "most", "least", "few"}

# Prefixes that negate the word they are glued to ("non-administrators", "unresolved").
NEGATIVE_PREFIXES = ("non-", "non", "un", "in", "im", "ir", "il", "dis")

# Words that add no claim of their own: what a note is ("the decision", "the write-up", "the team"),
# and light verbs that restate a relation the lines give ("makes", "takes", "came").
LIGHT_WORDS = set(
    """decision decisions record records report reports writeup write-up document documents entry entries
    procedure procedures timeline team teams section sections page pages author authors summary drivers
    make makes made making take takes took taken taking give gives gave given giving get gets got gotten
    come comes came coming go goes went gone going keep keeps kept stay stays stayed need needs needed
    use uses used using put puts mean means meant show shows showed shown have has had do does did done
    run runs ran running there thing things part write written wrote become becomes became becoming
    out up down off back away""".split()
)
