"""The phrases that mark how a sentence speaks: plans, denials, hedges, frames and boilerplate.

Data in the form of regular expressions, matched on folded text (lower case, hyphens and dashes as
spaces); ``language`` decides with them. Each family says in a comment what it catches and, where
it matters, what it must not ("Call every detractor" is a handbook's process, not a plan).
"""

from __future__ import annotations

import re


def phrases(*alternatives: str) -> re.Pattern[str]:
    """One pattern for all the alternatives, each matched as whole words."""
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w])")


# -- denials -------------------------------------------------------------------------------------

# Cues that deny what follows them closely: "we don't have a CRM", "rarely reference customer values".
NEGATION = phrases(
    r"no", r"not", r"never", r"rarely", r"seldom", r"hardly ever", r"years away from", r"none", r"nobody", r"no one",
    r"nothing", r"neither", r"nor", r"without",
    r"\w+n't", r"cannot", r"lacks?", r"lacking", r"absent", r"absence of", r"missing", r"no longer",
    r"yet to", r"has yet", r"have yet", r"fails? to", r"failed to", r"unable to", r"rather than",
    r"instead of", r"zero", r"nowhere(?: near)?", r"(?:0|zero|none) (?:out )?of (?:the )?\d+",
    r"there(?:'s| is| was| are) (?:a |an )?(?:\w+ )?gaps? (?:around|in|on|with)",
    r"little (?:or no )?(?:evidence|sign|signs|indication|proof)", r"outside (?:the )?scope of",
)

# Cues that deny what stands *before* them: "detractors are never contacted", "the CRM is missing".
NEGATION_AFTER = phrases(
    r"(?:is|are|remains?) (?:rare|the exception|uncommon)", r"years away", r"not", r"never", r"\w+n't", r"missing",
    r"lacking", r"absent", r"non ?existent", r"(?:appears? )?nowhere", r"(?:sits?|falls?|lies?|are|is) outside (?:the )?scope",
)

# A denied outcome denies its whole clause, however far its subject stands before it:
# "the churn-risk model discussed in 2025 was never started".
CLAUSE_NEGATION = phrases(
    r"(?:was|were|has|have|had|is|are)(?: been)? (?:never|not|n't) (?:yet )?(?:started|launched|built|implemented|delivered|"
    r"completed|adopted|used|deployed|approved|funded|live|in place|done|introduced|rolled out|set up|put in place|begun|kicked off)",
    r"(?:is|are|was|were) (?:absent|missing|lacking|non ?existent)",  # "any way of spotting leavers ... is absent at present"
)

# "We lack any way of telling which customers will leave": the whole rest of the clause is denied.
SCOPE_NEGATION = phrases(
    r"(?:lacks?|lacking|without|(?:have|has|had) no|there (?:is|was|are) no|there's no|no) (?:any |a |real |proper |reliable )?"
    r"(?:way|ways|means|mechanism|process|ability|capability|method|tool|system)s? (?:of|to|for)",
    r"none of (?:the|our|their|its|his|her|these|those|them|us)",  # "none of the five directors has churn in their goals"
    # a minority denies what the rest lack: "only 12% of the retailers surveyed have any process to ..."
    r"(?:only|just|fewer than|less than) (?:\d+ ?(?:%|percent|per cent)|one in \w+|a (?:handful|minority))",
    r"(?:few|no) (?:organi[sz]ations?|companies|company|firms?|respondents?|businesses|brands|retailers|teams)\b",
)

# A checklist's answer denies its label: "Single customer view: doesn't exist", "Journey maps: none".
LABEL_DENIAL = re.compile(r":\s+(?:(?:we'?ve|we have|we) got |we have |we |they |there'?s |there is |currently |today |still )?"
                           r"(none|no|not|never|n[/ ]?a|nothing|missing|absent|\w+n't|does not|do not|zero|(?:would be )?nice to have)(?![\w])")

# A wish names what is missing: "Sentiment analysis on tickets would be nice to have".
# (A bare "Nice to have:" opening a list is a job advert's wanted skills, not a wish.)
WISH = phrases(r"(?:would|it'd|it would) be (?:really )?nice", r"(?:is|are|be|as|a) (?:a )?nice to have", r"if only we had")

# An elliptical denial by the organisation itself ends the sentence and denies all of it:
# "Competitors use machine learning to suggest offers in real time; we are not."
ELLIPTICAL_DENIAL = re.compile(r"[;,] (?:but |and )?(?:we|i)(?: are| do| have| did| can|'re)? ?(?:not|n't|never)(?: yet)?\W*$")

