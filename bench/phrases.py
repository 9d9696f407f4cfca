# ruff: noqa: E501, SIM905  (a data file: one sentence a line, names as word lists)
"""Hand-written phrase banks for the synthetic wire corpus (``bench/corpus.py``).

Placeholders, filled per story by ``corpus.Story``:

| token | becomes |
|---|---|
| ``<P>`` | the next person of the story: role and full name at first mention, surname afterwards |
| ``<O>`` | the next organisation: ``Full Name (ACR)`` at first mention, ``ACR`` afterwards |
| ``<C>`` / ``<C2>`` | the story's main country / another country it mentions |
| ``<D>`` / ``<D2>`` | their demonyms (adjectives) |
| ``<CITY>`` / ``<CITY2>`` | the dateline city / another city of the main country |
| ``<DAY>`` | the weekday of the story's date |
| ``<N>`` ``<NN>`` ``<PCT>`` ``<MONEY>`` ``<YEAR>`` ``<MONTH>`` ``<ORD>`` | numbers, amounts, a past year, a month, an ordinal |

Topics are the 17 IPTC top-level Media Topics (``plugins/wire_core/data/topics.yaml``); each
has headlines, leads, body sentences and quote clauses written in plain news language, so the
topic classifier meets the vocabulary it was built for and the corpus covers every topic.
"""

from __future__ import annotations

