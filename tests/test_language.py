import pytest

from maturity.engine import language
from maturity.engine.signals import fold


def read(sentence: str, term: str) -> str:
    folded = fold(sentence)
    start = folded.index(term)
    return language.polarity(folded, ((start, start + len(term)),))[0]


@pytest.mark.parametrize("sentence,term,expected", [
    ("We call every detractor within 48 hours.", "detractor", "current"),
    ("Every detractor will be called within 48 hours.", "detractor", "current"),     # handbook future = process
    ("We will launch journey maps next year.", "journey map", "aspiration"),
    ("Next quarter we plan to roll out a CDP.", "cdp", "aspiration"),
    ("The board asked management to propose a CX budget.", "cx budget", "aspiration"),
    ("We do not have a single customer view.", "single customer view", "negated"),
    ("There is no journey map for onboarding.", "journey map", "negated"),
    ("Nobody follows up detractors.", "detractors", "negated"),
    ("We lack a CRM, but our journey maps are current.", "journey map", "current"),  # negation in another clause
    ("We don't just survey customers, we call them back.", "survey", "current"),     # not-negation phrase
    ("There is no CX budget; anything she wants to do is funded ad hoc.", "cx budget", "negated"),  # plan cue elsewhere
    ("Action: set up a monthly cross-team customer review.", "customer review", "aspiration"),  # a label prefix
    ("The supplier shall provide a closed-loop module.", "closed loop", "aspiration"),        # requirements text
    ("2. Hire a service designer to rebuild the claims journey.", "claims journey", "aspiration"),  # recommendation
    ("Call every detractor within 48 hours.", "detractor", "current"),                        # handbook process
    ("The churn-risk model discussed in 2025 was never started.", "churn risk", "negated"),   # denied outcome
    ("Recommendation: appoint an executive sponsor for CX.", "executive sponsor", "aspiration"),  # a label
    ("Nobody else wants to know, so team leads phone every detractor.", "detractor", "current"),  # idiom, new clause
    ("Agents see next-best-offer recommendations for each customer.", "next best offer", "current"),  # a noun
    ("Next phase (pending funding): build blueprints for the top journeys.", "blueprints", "aspiration"),  # label
    ("Corrective action CA-22 (due 30/09): introduce callbacks to detractors.", "detractors", "aspiration"),
    ("The Council seeks a supplier to integrate its CRM through APIs.", "apis", "aspiration"),  # procurement
    ("Agents follow the recommended next best action for every customer.", "next best action", "current"),
    ("Sentiment on every call updates in real time, not the cancellations report.", "real time", "current"),
    ("Once the CDP is live, agents will see a single customer view.", "single customer view", "aspiration"),
    ("Journey mapping work is under way for onboarding.", "journey mapping", "aspiration"),
    ("We're looking to bring in a proper CRM this year.", "crm", "aspiration"),
    ("We're going to bring in a proper CRM.", "crm", "aspiration"),
    ("They're going to map the claims journey.", "claims journey", "aspiration"),
    # advice, forecasts and notes of intent in reports and interview notes
    ("Fennick should introduce a customer module into induction.", "induction", "aspiration"),
    ("Agents should log every complaint in Zendesk.", "complaint", "current"),  # a standing instruction
    ("Recommendation 1 (Calderon Utilities): Appoint a Head of Customer Experience.", "head of customer experience", "aspiration"),
    ("Quick win for Norrland: a short relationship survey each spring.", "relationship survey", "aspiration"),
    ("Over the coming 18 months, firms expect to move to churn prediction.", "churn prediction", "aspiration"),
    ("63% have budgeted for speech analytics.", "speech analytics", "aspiration"),
    ("Wants retention written into the group strategy.", "group strategy", "aspiration"),
    ("Every new starter is to get a half-day customer module.", "customer module", "aspiration"),
    ("My job is to get cost to serve down; the contact centre is a cost line.", "cost line", "current"),
    ("The Head of Service is drafting a callback standard for detractors.", "detractors", "aspiration"),
    ("First deliverable: an as-is journey map, due end of Q4.", "journey map", "aspiration"),
    # an interviewer's question evidences nothing; the answer can deny it or state what exists
    ("Asked whether any map describes a future journey, the group said no.", "future journey", "negated"),
    ("Asked whether staff see a customer's history in one place, she smiled.", "customer's history", "aspiration"),
    ("Asked how many customers there are, the COO said the billing system and the spreadsheet differ.",
     "spreadsheet", "current"),
    ("Before buying AI, connect the helpdesk and the CRM through an API layer.", "api", "aspiration"),  # advice
    ("The plan for '25 is proactive alerts for every disruption.", "proactive alerts", "aspiration"),
    ("We're starting a programme to build a single view of each customer.", "single view", "aspiration"),
    ("Under the plan, customer experience is to become our main differentiator.", "main differentiator", "aspiration"),
    ("We also want customer values to be a criterion in hiring.", "customer values", "aspiration"),
    ("We request £95k for real-time speech analytics.", "speech analytics", "aspiration"),
    ("Map 5 core journeys in current-state detail by end of Q4.", "core journeys", "aspiration"),
    ("New for January: every new starter spends a day in the contact centre.", "contact centre", "aspiration"),
    # plan words that plan nothing
    ("You could tell he wanted to help, but he wasn't allowed to swap the handset.", "wanted to help", "current"),
    ("A next best action model proposes an offer for every customer.", "next best action", "current"),
    ("Every agent screen shows an AI-recommended next step from the unified customer profile.", "unified customer profile", "current"),
    ("PMs pitch against the future state journey, not against a wishlist from sales.", "future state journey", "current"),
    ("KR1: retention 91% -> 94% | Exec owner: the Chief Customer Officer", "chief customer officer", "current"),  # cells
    ("Q16 If you had budget, what would it be? | Answer: one customer data platform.", "customer data platform", "aspiration"),
    ("Fail points marked red: adjuster no-show, duplicate document requests.", "duplicate document requests", "current"),
    ("The dream is one platform where a model suggests the next best action for each customer.", "next best action", "aspiration"),
    ("The group signed an agreement with Konnekta to integrate its booking and loyalty systems.", "integrate", "aspiration"),
    ("Trustees approved a budget of £38,000 to implement our first CRM.", "crm", "aspiration"),
    ("What I want next is every bonus tied to customer effort.", "customer effort", "aspiration"),
    ("We're also going to ask about customer values in every interview.", "customer values", "aspiration"),
    ("Horizon 3 (2026+): design the future state journey.", "future state", "aspiration"),
    ("Target architecture (H2): expose the policy system through REST APIs.", "apis", "aspiration"),
    ("To your question about journey maps: we don't have one of any kind.", "journey maps", "negated"),
    ("Competitors use machine learning to suggest retention offers; we are not.", "machine learning", "negated"),
    # tables flattened to text: a row's title governs its cells, a cell's label only its own cell
    ("Company O2 (owner: the Chief Customer Officer) | KR1: retention 61% -> 70%", "chief customer officer", "current"),
    ("IT Roadmap 2025-26 | Integrate Freshdesk with Salesforce via API | Retire the Access DB", "api", "aspiration"),
    ("Many vets would say client problems are reception's job.", "client problems", "current"),  # habitual
    ("Clients due for a check are offered a slot automatically.", "offered a slot", "current"),
    ("Capital allocation FY25: Sales 58% | Service and CX 4%", "service and cx", "current"),
    ("From 2025 the network hopes to link managers' incentive payments to patient satisfaction.", "patient satisfaction", "aspiration"),
    ("The club will recruit a Supporter Experience Manager ahead of next season.", "supporter experience manager", "aspiration"),
    ("The long-term dream is one data platform for every patient interaction.", "data platform", "aspiration"),
    ("Our People Strategy commits us to introduce values-based recruitment.", "values based recruitment", "aspiration"),
    ("Roadmap item CXJ-4: build service blueprints for onboarding.", "service blueprints", "aspiration"),
    ("Target is one governed platform holding orders and service calls for all customers.", "governed platform", "aspiration"),
    ("It's that time of year again: the supporter survey is open and we'd love to hear from you.", "supporter survey", "current"),
    ("Its model recommends a next best action for every tenant.", "next best action", "current"),
    ("After that, it wants to pilot machine-learning offers for top-tier members.", "machine learning", "aspiration"),
    ("The marketplace has budgeted PHP 40 million this year to connect Zendesk through an API layer.", "api", "aspiration"),
    ("What's coming in 2026: proactive alerts before you open the app.", "proactive alerts", "aspiration"),
    ("Starting in Q2 we'll send a satisfaction survey to customers twice a year.", "satisfaction survey", "aspiration"),
    ("Next up for our platform team: wiring the support desk and payments together through APIs.", "apis", "aspiration"),
    ("Where I'd love us to be: real-time sentiment on every chat.", "real time sentiment", "aspiration"),
    ("L&D plan 2025, item 3: add a customer module to company-wide onboarding.", "customer module", "aspiration"),
    ("Q3 plan: set up a quarterly NPS survey for all paying customers.", "nps survey", "aspiration"),
    ("You will build the sentiment models from scratch.", "sentiment models", "aspiration"),
    ("We're hiring our first Head of Customer Experience.", "head of customer experience", "aspiration"),
    ("Every response gets a personal contact within 24 hours of the survey coming in.", "personal contact", "current"),
    ("Staff want to resolve queries on the spot but lack the permissions.", "resolve queries", "current"),
    # minorities and rarities deny
    ("Only 12% of the retailers surveyed have any process to contact unhappy respondents.", "unhappy respondents", "negated"),
    ("Few organisations design future state journeys.", "future state", "negated"),
    ("Hiring decisions rarely reference customer values.", "customer values", "negated"),
    ("Machine learning recommendations? We're years away from that.", "machine learning", "negated"),
    ("Proactive, personalised service remains the exception.", "personalised service", "negated"),
    ("Managers have NPS in their bonus, agents don't.", "nps", "current"),  # an elliptical contrast
    ("Managers don't have NPS in their bonus.", "nps", "negated"),
    ("If a feature can't name the customer problem it solves, it doesn't reach the roadmap.", "roadmap", "current"),
    ("Please don't rely on the phone numbers in Dynamics.", "dynamics", "current"),  # a prohibition is a rule
    ("Don't have Dynamics yet, we use a spreadsheet.", "dynamics", "negated"),
    ("Service, rather than price, is our competitive advantage.", "competitive advantage", "current"),
    ("We use spreadsheets, rather than a CRM, for customer data.", "crm", "negated"),
    ("Friends and Family Test, Q2: 412 responses, 91% positive.", "friends and family test", "current"),  # a result
    ("Q3: launch a detractor call-back.", "detractor", "aspiration"),
    ("Source of ideas: future state journey workshops.", "journey workshops", "current"),
    ("Nurses see upcoming outpatient appointments in the shared care record.", "shared care record", "current"),
    ("The upcoming CRM migration moves support onto one system.", "crm", "aspiration"),
    ("The board asked the CXO for a journey map.", "journey map", "aspiration"),
    ("Everything we added came from what clients asked for, like the journey map.", "journey map", "current"),
    ("Asked for the journey map, the team showed us a process flow.", "journey map", "aspiration"),  # a request
    ("With most of the spend going to sales, the CX team shares one analyst.", "cx team", "current"),  # no auxiliary
    ("The customer data platform, completed in FY24, feeds every channel.", "customer data platform", "current"),
    ("Onboarding was redesigned from the target state journey.", "target state", "current"),  # the cue is the term
    ("We're setting up a service design practice to map patient journeys.", "service design", "aspiration"),
    ("Looking to launch our first CSAT survey so we have a baseline.", "csat survey", "aspiration"),
    ("Q3 OKR (CX team): publish the customer journey on the intranet.", "customer journey", "aspiration"),
    ("Subject to Senate approval, deans would have NPS in their pay review.", "nps", "aspiration"),
    ("The engine suggests the best next step to agents in real time.", "real time", "current"),  # next-best-action
    ("We'll keep managing customer service as a cost lever going into next year.", "customer service", "current"),
    ("Customers get pre-filled renewals and are told when a cheaper cover would suit them.", "pre filled", "current"),
    ("Staff care, but the systems make it harder than it needs to be for customers.", "systems", "current"),
    ("We lack any way of telling from feedback which customers are likely to churn.", "likely to churn", "negated"),
    ("Our recommendation is to build a single customer view across billing and CRM.", "single customer view", "aspiration"),
    ("From Q2, all customer records are to be held in Dynamics 365.", "customer records", "aspiration"),
    ("The HR director wants NPS to count towards store managers' bonuses.", "bonuses", "aspiration"),
    ("Budget bid: HubSpot licences so sales can stop keeping contacts in Outlook.", "hubspot", "aspiration"),
    ("KR2 (Q3): 95% of detractors contacted within 48 hours.", "detractors", "aspiration"),
    ("By 2028 we intend to design journeys from future-state maps - reminders, pre-filled forms.", "pre filled", "aspiration"),
    ("The 2024 plan to appoint an executive sponsor was delivered: the COO holds the brief.", "executive sponsor", "current"),
    ("Process standard PS-7 (current version): every change shall be checked against the journey map.", "journey map", "current"),
    ("No guest who scores 6 or below waits more than 24 hours for a call.", "call", "current"),
    ("No one is hired here without a customer-values interview.", "customer values interview", "current"),
    ("The churn model flags households weeks before they would have called to cancel.", "churn model", "current"),
    ("The organization has yet to produce a current-state map of its journeys.", "current state map", "negated"),
    ("Once the new director starts we'll kick off a monthly cross-functional forum.", "cross functional forum", "aspiration"),
    ("The CRM held duplicate records, and complaints could not be matched to them.", "crm", "current"),  # no wish
    ("Future-state journeys are the starting point for every new proposition.", "future state journeys", "current"),
    ("The successful bidder will produce current-state journey maps.", "journey maps", "aspiration"),  # a tender
    ("2026 roadmap: consolidate onto a single CDP.", "cdp", "aspiration"),
    ("The trustees have approved funding to move our records into a CRM.", "crm", "aspiration"),
    ("Single view of the customer: doesn't exist in any form.", "single view of the customer", "negated"),
    ("Journey maps: not only for onboarding but for claims too.", "journey maps", "current"),
    ("We're nowhere near predicting churn from feedback.", "predicting churn", "negated"),
    ("Sentiment scoring on calls would be nice to have.", "sentiment scoring", "negated"),  # a wish names a gap
    ("Would be nice to have: a forum where billing and IT meet.", "forum", "negated"),
    ("Nice to have: MuleSoft and Salesforce integration experience.", "salesforce integration", "current"),  # a job ad
    ("A journey map is a nice-to-have for us.", "journey map", "negated"),
    ("We run NPS every quarter; sentiment scoring would be nice to have.", "nps", "current"),  # wish elsewhere
    ("ML recommendations: nothing in place.", "ml recommendations", "negated"),  # denied label, not a plan label
    ("Churn early warning: we've got nothing.", "churn early warning", "negated"),
    ("Customer effort appears nowhere in the three-year plan.", "customer effort", "negated"),
    ("Auditors found 0 of 25 detractors had been called back.", "detractors", "negated"),
    ("There's a real gap in how detractors are followed up.", "detractors", "negated"),
    ("Inspectors asked how staff measure patient satisfaction: comment cards only.", "patient satisfaction", "current"),
    ("LIN-212: Sync Zendesk tickets to HubSpot via the API.", "hubspot", "aspiration"),  # a ticket is work to do
    ("FSM-88 design decision: visits are booked in four-hour slots.", "four hour slots", "current"),  # a label
    ("Longer term, the aim is one data platform for the group.", "data platform", "aspiration"),
    ("Our business plan includes £1m for a closed-loop programme.", "closed loop", "aspiration"),
    ("A corporate CRM is included in the 2026 capital programme.", "crm", "aspiration"),
    ("Newly created role: Head of Customer Experience.", "head of customer experience", "aspiration"),
    ("None of the six directors has retention or complaint volumes anywhere in their goals.", "goals", "negated"),
    ("None of the complaints goes unanswered for a day.", "complaints", "current"),  # a universal
    ("Capital spend earmarked for 2027 includes a speech analytics platform.", "speech analytics", "aspiration"),
    ("Once complete, agents will see one record per household.", "one record", "aspiration"),
    ("The council has awarded a £2m contract to Acme to integrate its CRM.", "crm", "aspiration"),
    ("What I'm pushing for is an exec owner for retention.", "exec owner", "aspiration"),
    ("The trust has commissioned a design agency to blueprint its outpatient journey.", "blueprint", "aspiration"),
    ("The board approved the creation of a Chief Customer Officer post.", "chief customer officer", "aspiration"),
    ("Looking ahead, service rather than price should set the roadmap.", "roadmap", "aspiration"),
    ("Each journey is redesigned in the future state first, then built.", "journey", "current"),
    ("I'd like us to start a monthly cross-functional CX forum.", "cross functional cx forum", "aspiration"),
    ("Let's trial a monthly CX forum from January.", "cx forum", "aspiration"),
    ("The CEO told HR to redesign the bonus scheme around the customer score.", "customer score", "aspiration"),
    ("Members are asked to consider linking 10% of the heads' bonus to satisfaction.", "satisfaction", "aspiration"),
    ("We are seeking £140,000 to apply text analytics to every tenant call.", "text analytics", "aspiration"),
    ("Should we make NPS part of every manager's objectives?", "nps", "aspiration"),
    ("Any way of spotting students likely to withdraw is absent at present.", "likely to withdraw", "negated"),
    ("Funding request: £40k for a churn model fed by survey verbatims.", "churn model", "aspiration"),
    ("Supplier to implement next-best-action prompts in the agent desktop.", "next best action", "aspiration"),
    ("Stand up a closed-loop team to call back every detractor.", "detractor", "aspiration"),
    ("We found little evidence of journey maps informing design.", "journey maps", "negated"),
    ("Churn prediction sits outside the scope of our current tooling.", "churn prediction", "negated"),
    ("Customer survey: n/a since 2019.", "customer survey", "negated"),
    ("Current-state mapping is absent for four journeys.", "current state mapping", "negated"),  # a whole word
    ("The firm has never appointed anyone to lead customer experience.", "customer experience", "negated"),
    ("No policy, pricing or product paper reaches the board without a customer-impact section.",
     "customer impact section", "current"),  # a universal across a list
    ("Service blueprints: none exist, so teams change steps without seeing the passenger.", "service blueprints",
     "negated"),  # not a universal: "without" is in the next clause
])
def test_polarity(sentence, term, expected):
    assert read(sentence, term) == expected