# Negation words that deny nothing: "not only", "no later than", a universal, a condition.
NOT_NEGATION = phrases(
    r"(?:not|\w+n't) (?:only|just|merely)", r"no doubt", r"nothing but", r"no matter", r"no later than",
    r"no shows?", r"at no (?:extra )?(?:cost|charge)", r"no questions asked", r"without fail", r"(?:does not|doesn't) meet", r"without (?:anyone|anybody|any human|human|manual|a human|people|us|staff|agents?|waiting|delay|"
    r"asking|having to|needing|the need|extra|additional|further)",
    # a universal: "no guest waits more than 24 hours", "nobody is hired without a values interview"
    # (within one clause: "none exist for any journey, so teams change steps without seeing..." is no universal)
    r"(?:no|nobody|no one|none)\b(?:(?!, (?:so|and|but|which|while|because)\b)[^.;:]){0,100}?"
    r"\b(?:without|more than|longer than|untouched|unanswered|unread|ignored)\b",
    # an elliptical contrast denies its own subject only: "managers have NPS in their bonus, ICs don't"
    r"(?<=, )(?:\w+ ){1,3}(?:don't|doesn't|do not|does not|isn't|aren't|can't|won't|didn't)(?= ?[.;!?]|$)",
    # a condition is no denial, nor is the rule it sets: "if a feature can't show which customer
    # problem it solves, it doesn't get built"
    r"\b(?:if|unless|whenever) (?:\w+ ){0,5}?(?:not|never|\w+n't)\b(?:[^,;.]{0,80}, (?:\w+ ){0,3}?(?:not|never|\w+n't)\b)?",
    # a prohibition is a rule, not an absence: "Please don't rely on the phone numbers in Dynamics"
    r"(?:^|(?<=[.;:] ))(?:please )?(?:don't|do not|never) (?:rely|use|change|edit|update|delete|close|send|share|promise|"
    r"forward|copy|export|enter|offer|give|tell|mention|escalate|contact|call|email|reply|open|merge|overwrite|remove)\b",
)

# -- plans ---------------------------------------------------------------------------------------