# (code, share of the wire, people/organisation domains, bank)
TOPICS: dict[str, dict] = {
    "politics": {
        "code": "medtop:11000000",
        "weight": 18,
        "domains": ("politics",),
        "headlines": [
            "<D> parliament approves <N>-point reform package after marathon debate",
            "<C> opposition calls protest after disputed election result",
            "<D> prime minister reshuffles cabinet amid coalition strain",
            "<C> president vetoes budget bill, setting up clash with lawmakers",
            "Voters in <C> head to polls in closely watched regional election",
            "<D> foreign minister meets <D2> counterpart on border dispute",
            "<C> ruling party picks new leader ahead of <YEAR2> vote",
        ],
        "leads": [
            "Lawmakers in <C> on <DAY> approved a contested package of constitutional amendments, handing the government broader powers over regional budgets after a debate that lasted more than <N> hours.",
            "<C>'s opposition called for nationwide protests on <DAY> after the electoral commission declared the ruling party the winner of a parliamentary election that observers said was marred by irregularities.",
            "<P> on <DAY> announced a sweeping cabinet reshuffle, replacing <N> ministers as the governing coalition struggled to hold together ahead of a confidence vote.",
            "Foreign ministers from <C> and <C2> met in <CITY> on <DAY> for talks aimed at easing a diplomatic row that has strained trade and travel between the two countries.",
        ],
        "body": [
            "The bill passed with <NN> votes in favour, and the opposition said it would challenge the result in the constitutional court.",
            "Turnout was about <PCT>, according to preliminary figures from the electoral commission.",
            "The governing coalition holds a narrow majority in parliament and has lost <N> seats in by-elections since the last general election.",
            "Opposition leaders accused the government of using the reform to weaken local councils and postpone municipal elections.",
            "The ministry of foreign affairs said the two sides had agreed to reopen consulates and resume talks on visas next month.",
            "Analysts said the vote was the biggest test of the prime minister's authority since the coalition took office in <YEAR>.",
            "Election observers from <O> said they had received reports of vote buying in several districts.",
            "The president has <N> days to sign the legislation or return it to parliament with objections.",
            "Diplomats said the dispute over the border crossing had been simmering for months before it escalated into sanctions.",
            "The new cabinet is expected to be sworn in on <DAY> and to present its programme to lawmakers within two weeks.",
        ],
        "quotes": [
            "This reform is about making the state work for ordinary citizens",
            "We will not accept a result that was decided before the first ballot was cast",
            "Dialogue is the only way to settle our differences",
            "The government has lost the trust of parliament and should resign",
            "Our coalition remains united on the priorities that matter to voters",
        ],
    },
    "economy": {
        "code": "medtop:04000000",
        "weight": 16,
        "domains": ("business",),
        "headlines": [
            "<D> central bank raises key rate to <PCT>, citing stubborn inflation",
            "<C> economy grows <PCT> in quarter as exports rebound",
            "<O_NAME> shares jump after profit beats forecasts",
            "<D> inflation slows for <ORD> straight month",
            "<C> and <C2> sign trade deal cutting tariffs on farm goods",
            "<O_NAME> agrees <MONEY> takeover of rival",
            "<D> stocks fall as bond yields climb",
        ],
        "leads": [
            "<C>'s central bank raised its benchmark interest rate by 50 basis points on <DAY>, saying inflation remained well above its target despite slowing economic growth.",
            "<C>'s economy expanded by <PCT> in the third quarter from a year earlier, official data showed on <DAY>, as exports of machinery and farm goods recovered.",
            "<O> reported a <PCT> rise in quarterly profit on <DAY>, beating analysts' forecasts as demand from retail customers held up better than expected.",
            "Consumer price inflation in <C> slowed to <PCT> in the year to last month, the statistics office said on <DAY>, easing pressure on households and on the central bank.",
        ],
        "body": [
            "The benchmark stock index closed down <PCT>, while the currency weakened against the dollar.",
            "The central bank's monetary policy committee said it would keep interest rates high until inflation was firmly on track to return to target.",
            "Economists polled before the data had expected growth of about <PCT>.",
            "Revenue rose to <MONEY>, helped by higher prices and a recovery in exports to <C2>.",
            "The company said it would cut costs by <MONEY> over the next two years and buy back shares.",
            "Bond yields rose to their highest in <N> months as investors priced in further rate increases.",
            "The trade deal removes tariffs on most farm goods and sets quotas for steel and cars over a five-year transition.",
            "Unemployment held steady at <PCT>, while wage growth slowed for a second quarter.",
            "The finance ministry lowered its growth forecast for the year and said the budget deficit would widen to <PCT> of gross domestic product.",
            "Shares of the bank rose <PCT> in early trading after it announced a dividend increase.",
        ],
        "quotes": [
            "Price pressures are easing, but it is too early to declare victory over inflation",
            "Demand from our customers remained resilient throughout the quarter",
            "The economy is slowing, and policy makers will have to respond",
            "This acquisition gives us the scale to compete in every major market",
            "Investors are looking for clarity on where interest rates go next",
        ],
    },
    "conflict": {
        "code": "medtop:16000000",
        "weight": 10,
        "domains": ("politics", "military"),
        "headlines": [
            "Air strikes kill <N> in eastern <C>, officials say",
            "<C> and rebels agree ceasefire after <N> weeks of fighting",
            "<D> troops withdraw from border town after clashes",
            "Peace talks on <C> conflict resume in <CITY2>",
            "Drone attack hits fuel depot in <C>",
            "UN envoy urges restraint as fighting spreads in <C>",
        ],
        "leads": [
            "Air strikes on two villages in eastern <C> killed at least <N> civilians on <DAY>, local officials said, as fighting between government forces and armed groups intensified.",
            "The government of <C> and an alliance of rebel groups agreed on <DAY> to a ceasefire brokered by <C2>, after weeks of fighting that displaced tens of thousands of people.",
            "<D> troops pulled back from a border town on <DAY> after two days of clashes with forces from <C2>, the defence ministry said.",
            "Negotiators for the warring parties in <C> resumed peace talks on <DAY>, with the mediators pressing for a humanitarian corridor and an exchange of prisoners.",
        ],
        "body": [
            "The military said its forces had destroyed <N> weapons depots and killed dozens of militants, a claim that could not be independently verified.",
            "Aid agencies said more than <NN> people had fled their homes since the offensive began.",
            "The ceasefire is to be monitored by a joint commission, with observers from <O>.",
            "Witnesses said artillery fire could be heard through the night on the outskirts of the town.",
            "The defence ministry said <N> soldiers had been wounded in the clashes and were being treated in a military hospital.",
            "Previous truces collapsed within days amid accusations from both sides of violations.",
            "The armed group said in a statement that it would withdraw its fighters from the main highway once the prisoner exchange was completed.",
            "The security council is expected to discuss the situation at an emergency session later this week.",
        ],
        "quotes": [
            "Civilians are paying the price for this war",
            "We are ready to lay down our weapons if the other side honours the agreement",
            "Our forces acted in self-defence and within the law",
            "A ceasefire is only the first step toward a lasting peace",
        ],
    },
    "crime": {
        "code": "medtop:02000000",
        "weight": 9,
        "domains": ("justice",),
        "headlines": [
            "<D> court jails former official for <N> years in corruption case",
            "Police in <C> arrest <N> over drug trafficking ring",
            "<C> supreme court overturns conviction of opposition figure",
            "Prosecutors charge <NN> in <MONEY> fraud scheme",
            "<D> judge orders release of detained journalist",
        ],
        "leads": [
            "A court in <CITY> on <DAY> sentenced a former senior official to <N> years in prison for taking bribes in exchange for public contracts, in one of the biggest corruption cases in <C> in years.",
            "Police in <C> arrested <N> people in raids on <DAY> that dismantled a drug trafficking network operating through the port of <CITY2>, the interior ministry said.",
            "<C>'s supreme court on <DAY> overturned the conviction of an opposition politician, ruling that the trial had violated his right to a fair hearing.",
            "Prosecutors in <C> have charged <N> people over a fraud scheme that cheated thousands of investors out of <MONEY>, the attorney general's office said on <DAY>.",
        ],
        "body": [
            "The judge also fined the defendant the equivalent of <MONEY> and barred him from holding public office.",
            "Defence lawyers said they would appeal against the verdict.",
            "Police seized <N> kilograms of cocaine, firearms and cash during the raids.",
            "The investigation began after a whistleblower alerted the anti-corruption agency, <O>.",
            "The suspects face charges of money laundering, fraud and membership of a criminal organisation.",
            "Human rights groups had criticised the detention, saying it was meant to silence critics of the government.",
            "The trial is expected to resume next month with testimony from <N> witnesses.",
            "The court ordered a retrial and said the defendant could remain free on bail.",
        ],
        "quotes": [
            "No one is above the law",
            "My client is innocent and we will prove it on appeal",
            "This network was responsible for much of the violence in our cities",
            "Justice has finally been done after years of delay",
        ],
    },
    "sport": {
        "code": "medtop:15000000",
        "weight": 10,
        "domains": ("sport",),
        "headlines": [
            "<C> beat <C2> <SCORE> to reach World Cup quarter-finals",
            "<P_NAME> wins marathon title in course record",
            "<D> striker signs for <O_NAME> in record transfer",
            "<C> stun champions <C2> in qualifier",
            "<P_NAME> retires after <N>-year career",
            "<D> tennis star reaches first grand slam final",
        ],
        "leads": [
            "<C> beat <C2> <SCORE> on <DAY> to reach the quarter-finals of the World Cup, with a late goal deciding a tense match in front of <NN> fans.",
            "<P> won the <CITY> marathon on <DAY> in a course record, pulling away from the leading group in the final five kilometres.",
            "<P> completed a record transfer to <O> on <DAY>, signing a five-year contract after a season in which he scored <N> goals.",
            "<C> stunned the defending champions <C2> in a qualifier on <DAY>, with their goalkeeper saving a penalty in stoppage time.",
        ],
        "body": [
            "The striker scored the winner in the <N>th minute, heading in a corner at the far post.",
            "The team will face the winner of the match between two group leaders in the next round.",
            "The coach made <N> changes to the starting line-up after a defeat in the previous match.",
            "The midfielder was sent off early in the second half after a second yellow card.",
            "The victory lifted the team to second place in the group standings, two points behind the leaders.",
            "The athlete finished in two hours, <N> minutes, ahead of the reigning world champion.",
            "The club did not disclose the fee, but media reports put it at about <MONEY>.",
            "The stadium was sold out weeks before the match, and thousands of fans watched on big screens in the capital.",
        ],
        "quotes": [
            "The players believed until the last second",
            "This is a gift for the whole nation",
            "We made mistakes, but we will learn from them before the next match",
            "Winning here has been my dream since I was a child",
        ],
    },
    "disaster": {
        "code": "medtop:03000000",
        "weight": 5,
        "domains": ("politics", "science"),
        "headlines": [
            "Earthquake of magnitude <MAG> strikes <C>, <N> dead",
            "Floods in <C> displace thousands after days of heavy rain",
            "Bus crash in <C> kills <N>",
            "Wildfire forces evacuations near <CITY2>",
            "Fire at factory in <C> kills <N> workers",
        ],
        "leads": [
            "An earthquake of magnitude <MAG> struck <C> on <DAY>, killing at least <N> people and collapsing dozens of buildings, the country's disaster management agency said.",
            "Floods caused by days of heavy rain have forced more than <NN> people from their homes in <C>, officials said on <DAY>, as rescue teams used boats to reach villages cut off by the water.",
            "A bus carrying passengers to <CITY2> plunged into a ravine on <DAY>, killing <N> people and injuring dozens, police in <C> said.",
            "A wildfire fanned by strong winds forced the evacuation of several villages near <CITY2> on <DAY>, as firefighters struggled to contain the blaze.",
        ],
        "body": [
            "Rescuers pulled <N> people alive from the rubble overnight, and search and rescue work was continuing.",
            "The quake was centred at a depth of about <N> kilometres and was felt in neighbouring provinces.",
            "The government declared a state of emergency in the affected districts and sent troops to help with the relief effort.",
            "Hospitals in the region said they were treating <NN> people for injuries.",
            "Emergency services said the death toll was likely to rise as teams reached remote areas.",
            "The fire destroyed about <NN> hectares of forest and farmland before it was brought under control.",
            "Authorities opened an investigation into the cause of the accident and detained the driver.",
            "Aid from <O> began arriving on <DAY>, including tents, blankets and medical supplies.",
        ],
        "quotes": [
            "We are doing everything we can to reach the people still trapped",
            "The water came so fast that we had no time to take anything",
            "Every minute counts in the first hours after a disaster",
        ],
    },
    "health": {
        "code": "medtop:07000000",
        "weight": 5,
        "domains": ("health",),
        "headlines": [
            "<C> launches vaccination drive as measles cases rise",
            "Cholera outbreak in <C> kills <N>",
            "<D> hospitals strain under surge in patients",
            "WHO approves new malaria vaccine for children",
            "<C> reports first case of new virus strain",
        ],
        "leads": [
            "<C> launched a nationwide vaccination campaign on <DAY> aiming to reach <NN> children, as health officials reported a sharp rise in measles cases.",
            "A cholera outbreak in <C> has killed <N> people and infected hundreds more, the health ministry said on <DAY>, urging residents to boil drinking water.",
            "Hospitals in <C> are running out of beds as a surge in respiratory infections fills emergency wards, doctors said on <DAY>.",
            "Health authorities in <C> confirmed the country's first case of a new strain of the virus on <DAY> and said they were tracing the patient's contacts.",
        ],
        "body": [
            "The health ministry said <NN> health workers had been deployed to vaccinate children under the age of five.",
            "The disease spreads through contaminated water and can kill within hours if left untreated.",
            "Doctors said patients were waiting up to <N> hours to be seen in emergency departments.",
            "The vaccine was shown to reduce severe cases by about <PCT> in clinical trials.",
            "The hospital said it had postponed non-urgent operations to free up beds and staff.",
            "Public health experts called for more funding for primary care and disease surveillance.",
            "The World Health Organization said the risk to the general public remained low.",
        ],
        "quotes": [
            "Vaccines save lives, and every child deserves to be protected",
            "Our doctors and nurses are exhausted",
            "Early treatment is the key to stopping the spread of the disease",
        ],
    },
    "environment": {
        "code": "medtop:06000000",
        "weight": 4,
        "domains": ("science", "politics"),
        "headlines": [
            "<C> pledges to cut emissions <PCT> by 2035",
            "Record heat bleaches coral reefs off <C>",
            "<D> court halts mine over pollution fears",
            "<C> expands protected forest area to save endangered species",
            "Solar and wind overtake coal in <C> power mix",
        ],
        "leads": [
            "<C> pledged on <DAY> to cut its greenhouse gas emissions by <PCT> by 2035, a target that climate campaigners said still fell short of what was needed to limit global warming.",
            "Scientists said on <DAY> that record ocean temperatures had bleached large parts of the coral reefs off <C>, threatening marine species and fishing communities.",
            "A court in <C> on <DAY> suspended work at a copper mine after residents complained that waste from the site was polluting rivers and farmland.",
            "Renewable energy from solar and wind farms generated more electricity in <C> than coal last year for the first time, according to a report published on <DAY>.",
        ],
        "body": [
            "The plan includes phasing out coal-fired power stations and expanding renewable energy capacity to <NN> megawatts.",
            "Environmental groups said the government had approved new oil and gas projects that would undermine the target.",
            "Researchers found that <PCT> of the reef had been affected, the highest share since monitoring began.",
            "The forest is home to several endangered species, including rare birds and primates.",
            "Carbon emissions from the power sector fell <PCT> last year as gas and coal plants ran less often.",
            "Residents reported dead fish in the river and said their crops had been damaged by contaminated water.",
            "Conservation groups welcomed the decision but said enforcement against illegal logging remained weak.",
        ],
        "quotes": [
            "Climate change is not a distant threat, it is happening now",
            "We cannot drink copper, and we cannot eat money",
            "Clean energy is now the cheapest source of power we have",
        ],
    },
    "science": {
        "code": "medtop:13000000",
        "weight": 4,
        "domains": ("science",),
        "headlines": [
            "<D> scientists map genome of rare plant",
            "<C> launches first satellite to monitor crops",
            "Researchers find ancient settlement under <D> desert",
            "<O_NAME> unveils artificial intelligence chip",
            "Space telescope spots water on distant planet",
        ],
        "leads": [
            "Scientists in <C> said on <DAY> they had mapped the full genome of a rare plant, a step that could help breed crops that survive drought.",
            "<C> launched its first satellite on <DAY>, a small spacecraft designed to monitor crops and water reserves from orbit.",
            "Archaeologists working in <C> have found the remains of a settlement more than <NN> years old, researchers said on <DAY>.",
            "<O> unveiled a new computer chip designed for artificial intelligence on <DAY>, saying it would cut the energy needed to train large models.",
        ],
        "body": [
            "The research was published in a peer-reviewed journal and involved <N> universities.",
            "The satellite will orbit at an altitude of about <NN> kilometres and send images back every day.",
            "The team used radar and drones to locate buried walls before beginning excavations.",
            "The company said the chip would go into mass production next year.",
            "The researchers said further studies were needed before the findings could be applied in the field.",
            "The space agency plans <N> more launches over the next five years.",
        ],
        "quotes": [
            "This discovery changes what we thought we knew about the region",
            "Technology like this can help farmers plan for a changing climate",
            "We are only at the beginning of understanding what the data can tell us",
        ],
    },
    "arts": {
        "code": "medtop:01000000",
        "weight": 5,
        "domains": ("culture",),
        "headlines": [
            "<D> film wins top prize at festival",
            "<P_NAME> returns with first album in <N> years",
            "Museum in <CITY2> returns looted artefacts to <C2>",
            "<D> novelist wins literary award",
            "Exhibition of <D> painters opens in <CITY>",
        ],
        "leads": [
            "A film by <P> won the top prize at an international festival on <DAY>, the first time a director from <C> has taken the award.",
            "<P> released a new album on <DAY>, the singer's first in <N> years, with a tour of <N> cities planned for next year.",
            "A museum in <CITY2> handed back <N> looted artefacts to <C2> on <DAY>, part of a wider effort to return objects taken during the colonial era.",
            "<P> won a national literary award on <DAY> for a novel about three generations of a family living through war and exile.",
        ],
        "body": [
            "The film tells the story of a young woman who leaves her village to work in the city.",
            "Critics praised the performances and the cinematography, and the film has been sold to distributors in <N> countries.",
            "The exhibition brings together more than <N> paintings, many of them shown in public for the first time.",
            "The album was recorded in <CITY> and features collaborations with musicians from <C2>.",
            "The museum said the objects would be displayed at the national museum after their return.",
            "The prize comes with <MONEY> and a translation grant.",
        ],
        "quotes": [
            "This award belongs to everyone who worked on the film",
            "Music was the only way I knew to tell this story",
            "These objects are part of our history, and they are finally coming home",
        ],
    },
    "labour": {
        "code": "medtop:09000000",
        "weight": 3,
        "domains": ("labour", "business"),
        "headlines": [
            "Workers at <O_NAME> strike over pay",
            "<D> unions call general strike against pension reform",
            "<C> raises minimum wage by <PCT>",
            "<D> railway staff walk out, halting trains",
        ],
        "leads": [
            "Thousands of workers at <O> walked off the job on <DAY>, demanding a pay rise to keep up with inflation, the union said.",
            "Unions in <C> called a general strike for <DAY> to protest against a pension reform that would raise the retirement age.",
            "<C>'s government raised the minimum wage by <PCT> on <DAY>, the biggest increase in a decade, after talks with unions and employers.",
            "Railway staff in <C> went on strike on <DAY>, halting most trains and leaving commuters stranded in <CITY>.",
        ],
        "body": [
            "The union said talks with management had broken down after the company offered a <PCT> raise.",
            "The strike is expected to affect <NN> workers and disrupt production at <N> plants.",
            "Employers' groups warned that a higher minimum wage could cost jobs in small businesses.",
            "The labour ministry said it would mediate between the two sides.",
            "Unemployment has fallen to <PCT>, giving workers more bargaining power.",
        ],
        "quotes": [
            "Our members cannot live on these wages",
            "We are ready to negotiate, but not under pressure",
            "Workers should not pay for a crisis they did not cause",
        ],
    },
    "education": {
        "code": "medtop:05000000",
        "weight": 2,
        "domains": ("education",),
        "headlines": [
            "<C> reopens schools after <N>-week closure",
            "Students in <C> protest over tuition fees",
            "<D> universities to expand places for medical students",
        ],
        "leads": [
            "Schools across <C> reopened on <DAY> after a closure of <N> weeks, with teachers and pupils returning to classrooms.",
            "Thousands of students marched through <CITY> on <DAY> to protest against a rise in university tuition fees.",
            "<C> will expand the number of places for medical students at its universities by <PCT>, the education ministry said on <DAY>.",
        ],
        "body": [
            "The education ministry said <NN> teachers would be hired to reduce class sizes.",
            "Student unions said the fees would put higher education out of reach for poorer families.",
            "The university said exams would be held online for students who could not travel.",
            "Schools in rural areas lack textbooks and qualified teachers, according to a government report.",
        ],
        "quotes": [
            "Education is the best investment a country can make",
            "We should not have to choose between studying and eating",
        ],
    },
    "society": {
        "code": "medtop:14000000",
        "weight": 3,
        "domains": ("politics", "society"),
        "headlines": [
            "<C> grants asylum to <NN> refugees",
            "Housing costs push young <D> families out of cities",
            "<C> census shows population ageing fast",
            "Migrants rescued off <C> coast",
        ],
        "leads": [
            "<C> granted asylum to <NN> refugees last year, the interior ministry said on <DAY>, as the number of applications reached its highest in a decade.",
            "Rising rents are pushing young families out of <CITY>, according to a survey published on <DAY>, with many moving to towns more than an hour away.",
            "The population of <C> is ageing faster than expected, the results of a national census showed on <DAY>.",
            "The coast guard rescued <N> migrants from a sinking boat off the coast of <C> on <DAY>, officials said.",
        ],
        "body": [
            "Most of the asylum seekers came from <C2> and neighbouring countries.",
            "Charities said the number of homeless families had doubled in five years.",
            "The share of people over 65 has risen to <PCT> of the population.",
            "The boat had left from <C2> two days earlier with about <N> people on board.",
            "Campaigners called on the government to build more social housing and protect tenants from evictions.",
        ],
        "quotes": [
            "These people fled war and deserve protection",
            "We work full time and still cannot afford a flat",
        ],
    },
    "religion": {
        "code": "medtop:12000000",
        "weight": 2,
        "domains": ("religion",),
        "headlines": [
            "Pilgrims gather in <CITY> for annual festival",
            "<D> church leader calls for peace",
            "Pope to visit <C> next month",
        ],
        "leads": [
            "Hundreds of thousands of pilgrims gathered in <CITY> on <DAY> for an annual religious festival, under tight security.",
            "<P> called for peace and reconciliation in a sermon on <DAY>, urging political leaders in <C> to end their feud.",
            "Pope Leo will visit <C> next month, the Vatican said on <DAY>, the first papal trip to the country in <N> years.",
        ],
        "body": [
            "The festival draws worshippers from across the region and from the diaspora.",
            "The church has played a role in mediating between the government and the opposition.",
            "Religious leaders of several faiths are expected to attend an interfaith meeting during the visit.",
            "Authorities deployed <NN> police officers to manage the crowds.",
        ],
        "quotes": [
            "Faith teaches us to forgive and to build bridges",
            "We pray for peace for all the people of this land",
        ],
    },
    "human_interest": {
        "code": "medtop:08000000",
        "weight": 2,
        "domains": ("culture", "society"),
        "headlines": [
            "Rescued elephant returns to the wild in <C>",
            "<D> woman celebrates 110th birthday",
            "Lost dog found <NN> kilometres from home",
        ],
        "leads": [
            "An elephant rescued from a circus was released into a national park in <C> on <DAY>, after two years of rehabilitation.",
            "A woman from <CITY> celebrated her 110th birthday on <DAY>, making her one of the oldest people in <C>.",
            "A dog that went missing during a storm was found <NN> kilometres from home on <DAY>, its owners said.",
        ],
        "body": [
            "Keepers said the animal had adapted well and would be tracked by a satellite collar.",
            "She credited her long life to walking every day and eating vegetables from her garden.",
            "Neighbours shared photographs of the animal on social media, which helped a volunteer recognise it.",
        ],
        "quotes": [
            "It was the happiest day of my life",
            "We never stopped believing we would see her again",
        ],
    },
    "lifestyle": {
        "code": "medtop:10000000",
        "weight": 1.5,
        "domains": ("culture", "business"),
        "headlines": [
            "Tourists return to <C> beaches as travel rebounds",
            "<D> restaurant earns third Michelin star",
            "Cycling boom transforms <CITY>",
        ],
        "leads": [
            "Tourist arrivals in <C> rose <PCT> in the summer season, the tourism ministry said on <DAY>, as hotels and airlines reported strong bookings.",
            "A restaurant in <CITY> was awarded a third Michelin star on <DAY>, the first in <C>.",
            "The number of people cycling to work in <CITY> has tripled in five years, city officials said on <DAY>.",
        ],
        "body": [
            "Hotels reported occupancy rates of about <PCT> in coastal resorts.",
            "The chef trained in <C2> before returning home to open the restaurant.",
            "The city has built <N> kilometres of protected bike lanes since <YEAR>.",
        ],
        "quotes": [
            "Travellers are coming back, and they are staying longer",
            "Good food starts with good local produce",
        ],
    },
    "weather": {
        "code": "medtop:17000000",
        "weight": 2,
        "domains": ("science",),
        "headlines": [
            "Heatwave sends temperatures past <N2> C in <C>",
            "Storm brings heavy snow and power cuts to <C>",
            "Drought hits harvests in <C>",
        ],
        "leads": [
            "Temperatures climbed above <N2> degrees Celsius across much of <C> on <DAY>, as a heatwave prompted health warnings and water restrictions.",
            "A winter storm brought heavy snow and strong winds to <C> on <DAY>, cutting power to <NN> homes and closing roads.",
            "A prolonged drought has cut harvests in <C> by about <PCT>, the agriculture ministry said on <DAY>.",
        ],
        "body": [
            "The weather service issued its highest alert level for <N> regions.",
            "Forecasters said the rain would not return before the end of the month.",
            "Rainfall has been less than half of the average for the season.",
            "Schools and offices closed early, and authorities urged people to stay indoors.",
        ],
        "quotes": [
            "We have never seen a season this dry",
            "People should check on elderly neighbours during the heat",
        ],
    },
}