def test_a_limitation_is_denied_only_by_a_negation_before_it():
    def limitation(sentence, *terms):
        folded = fold(sentence)
        spans = tuple((folded.index(t), folded.index(t) + len(t)) for t in terms)
        return language.polarity(folded, spans, limitation=True)[0]

    # the negation among the terms is the limitation itself
    assert limitation("Our Head of CX can't get a ticket prioritised by Product.", "head of cx", "prioritised") == "current"
    assert limitation("We have never had a head of CX; support reports into the COO.", "head of cx") == "negated"


def test_a_second_negation_repeats_an_absence_the_signal_states():
    sentence = fold("Agents can't look anything up, as there is no single view of the customer.")
    start = sentence.index("no single view")
    assert language.polarity(sentence, ((start, start + len("no single view")),))[0] == "current"


def test_negation_inside_the_signal_is_not_a_negation():
    sentence = fold("There is no single view of the customer.")
    start = sentence.index("no single view")
    assert language.polarity(sentence, ((start, start + len("no single view")),))[0] == "current"


def test_sentences_split_on_punctuation_bullets_and_speakers():
    text = "We survey twice a year, e.g. in May. Results go to Ops.\n- Detractors are called\n- Maps exist\nAnna: we do it"
    parts = [text[a:b] for a, b in language.sentences(text)]
    assert parts == ["We survey twice a year, e.g. in May.", "Results go to Ops.", "- Detractors are called",
                     "- Maps exist", "Anna: we do it"]