# Plan cues, by family. A sentence with one of these states a plan or a wish, not what exists.
ASPIRATION = phrases(
    # intentions and wishes
    r"plans? to", r"planning to", r"(?:is|are|was|were|been) planned", r"planned (?:for|to|in|from|next)",
    r"intends? to", r"intention is", r"aims? to", r"aiming to", r"our aim", r"the aim is",
    r"(?:our|my|the) goal(?: is|,)", r"(?:the|our|my) (?:\w+ ){0,2}dream\b", r"(?:the )?target is (?:one|a|an|to|that)\b", r"(?:can|will) now start",
    r"commit(?:s|ted)? (?:us |itself |the \w+ )?to (?:introduce|introducing|launch|build|develop|create|implement|move|adopt)", r"what (?:i|we) want (?:next )?is", r"goal for \d{4}", r"ambition", r"aspire\w*",
    r"(?:we|it|the company|the business|management|leadership|the board|the ceo|our \w+) (?:really |still |also )?wants? to",
    r"would like to", r"\w+'d like to", r"(?:would|\w+'d) like (?:us|you|them|everyone|each \w+|the \w+) to",
    r"let'?s (?:trial|try|pilot|start|launch|introduce|set up|kick off|roll out|build|create|test)",
    r"(?:told|instructed|tasked|directed|mandated|charged) (?:\w+ ){1,3}(?:to|with) (?:redesign|design|build|creat|introduc|"
    r"launch|develop|set\w* up|implement|map|review|draft|rewrit|explor)\w*",
    r"(?:asked|invited|requested) to (?:consider|approve|agree|endorse|support|decide)",
    r"(?:are |is |we're |we are )?seeking (?:[£$€] ?[\d.,]+ ?(?:m|bn|k|million|billion)?|funding|investment|approval|budget|a grant)",
    r"hopes? to", r"hoping to", r"wish to", r"(?:we|they|you) hope",
    r"(?:we're|they're|you're|i'm|it's|he's|she's|are|is|am|not|now|be|been) (?:also |really |now |finally )?going to",  # not "spend going to sales"
    r"(?:looking|look|looks|seeking|seek|seeks) to", r"(?:is|are|we're|they're) set to",
    r"(?:the|our|my) (?:plan|idea|intention|proposal|recommendation|ambition|aim) (?:is|was|would be) to",
    r"(?:the|our|my) plan for (?:'\d\d|20\d\d|fy ?\d+|next|the (?:next|coming))",  # "The plan for '25 is proactive alerts"
    r"(?:are|is|we're) (?:starting|launching|kicking off) (?:a|an|our|the) (?:new )?(?:programme|program|project|initiative|transformation)",
    r"new (?:for|from|in) (?:jan\w*|feb\w*|march|april|may|june|july|aug\w*|sept?\w*|oct\w*|nov\w*|dec\w*|20\d\d|next \w+) ?:",
    r"(?:we|i) (?:would )?(?:advise|suggest|propose|recommend) that", r"scoping (?:a|an|the|out)",
    r"sociali[sz](?:e|es|ed|ing) the idea", r"float(?:ed|ing) the idea", r"no decision (?:yet|has been)",
    # a wish of someone named: "the HR director wants NPS to count towards bonuses"
    r"(?:she|he|they|we|i|ceo|cfo|coo|director|board|management|leadership|team|chair) (?:really |still |also )?wants? (?:\w+ ){1,4}to",
    r"expected to (?:start|begin|kick off|launch|go live|be (?:live|in place|ready|launched|introduced))",
    r"expects? to (?:move|start|begin|launch|introduce|adopt|invest|buy|build|deploy|roll out|hire|have|be|shift|add|make)",
    r"(?:over|in|during|within) the (?:coming|next) (?:\d+\W?\d* )?(?:months|years|quarters|weeks)", r"(?:has|have|had) budgeted (?:(?:[a-z]{3}|[£$€]) ?[\d.,]+ ?(?:million|billion|m|bn|k)? )?(?:(?:this|next) year )?(?:for|to)",
    r"(?:next|logical) (?:horizon|step|progression|frontier|move) (?:is|would|will)", r"(?:getting|moving|going) from [^:.]{1,30} to [^:.]{1,30}:",
    r"(?<!job )(?<!role )(?<!task )(?<!remit )(?:is|are) to (?:get|receive|have|start|attend|complete|take|join|move|go|become)", r"under the plan", r"(?:is|are|am|being|currently) draft(?:ing|ed)", r"signed (?:an agreement|a contract|a deal) (?:with [\w ]{1,40} )?to",
    r"horizon \d\b[^:]{0,20}:", r"target (?:architecture|design) ?(?:\([^)]{0,20}\))? ?:",
    r"due (?:by |in |at )?(?:the )?(?:end of )?(?:q[1-4]|h[12]|fy ?\d+|20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next)",
    r"go ?live (?:target|date)", r"planned \w+ ?:",
    # advice: "Fennick should introduce a half-day customer module", "leaders should then turn the map around"
    r"should (?:then |now |also |first |next |instead )?(?:introduce|appoint|create|establish|build|make|turn|extend|elevate|give|"
    r"write|design|map|move|adopt|invest|hire|set up|launch|implement|start|begin|develop|replace|connect|integrate|tie|link|add|"
    r"assign|route|train|consider|prioriti[sz]e|embed|shift|let|put|bring|introduce|formali[sz]e|pilot)\b",
    # a note whose subject goes without saying: "Wants retention written into the strategy."
    r"^(?:wants?|intends?|hopes?|aims?|keen) (?:to|\w+ (?:\w+ ){0,6}?(?:written|in place|live|to))\b",
    r"wishlist", r"wish list", r"(?:my|our|the) (?:20\d\d )?(?:asks?|wish(?:es)?|budget (?:asks?|requests?|bids?))",
    # the future, schedules and work not finished
    r"(?<!best )(?<!recommended )(?<!suggested )next (?:year|quarter|month|fiscal|fy|phase|step)",
    r"in (?:the )?(?:coming|next) (?:year|months|quarters|weeks)", r"over the next",
    r"by (?:the )?(?:end of )?(?:20\d\d|q[1-4]|fy\d+)", r"in 20[3-9]\d", r"in fy\d+", r"(?:is|as|a) roadmap item", r"roadmap items?(?: [a-z]{2,6} ?\d+)?(?: \([^)]{0,30}\))? ?:", r"phase \d+(?: \([^)]{0,20}\))? ?:", r"on the roadmap",
    r"to be (?:launched|introduced|rolled out|implemented|hired|created|built|established)", r"target date",
    r"(?:is|are) to be \w+ed", r"from (?:q[1-4]|h[12]|fy ?\d+)\b", r"next (?:spring|summer|autumn|fall|winter|term|season)",
    r"not yet live", r"not (?:yet )?(?:scheduled|funded|started|approved|live|in place)",
    r"(?:is|are) being (?:rolled out|introduced|implemented|built|piloted|designed|developed|set up|procured|trialled|trialed)",
    r"in the process of", r"(?:is|are) (?:scheduled|slated|earmarked|planned|due|budgeted|targeted) (?:for|to|in)(?! (?:a|an|their|its|his|her) (?:check|service|renewal|review|inspection|appointment|visit|repair|mot|test)\b)",
    r"go(?:es)? live", r"going live", r"phase (?:2|3|two|three)", r"later (?:this|in the) (?:year|quarter)",
    r"targeted for", r"next horizon", r"plan period", r"use of funds", r"earmarked (?:for|to|in)",
    r"once (?:complete|completed|finished|delivered|live|in place|implemented|rolled out|done)\b",
    r"award(?:ed|s|ing)? (?:a |the )?(?:[£$€][\d.,]+ ?(?:m|bn|k|million|billion)? )?contract (?:to|for)",
    r"(?:is|are) being (?:finali[sz]ed|negotiated|tendered)",
    r"(?:confirmed|announced|committed|unveiled) (?:a |an |the )?(?:[£$€][\d.,]+ ?(?:m|bn|k|million|billion)? )?investment",
    r"pushing (?:for|to)", r"what (?:i|we|they|she|he) (?:really )?(?:want|need|would like) is",
    r"(?:appointed|commissioned|engaged|contracted) (?:an? |the )?(?:\w+ ){0,3}(?:agency|consultancy|consultants?|firm|partner|"
    r"supplier|vendor|studio)(?: \w+){0,2} to",
    r"rolling out (?:sometime|some time|after|later|next|from|once)",
    r"approved the (?:creation|establishment|introduction|appointment|recruitment|funding) of",
    r"(?:for|over|during) the (?:coming|next|following) (?:year|months|quarters|financial year|fiscal year|planning cycle|strategic cycle|cycle)",
    r"looking ahead", r"going forward", r"in (?:the )?future\b(?! state| proof)",
    r"(?:fund(?:ing)?|investment|capex|capital|innovation fund) (?:bids?|requests?|asks?)\b",
    r"(?:supplier|vendor|contractor|provider|partner|agency|consultant)s? to (?:implement|deliver|provide|build|design|develop|"
    r"configure|supply|integrate|migrate|run|carry out)",
    r"roadmap (?:for )?(?:h[12]|q[1-4]|fy ?\d+|20\d\d)\b",
    r"(?:business|investment|capital|corporate|strategic) plan (?:includes|proposes|sets out|provides for|commits|allows for)",
    r"(?:included|earmarked|allocated|budgeted) (?:in|for) (?:the |our )?(?:20\d\d(?: \d\d)? )?capital (?:programme|program|plan|budget)",
    r"procurement of (?:a|an|the|our)",
    r"(?:upcoming|forthcoming)(?! (?:\w+ )?(?:appointments?|visits?|bookings?|renewals?|orders?|deliver(?:y|ies)|bills?|payments?|events?|classes|sessions?|trips?|flights?|stays?|holidays?))", r"target state", r"target operating model", r"north star", r"vision (?:is|for)",
    r"envision\w*",
    # work in progress, start dates, dependencies and deadlines
    r"(?:is|are) (?:in progress|under way|underway|in flight|being worked on)",
    # building something now means it is not there yet: "we're setting up a service design practice"
    r"(?:we're|we are|i'm|i am|they're|they are) (?:now |currently )?(?:setting up|standing up|building|creating|establishing|"
    r"launching|introducing|recruiting|hiring|developing|rolling out|putting in place|bringing in|procuring)",
    r"newly created (?:role|position|post|vacancy)",
    r"(?:launch|introduce|bring in|set up|build|hire|appoint|create|get|design|establish) (?:our |a |an |the |its )?(?:\w+'s )?(?:first|proper)\b", r"work (?:has )?(?:started|begun) on",
    r"working (?:on|towards)", r"kicking off", r"kicks? off (?:in|next|after|once|on)", r"intent (?:is|to)", r"(?:we|i)(?:'d| would) love(?! to hear from)",
    r"(?:from|starting(?: in)?|beginning(?: in)?) (?:next|january|february|march|april|may|june|july|august|september|october|november|december)",
    r"once (?:\w+ ){0,4}(?:is|are|goes|go|has been|have been) (?:live|in place|done|complete|ready|signed|agreed|approved|funded|signed off)",
    r"after the (?:migration|rollout|roll out|go live|upgrade|implementation|re ?platform\w*)",
    r"by (?:the )?(?:end of (?:the )?(?:year|quarter|month)|year end)", r"next (?:release|sprint|version|iteration|cycle|budget|financial year)",
    r"asking for (?:budget|funding|approval|investment|headcount)",
    # proposals, options and things under consideration
    r"(?<!model )(?<!engine )(?<!system )(?<!algorithm )(?<!tool )propos(?:e|es|ed|ing|als?)", r"consider(?:ing)? (?:a|an|the|whether|introducing|launching|hiring|building|moving|linking|tying|adding|creating|"
    r"changing|extending|replacing|adopting|appointing|piloting|developing|setting up)",
    r"(?:we are|we're|are|is) exploring", r"explore (?:whether|options)", r"evaluating", r"business case for",
    r"under (?:review|consideration|discussion)", r"(?<!model )(?<!engine )(?<!system )(?<!algorithm )(?<!tool )recommends\b", r"recommending", r"(?:we|i|they|it is|it was) recommend(?:ed)?\b",
    r"asked (?:management|the team|us)", # "the board asked the CX lead for a map" assigns work; "clients asked for late slots" does not
    r"(?<!customers )(?<!clients )(?<!they )(?<!she )(?<!he )(?<!never )(?<!been )(?<!was )(?<!were )(?<!are )(?<!is )asked (?!not )\w+(?: \w+)? (?:for|to)",
    r"request(?:s|ed|ing)? (?:[£$€] ?[\d.,]+ ?(?:m|bn|k)?|budget|funding|approval)",
    r"(?:pending|awaiting|subject to) (?:\w+ )?(?:approval|sign ?off|funding|budget|board)",
    r"if (?:\w+ )*(?:approved|funded|agreed)", r"(?:draft|proposed|proposal) for approval", r"for consultation", r"consultation (?:draft|paper|document)",
    r"(?:study|studies|feasibility|proof of concept|poc) (?:of|on|into|whether|using|to|for)", r"in (?:the )?pilot",
    r"pilot(?:ing)? (?:a|an|the)", r"pilot (?:on|of|for|to|with|in)", r"(?:for|buy|procure|select|implement|introduce|launch|build|hiring|recruiting|looking for) (?:and \w+ )?(?:our|a|its|their) first",
    r"what'?s coming", r"coming soon", r"coming in (?:20\d\d|q[1-4]|h[12]|spring|summer|autumn|fall|winter|the new year|jan\w*|feb\w*|march|april|may|june|july|aug\w*|sept?\w*|oct\w*|nov\w*|dec\w*)\b", r"next up\b", r"a first for (?:us|the \w+)",
    r"starting (?:in|from|next) (?:q[1-4]|h[12]|20\d\d|jan\w*|feb\w*|march|april|may|june|july|aug\w*|sept?\w*|oct\w*|nov\w*|dec\w*|next \w+|the \w+ quarter)",
    r"(?:build|set|create|design)\w*(?: up)? (?:\w+ ){0,4}from (?:scratch|zero)",
    r"(?:plan|roadmap|backlog) (?:20\d\d|fy ?\d+)?,? items? \d+ ?:", r"(?:q[1-4]|h[12]|fy ?\d+|20\d\d) plans? ?:", r"aim ?:",
    r"first ever",
    # obligations and hypotheticals
    r"(?:we|you|they|the company|the business|management|leadership|the board|it) (?:really )?should", r"(?:should|shall) we\b",
    r"(?<!than )(?<!all )(?:we|it|management|leadership|the business|the company|the organi[sz]ation) (?:really )?needs? to",
    r"must (?:start|begin|build|create|introduce|establish|move)", r"will need",
    # a modal states a plan or a wish, except in a subordinate clause (see SUBORDINATE)
    r"would(?! (?:say|tell|ask|describe|often|usually|always|typically|call)\b)", r"could(?! not| never| tell| see| hear)", r"might",
    # requirements, tenders and statements of work
    r"tender\w*", r"requirements? ?[a-z]?\W?\d*:", r"(?:phase \d+ )?deliverables?:", r"scope of work",
    r"(?:solution|supplier|vendor|bidder|contractor|provider|platform|system|tool) (?:must|shall|should|will need to)",
    r"(?:successful|preferred|selected|appointed) (?:bidder|supplier|tenderer|vendor|contractor|provider|partner)s?",
    r"shall", r"must (?:provide|support|include|enable|allow|offer|integrate)",
    r"(?:seeks?|seeking|looking for|invites?|inviting) (?:a |an )?(?:new )?(?:suppliers?|vendors?|partners?|providers?|contractors?|bids?|tenders?|proposals?)",
    # labels of plans, objectives and action items
    r"(?<!of )(?:recommendations?|proposals?|options?|ideas?|asks?) ?\d*:",
    r"(?:recommendations?|quick wins?)(?: ?\d+)?(?: \([^)]{0,40}\))?(?:,? (?:phase|step|part) \d+| for [^:.;]{1,30})? ?:",
    r"budget (?:bids?|asks?|requests?|proposals?)\b", r"roadmap ?:", r"decisions? (?:requested|required|needed|sought) ?:",
    r"(?:approved|agreed|secured|allocated|released|signed off) (?:the |a |new |capital |some )?(?:funding|budget|money|investment)(?: of [£$€]?[\d.,]+ ?(?:k|m|bn)?)? (?:to|for)", r"vision (?:20\d\d|statement)", r"draft (?:vision|policy|strategy|proposal|plan|statement|charter|standard|roadmap)",
    r"(?:(?:q[1-4]|h[12]|fy ?\d*|20\d\d|company|team|quarterly|annual) )?(?:objectives?|okrs?|krs?|key results?|goals?|initiatives?|priorit(?:y|ies))(?: ?\d+)?(?: for (?:20\d\d|fy ?\d+|q[1-4]|h[12]|next year))?(?: \([^)]{0,30}\))? ?:",
    r"(?<!kpis )(?<!kpi )(?<!results )(?<!actuals )(?<!metrics )(?<!scorecard )(?<!performance )(?<!allocation )(?<!spend )(?:q[1-4]|h[12]|fy ?\d+)\s*:(?!\s*[\d£$€+-])", r"actions?(?: items?)?:", r"next steps?:", r"to do:", r"todo:",
    r"(?:^[\W\d]*|corrective |preventive |improvement |agreed |next )(?:actions?|steps?|measures?)\b[^:.;]{0,40}:",
    r"(?:improvement|action|remediation|transformation|delivery) plan",
)