# Sentences any story can use, whatever its topic.
GENERIC = [
    "The announcement came after weeks of speculation in local media.",
    "Officials did not give further details.",
    "The government has faced growing criticism over its handling of the issue.",
    "The decision is expected to be reviewed by a parliamentary committee.",
    "Local media reported that talks had continued late into the night.",
    "A spokesperson for <O> declined to comment.",
    "The measures take effect on the first day of next month.",
    "It was not immediately clear how many people were affected.",
    "The figures were released by <O> in a statement.",
    "<P> told reporters in <CITY> that more information would be released in the coming days.",
    "Residents of <CITY2> said they had been waiting for a decision for years.",
    "The issue is expected to feature in talks between <C> and <C2> later this month.",
    "Similar measures were introduced in <C2> in <YEAR> with mixed results.",
    "The plan still needs the approval of <O>.",
    "Critics say the changes do not go far enough.",
    "Earlier this year, <P> said the government would make the issue a priority.",
    "The report was based on data collected over <N> months.",
    "About <PCT> of those surveyed said they supported the proposal.",
    "The last comparable event took place in <MONTH> <YEAR>.",
    "<O> said it was monitoring the situation closely.",
    "Delegations from <C2> and <C3> are also expected to attend.",
    "The case has drawn attention well beyond <C>.",
    "Opposition politicians in <CITY> demanded an independent inquiry.",
    "The statement did not say when a final decision would be made.",
    "The move follows a similar announcement by <C2> last week.",
    "The ministry said it had set aside <MONEY> for the programme.",
    "Some <NN> people attended the event, according to organisers.",
    "A full report is due to be published by the end of the year.",
    "<P> is due to travel to <C2> next week.",
    "Regional leaders are scheduled to meet in <CITY2> in <MONTH>.",
]