def test_a_question_ending_its_line_ends_its_sentence():
    text = "do we have a journey map anywhere?\n> no, never made one"
    assert [text[a:b] for a, b in language.sentences(text)] == ["do we have a journey map anywhere?", "> no, never made one"]


def test_an_initial_does_not_end_a_sentence():
    text = "Exec owner: D. Achterberg, Chief Customer Officer. Next review in May."
    assert [text[a:b] for a, b in language.sentences(text)] == [
        "Exec owner: D. Achterberg, Chief Customer Officer.", "Next review in May."]


def test_very_long_sentences_are_cut():
    text = "word " * 400
    assert all(b - a <= 600 for a, b in language.sentences(text))


@pytest.mark.parametrize("passage,frame", [
    ("DRAFT - new starter week one: a session with the support team.", "draft"),
    ("Quarterly CSAT survey for all accounts. Status: proposal, for the next management meeting.", "status: proposal"),
    ("Set up a quarterly NPS survey. Blocked on choosing a tool.", "blocked on"),
    ("Option B on the table: tie team-lead bonuses to CSAT.", "option b on the table"),
    ("Move support onto the CRM, est. 8 pts.", "est. 8 pts"),
    ("We launched the CDP in March and it is live in every region.", ""),
    ("Whenever money is on the table the sales pipeline wins.", ""),  # an idiom, not an option
    ("The proposed changes were adopted last year.", ""),  # "proposed" only frames a passage it opens
    ("Head of Customer Experience (new role). You will build the function.", "(new role)"),
    ("The board approved a CCO post. Recruitment is under way.", "recruitment is under way"),
    ("Technology investment FY27:\n- API layer between billing and CRM", "technology investment fy27"),
    ("Roadmap principles: any item without a customer rationale is bounced.", ""),  # a rule in force
    ("Milestone 6 achieved: billing and CRM share context through APIs.", ""),
    ("FY27 workstream | Build service blueprints | Budget: $90k (requested)", "(requested)"),
    ("Sticky notes, 'Where we want to be in 3 yrs':\n- 'product roadmap set by customer pain'", "sticky notes, 'where we want to be in 3 yrs'"),
    ("Slide 19 - FY25 priorities\n- Blueprint claims and renewals journeys", "slide 19   fy25 priorities"),
    ("Q3 How are CX priorities reflected in budget decisions? | Answer: they are not", ""),  # a question, no heading
    ("Where we're heading\nCustomers hear from us before they notice a problem.", "where we're heading"),
    ("People priorities 2025. Customer values in every interview panel.", "people priorities 2025"),
    ("Head of Customer Experience - a new role. You will build the function.", "a new role"),
    ("This is our first Head of CX, reporting to the COO.", "is our first head"),
    ("We appointed our first Director of Customer Experience in the spring.", ""),  # done, not planned
    ("CX decides the roadmap. We're not there yet.", "not there yet"),
    ("HR Vision 2027 | All-employee bonus linked to NPS | Status: under discussion", "status: under discussion"),
    ("RFC-014: Customer 360 in Snowflake. Proposal: land all three sources.", "rfc"),
    ("O (draft, H1): Close the loop on negative feedback.", "(draft, h1)"),
    ("This is a brand-new role: you will build the CX function.", "is a brand new role"),
    ("HR roadmap 2026 - Fennick Valves. Phase 1 (Q1): a customer-values interview in every hiring loop.", "hr roadmap 2026"),
    ("This is a new post: the Federation's first dedicated lead for patient experience.", "is a new post"),
    ("One platform for every patient and a suggested next action for each. We're a long way off.", "a long way off"),
    ("Customer 360 MVP: join loyalty and booking data via API. Target: Q1 next year.", "target: q1"),
    ("Budget request ref. CC-14. Real-time speech analytics on every call.", "budget request"),
    ("Data strategy (draft v0.3). One customer data platform for every system.", "(draft v0.3)"),
    ("Option C: the CEO personally owns the mandate. For discussion at the offsite.", "for discussion at"),
    ("Vision 2031. Tenants choose us for how we treat them.", "vision 2031"),
])
def test_a_plan_frame_is_found_anywhere_in_a_passage(passage, frame):
    assert language.plan_frame(fold(passage), 1, passage.find("\n")) == frame


def test_a_long_passage_is_framed_only_by_its_opening():
    long = " ".join(["We call every detractor within two days."] * 6 + ["Subject to board approval, we add webchat."])
    assert language.plan_frame(fold(long), 7) == ""  # one plan among current facts
    assert language.plan_frame(fold(long), 6) == "subject to board approval"
    assert language.plan_frame(fold("Draft: " + long), 7) == "draft"