# A plan cue just after a contrast is what was rejected: "pitch against the future state, not against a wishlist".
REJECTED = re.compile(r"(?:\bnot|rather than|instead of)(?: \w+){0,2} $")

MODAL = phrases(r"would", r"could", r"might")

# "customers are told when a cheaper cover would suit them": a modal inside a when/if/which clause
# describes a condition, not a plan.
SUBORDINATE = re.compile(r"\b(?:when|whenever|if|whether|where|which|who|so that|in case|than|before|after|until)\b(?:\W+\w+){0,5}\W*$")

# ("we'll": the contraction follows a word, which phrases' word boundary would refuse)
WILL = re.compile(r"(?<![\w'])(?<!you )(?:will|shall)(?![\w])|(?<=\w)(?<!you)'ll(?![\w])")

# Carrying on with what exists is no plan: "we'll keep managing service as a cost lever next year".
# A plan reported as done is no plan: "the 2024 plan to appoint a sponsor was delivered".
DONE = phrases(r"(?:was|were|has been|have been|got) (?:delivered|implemented|completed|achieved|rolled out|launched|"
              r"introduced|done|put in place|adopted|approved and implemented)",
              r"(?:completed|delivered|launched|rolled out|went live|implemented|introduced) (?:in|during) (?:fy\d+|20\d\d|q[1-4])")