QUOTES = [
    "We have been clear from the start about what we expect",
    "This is an important step, but much work remains",
    "Nobody wants to see the situation get worse",
    "We will study the details carefully before we respond",
    "The people deserve answers, and they deserve them now",
    "It is a difficult moment, but we are confident we can get through it",
    "There is no quick fix",
    "We welcome the decision and hope others will follow",
    "Our priority is the safety of the public",
    "This will take time",
    "We are open to talks with anyone who wants to find a solution",
    "The numbers speak for themselves",
]

SAY = ["said", "said", "said", "told reporters", "said in a statement", "told a news conference", "added"]

# Roles by domain: (form, text). "pre" goes before the name ("Finance Minister Ana Ruiz"),
# "app" after it as an appositive ("Ana Ruiz, an economist at <O>,").
ROLES: dict[str, list[tuple[str, str]]] = {
    "politics": [
        ("pre", "President"), ("pre", "Prime Minister"), ("pre", "Foreign Minister"),
        ("pre", "Interior Minister"), ("pre", "Finance Minister"), ("pre", "opposition leader"),
        ("pre", "lawmaker"), ("pre", "Senator"), ("app", "a government spokesperson"),
        ("pre", "Mayor"), ("pre", "Deputy Prime Minister"), ("app", "the speaker of parliament"),
        ("pre", "Defence Minister"), ("app", "a senior adviser to the president"),
    ],
    "military": [
        ("pre", "General"), ("pre", "Colonel"), ("app", "a military spokesman"),
        ("app", "a commander of the armed group"), ("pre", "army chief"),
    ],
    "business": [
        ("app", "the chief executive of <O>"), ("app", "an economist at <O>"), ("pre", "central bank governor"),
        ("app", "chief financial officer of <O>"), ("app", "an analyst at <O>"), ("pre", "Trade Minister"),
        ("app", "chairman of <O>"), ("pre", "Economy Minister"),
    ],
    "labour": [
        ("app", "the leader of <O>"), ("pre", "Labour Minister"), ("app", "a union representative"),
        ("app", "a spokesperson for <O>"),
    ],
    "justice": [
        ("pre", "Judge"), ("pre", "prosecutor"), ("app", "a defence lawyer"), ("pre", "Attorney General"),
        ("pre", "police chief"), ("app", "a spokesperson for the interior ministry"),
    ],
    "sport": [
        ("pre", "striker"), ("pre", "coach"), ("pre", "captain"), ("pre", "midfielder"), ("pre", "goalkeeper"),
        ("pre", "sprinter"), ("app", "the world champion"), ("pre", "Sports Minister"),
    ],
    "culture": [
        ("pre", "director"), ("pre", "actor"), ("pre", "singer"), ("pre", "novelist"),
        ("app", "the curator of the exhibition"), ("app", "the museum's director"), ("pre", "Culture Minister"),
    ],
    "science": [
        ("app", "a researcher at <O>"), ("pre", "Professor"), ("app", "a climate scientist at <O>"),
        ("app", "the head of <O>"), ("pre", "Dr."), ("app", "a geologist at <O>"),
    ],
    "health": [
        ("pre", "Health Minister"), ("pre", "Dr."), ("app", "an epidemiologist at <O>"),
        ("app", "the director of the hospital"), ("app", "a spokesperson for <O>"),
    ],
    "education": [
        ("pre", "Education Minister"), ("app", "the head of the teachers' union"), ("pre", "Professor"),
        ("app", "a student leader"),
    ],
    "religion": [
        ("pre", "Archbishop"), ("pre", "Imam"), ("pre", "Bishop"), ("app", "a senior cleric"),
        ("pre", "Rabbi"),
    ],
    "society": [
        ("app", "the head of <O>"), ("app", "a social worker"), ("pre", "Social Affairs Minister"),
        ("app", "a spokesperson for <O>"),
    ],
}  # fmt: skip