# A requirement in force is a rule, not a tender: "Process standard PS-7 (current version): ... shall".
IN_FORCE = phrases(r"in force", r"current version", r"mandatory", r"adopted (?:in )?20\d\d", r"effective (?:from|since)")

REQUIREMENT = phrases(r"shall", r"must \w+")

CONTINUATION = phrases(r"(?:will|to|\w+'ll) (?:keep|continue|carry on|remain|stay)", r"continu(?:e|es|ing) to")

CHANGE_VERB = phrases(
    r"launch\w*", r"introduc\w*", r"roll(?:ed|ing)? out", r"implement\w*", r"build\w*", r"creat\w*", r"establish\w*",
    r"hire", r"hiring", r"start\w*", r"begin\w*", r"develop\w*", r"adopt\w*", r"move", r"migrat\w*", r"deploy\w*",
    r"set up", r"pilot\w*", r"expand\w*", r"invest\w*", r"become", r"appoint\w*", r"replace\w*", r"upgrade\w*",
    r"design\w*", r"map", r"train\w*", r"connect\w*", r"integrat\w*", r"tie\w*", r"link\w*", r"add\w*",
    r"kick\w* off", r"bring in", r"switch on", r"go live", r"recruit\w*",
)

# A sentence that opens with a change verb in its base form is a recommendation or an action
# ("Hire a service designer to rebuild the claims journey"); process verbs ("Call every detractor")
# are left alone, because handbooks describe current practice in the imperative.
IMPERATIVE_PLAN = re.compile(
    r"^[\s\W]*(?:\d+[.)]?\s+)?(?:(?:before|first|then|next|instead)\b[^,:;]{0,40}, )?"  # "Before buying AI, connect ..."
    r"(?:hire|launch|introduce|roll out|implement|build|rebuild|create|establish|set up|appoint|"
    r"develop|invest|pilot|start|begin|adopt|deploy|migrate|replace|define|design|redesign|map|connect|integrate|evaluate|"
    r"expand|consolidate|centrali[sz]e|automate|fund|commission|procure|recruit|agree|approve|prioriti[sz]e|"
    r"tie|link|move|upgrade|extend|add|stand up)\b"
)

# A ticket is work to do: "LIN-5120 - Sync Jira issues to Salesforce cases via API".
TICKET_TASK = re.compile(
    r"^[\s\W]*[a-z]{2,10} \d{1,6}\W+(?:hire|launch|introduce|roll out|implement|build|rebuild|create|establish|set up|"
    r"develop|pilot|start|adopt|deploy|migrate|replace|define|design|redesign|map|draw|connect|integrate|sync|automate|"
    r"add|enable|configure|run|send|fix|clean up|dedupe|merge|import|track|measure|train|document|write|test|investigate|"
    r"explore|spike|research|evaluate|move|upgrade|extend|link|tie|make|get)\b(?! \w+ ?:)"  # not a label: "FSM-88 design decision:"
)

# -- frames: a whole passage is a plan -----------------------------------------------------------

# A passage framed as a proposal, a draft or work not yet done is a plan as a whole, whichever of its
# sentences a signal matched: "DRAFT - new joiner week 1: ... Status: proposal", "LIN-88: ... Pilot pending"
# (see language.plan_frame).

# What a heading of plans names: "Technology investment FY25", "Where we want to be in 3 yrs"
WANTED = (r"priorities|investments?|objectives|ambitions?|initiatives|wish ?list|where we (?:want|need|hope|aim) to (?:be|go|get)|"
           r"where we go next|where we(?:'re| are) heading|the road ahead|what's next|what would help|parking lot|quick wins|next steps|"
           r"(?:your )?first \d+ days")