# Organisations known everywhere, by domain: (name, acronym or "").
INTERNATIONAL_ORGS: dict[str, list[tuple[str, str]]] = {
    "politics": [
        ("United Nations", "UN"), ("European Union", "EU"), ("African Union", "AU"),
        ("Organization for Security and Co-operation in Europe", "OSCE"),
        ("Association of Southeast Asian Nations", "ASEAN"), ("Organization of American States", "OAS"),
        ("Arab League", ""), ("Commonwealth Secretariat", ""), ("Inter-Parliamentary Union", "IPU"),
    ],
    "military": [
        ("North Atlantic Treaty Organization", "NATO"), ("United Nations Security Council", "UNSC"),
        ("International Committee of the Red Cross", "ICRC"),
    ],
    "business": [
        ("International Monetary Fund", "IMF"), ("World Bank", ""), ("World Trade Organization", "WTO"),
        ("Organization of the Petroleum Exporting Countries", "OPEC"),
        ("Organisation for Economic Co-operation and Development", "OECD"), ("Asian Development Bank", "ADB"),
        ("European Central Bank", "ECB"), ("Bank for International Settlements", "BIS"),
        ("Goldman Sachs", ""), ("JPMorgan", ""), ("Moody's", ""), ("Fitch Ratings", ""),
    ],
    "labour": [("International Labour Organization", "ILO"), ("International Trade Union Confederation", "ITUC")],
    "justice": [
        ("International Criminal Court", "ICC"), ("Interpol", ""), ("Transparency International", ""),
        ("Human Rights Watch", "HRW"), ("Amnesty International", ""),
    ],
    "sport": [
        ("FIFA", ""), ("International Olympic Committee", "IOC"), ("World Athletics", ""),
        ("Union of European Football Associations", "UEFA"), ("International Cricket Council", ""),
    ],
    "culture": [("UNESCO", ""), ("International Council of Museums", "ICOM")],
    "science": [
        ("European Space Agency", "ESA"), ("World Meteorological Organization", "WMO"),
        ("Intergovernmental Panel on Climate Change", "IPCC"), ("International Energy Agency", "IEA"),
        ("CERN", ""),
    ],
    "health": [
        ("World Health Organization", "WHO"), ("Doctors Without Borders", "MSF"), ("Gavi", ""),
        ("UNICEF", ""), ("Global Fund", ""),
    ],
    "education": [("UNESCO", ""), ("Education International", "")],
    "religion": [("World Council of Churches", "WCC"), ("Vatican", "")],
    "society": [
        ("UN High Commissioner for Refugees", "UNHCR"), ("International Organization for Migration", "IOM"),
        ("World Food Programme", "WFP"), ("Red Crescent", ""), ("Save the Children", ""),
    ],
}  # fmt: skip

# National organisations: a pattern per domain, filled with a country's name or demonym.
NATIONAL_ORG_PATTERNS: dict[str, list[str]] = {
    "politics": ["{D} National Assembly", "{D} Independent Electoral Commission", "{D} Democratic Alliance",
                 "{D} People's Party", "National Renewal Movement of {C}", "{D} Ministry of Foreign Affairs"],
    "military": ["{D} Armed Forces", "{D} National Guard", "{D} Liberation Front"],
    "business": ["Central Bank of {C}", "{D} National Bureau of Statistics", "{D} Stock Exchange",
                 "{D} Development Bank", "{D} Revenue Authority", "{D} Chamber of Commerce"],
    "labour": ["{D} Federation of Trade Unions", "{D} Union of Railway Workers", "{D} Teachers Union"],
    "justice": ["{D} Anti-Corruption Commission", "{D} Supreme Court", "{D} Federal Police",
                "Office of the Attorney General of {C}"],
    "sport": ["{D} Football Federation", "{D} Olympic Committee", "{D} Athletics Association"],
    "culture": ["{D} National Museum", "{D} Film Institute", "{D} Academy of Arts"],
    "science": ["{D} Space Agency", "{D} Meteorological Service", "{D} Institute of Geology",
                "{D} Academy of Sciences"],
    "health": ["{D} Ministry of Health", "{D} Centre for Disease Control", "{D} Medical Association"],
    "education": ["{D} Ministry of Education", "{D} National University", "{D} Students Union"],
    "religion": ["{D} Council of Churches", "{D} Islamic Council", "{D} Bishops Conference"],
    "society": ["{D} Red Cross", "{D} Refugee Council", "{D} Housing Agency"],
}  # fmt: skip