PLAN_OPENING = re.compile(
    r"^[^:.?]{0,40}\broadmap (?:for )?(?:h[12]|q[1-4]|fy ?\d+|20\d\d)\b|"  # "HR roadmap 2026 - ..."
    r"^[\W\d]*(?:draft|proposal|proposed|rfc|budget (?:request|bid|proposal)|(?:vision|ambition) ?20\d\d)\b|"
    # a passage that opens with a plan's heading: "Technology investment FY25:", "Roadmap H2 - Data platform:"
    r"^[^:.?]{0,60}?\b(?:" + WANTED + r")\b[^:.?]{0,40}:"
)

# A frame that is a role yet to be filled (see language.new_role).
NEW_ROLE = re.compile(r"new (?:role|post|position)|\bfirst\b")

# A section of a document whose heading announces plans: everything under "Ideas for 2027 (not
# approved)" or "Roadmap > Q3" is a plan, whatever its list items say.
PLAN_SECTION = phrases(
    r"ideas?", r"proposals?", r"proposed", r"roadmap", r"next steps", r"recommendations?", r"wish ?list", r"backlog",
    r"drafts?", r"not (?:yet )?(?:approved|funded|agreed)", r"future state", r"target state",
    r"where we (?:want|need|hope|aim) to (?:be|go|get)", r"what we(?:'d| would) like",
    r"(?:plans?|priorities|objectives|initiatives|ambitions?) (?:for )?(?:20\d\d|fy ?\d+|next year|h[12]|q[1-4])",
    r"(?:20\d\d|fy ?\d+|next year) (?:plans?|priorities|objectives|initiatives|ambitions?)",
    r"(?:improvement|action|transformation|delivery) plan", r"vision 20\d\d",
)

# A first line that is a heading of plans, with no colon: "Slide 19 - FY25 priorities"
WANTED_HEADING = re.compile(r"^[^.?]{0,60}?\b(?:" + WANTED + r")\b[^.?]{0,40}$")

PLAN_STATUS = re.compile(
    r"(?<![\w'])(?:"
    r"status ?: ?(?:proposal|proposed|draft|planned|not started|not yet started|backlog|to do|todo|idea|pending|"
    r"under review|under discussion|under consideration|in discovery|discovery|on hold|parked|scoping)|blocked (?:on|by)|pilot pending|"
    r"pending (?:\w+ ){0,2}(?:approval|sign ?off|decision|modell?ing|funding|budget|go ahead)|"
    r"subject to (?:\w+ ){0,2}(?:approval|sign ?off|funding|budget|agreement)|use of funds|"
    r"(?:options?|proposals?|ideas?|plans?) (?:[a-z0-9] )?(?:is |are )?on the table|in (?:the |our )?backlog|\(backlog|"
    r"agreed in principle|business case (?:to|is being|being|under|pending|due)|"
    r"\(new (?:role|post|position)\)|newly created (?:role|post|position)|(?:^|  |, |is )a (?:brand )?new (?:role|post|position)\b|(?:^|\. )as (?:our|its|their) first\b|(?:hiring|recruiting) (?:our|its|their) first\b|(?:'s|s') first (?:dedicated )?(?:head|lead|director|manager)\b|a long way off|"
    r"(?:is|will be|would be|to be|becomes?) (?:our|its|their) (?:first|first ever) (?:head|director|chief|vp|manager|lead)\b|not there yet|"
    r"target ?: ?(?:live|q[1-4]|h[12]|fy|20\d\d|end of|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:is|are) creating (?:its|our|their|a) (?:first|new)|"
    r"(?:recruitment|hiring|the search|procurement) (?:is )?(?:under way|underway|in progress|ongoing)|appointment (?:is )?expected|"
    r"contracts? (?:are |is )?being (?:finali[sz]ed|negotiated|signed|agreed)|(?:first |initial )?deliverables? (?:are |is )?due|"
    r"statement of work|scope of work|sow (?:scope|clause)|"
    r"design options|options? (?:paper|appraisal|analysis)|recommends option|preferred option|what success (?:will )?looks? like|"
    r"\((?:requested|proposed|planned|pending|draft|tbc|tbd|not yet approved)(?: v?[\d.]+|, [^)]{1,20})?\)|for (?:discussion|decision) (?:at|by)|"
    r"decisions? (?:needed|required|requested) by|"
    r"est(?:imate|imated)?\W{0,2}\d+ ?(?:pts|points|sp|story points))(?![\w])"
)

# -- hedges, questions and boilerplate ------------------------------------------------------------

# A practice that exists only in part: "some teams", "in theory", "when time allows".
HEDGE = phrases(
    r"sometimes", r"occasionally", r"some teams", r"a few", r"in places", r"partly", r"partially", r"patchy",
    r"inconsistent\w*", r"not always", r"rarely", r"informal\w*", r"ad hoc", r"starting to", r"beginning to",
    r"trying to", r"in theory", r"on paper", r"loosely", r"tends? to", r"where possible", r"when time allows",
)

# An interviewer's question opens the sentence; what follows the comma is the answer:
# "Asked whether any map describes a future journey, the group said no."
ASKED = re.compile(r"^\W*(?:when |if )?asked (?:for|whether|if|about|how)\b[^,]{0,120},")

# Text about CX that is no evidence of any organisation's practice: a price list, a demo
# invitation, a conference agenda or speaker's bio, a personal career post, market sizing, a
# survey's methodology, a metric's definition.
BOILERPLATE = re.compile(r"(?<![\w'])(?:" + "|".join([
    r"per (?:seat|user|licen[cs]e) ?(?:/ ?|per |a )(?:month|mo|year)", r"billed (?:annually|monthly|yearly)", r"free trial",
    r"(?:book|request|schedule) (?:a|your) (?:free |personali[sz]ed )?demo", r"keynote ?:", r"speaker ?:",
    r"(?:thrilled|excited|delighted|happy|proud) to (?:share|announce) that i", r"i'?ve started a new (?:position|role)",
    r"market (?:reached|is expected to reach|is projected|size|is worth|grew)", r"cagr", r"^methodology",
    r"margin of error", r"results (?:are|were) weighted", r"is calculated (?:by|as)", r"is defined as", r"stands for",
]) + r")(?![\w])")