COMPANY_SUFFIXES = {
    "business": ["Holdings", "Group", "Energy", "Bank", "Capital", "Motors", "Telecom", "Mining", "Airlines",
                 "Logistics", "Foods", "Pharma", "Steel", "Insurance", "Systems"],
    "science": ["Technologies", "Labs", "Semiconductor", "Robotics", "Biotech"],
    "sport": ["United", "City", "Athletic", "Rovers", "FC"],
}  # fmt: skip

FIRST_NAMES = """
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph
Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Sandra Mark Ashley Paul Emily Steven
Michelle Andrew Laura Kenneth Rebecca Oliver Charlotte Harry Amelia George Olivia Noah Emma Lucas Sophie
Mohammed Fatima Ahmed Aisha Ali Zainab Omar Mariam Hassan Layla Khalid Noor Yusuf Hana Ibrahim Salma Tariq
Amina Karim Leila Mustafa Rania Hamza Yasmin Bilal Samira Jose Maria Juan Carmen Luis Ana Carlos Lucia
Miguel Isabel Javier Sofia Diego Valentina Alejandro Camila Pedro Gabriela Rafael Fernanda Andres Paola
Jean Marie Pierre Claire Francois Camille Antoine Chloe Nicolas Juliette Hans Anna Klaus Petra Stefan Katrin
Jurgen Monika Lars Ingrid Sven Astrid Erik Freya Dmitry Olga Sergei Natalia Alexei Irina Vladimir Elena
Andriy Oksana Taras Yulia Piotr Agnieszka Tomasz Katarzyna Milan Jelena Dragan Ivana Nikos Eleni Giorgos
Giulia Marco Francesca Luca Chiara Matteo Alessandra Rahul Priya Amit Anjali Sanjay Deepa Vikram Kavita
Arjun Neha Ravi Sunita Imran Ayesha Farhan Sana Asif Bushra Wei Li Jun Mei Hao Xin Lei Ying Hiroshi Yuki
Takeshi Aiko Kenji Sakura Minho Jiwoo Seojun Haeun Nguyen Linh Tuan Mai Somchai Siriporn Budi Siti Agus Dewi
Kwame Ama Kofi Abena Chinedu Ngozi Emeka Chiamaka Oluwaseun Funmilayo Tendai Nyasha Thabo Lerato Sipho
Zanele Juma Wanjiru Otieno Achieng Abdi Hodan Tesfaye Meron Moussa Aminata Ousmane Fatou Mamadou Awa
Joao Beatriz Tiago Mariana Rodrigo Larissa Mehmet Ayse Emre Elif Murat Zeynep Reza Shirin Dariush Parisa
Avi Noa Yosef Tamar Tane Aroha Kiri Mere Haruto Hina
""".split()

LAST_NAMES = """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Walker Hall Young King
Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Parker
Khan Ahmed Hussain Rahman Malik Sheikh Qureshi Chaudhry Siddiqui Haddad Mansour Khalil Nasser Saleh
Farouk Aziz Rahimi Hosseini Karimi Tehrani Yilmaz Kaya Demir Celik Sahin Ozturk Aydin Arslan Dogan
Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Ribeiro Fernandez Ramirez Torres Flores
Rivera Gomez Diaz Morales Ortiz Castillo Vargas Romero Herrera Medina Aguilar Dubois Lefebvre Moreau
Laurent Simon Michel Bernard Fournier Girard Mercier Muller Schmidt Schneider Fischer Weber Meyer Wagner
Becker Hoffmann Schulz Koch Richter Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino
Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Volkov Novak Kowalski Wisniewski Kovacs Horvath Nagy
Jovanovic Petrovic Nikolic Papadopoulos Georgiou Andersen Nielsen Hansen Johansson Larsson Virtanen
Kumar Singh Sharma Patel Gupta Reddy Iyer Nair Das Chatterjee Banerjee Mehta Joshi Rao Wang Zhang Liu Chen
Yang Huang Zhao Zhou Wu Sun Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kim Park Choi Jung Kang
Tran Le Pham Hoang Phan Vu Santoso Wijaya Hidayat Mensah Owusu Boateng Asante Okafor Okeke Adeyemi Balogun
Mwangi Kamau Odhiambo Wanjiku Mutua Kiprono Banda Phiri Dlamini Nkosi Ndlovu Mbeki Diallo Traore Kone
Toure Sow Ndiaye Keita Haile Tadesse Bekele Girma Cohen Levi Mizrahi Friedman Walker Ngata Parata
""".split()

# syllables for the long tail of surnames no list covers ("Korivescu", "Mbetalo")
ONSETS = "b k m n t d s r l v z g h j p ch sh kh br tr dr gr mb nd".split()
VOWELS = "a e i o u a e i o ai ou ia".split()
CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "v"]
SUFFIXES = ["ov", "ova", "escu", "ian", "ski", "son", "sen", "ez", "ini", "ato", "enko", "adze", "ashvili",
            "oglu", "ani", "ema", "ula", "ero", "ande", "ulu", "ak", "ic", "ović", "ides", "opoulos"]  # fmt: skip
