"""Classification: kinds, moved flags, shifts with their evidence, topics."""

from __future__ import annotations

import itertools

import pytest
from conftest import statement_of
from hypothesis import given
from hypothesis import strategies as st

from comparator.classify import ReviewBand, heaviest_increasing
from comparator.compare import compare_statements
from comparator.models import Kind, Shift
from comparator.shift import judge
from comparator.topics import WatchListError, default_watch_list, parse_watch_list

HEADER = "Japan-U.S. Defense Ministerial Meeting (Summary)\n\n(Press Release)\n\nMay 1, 2024\n\nMinistry of Defense\n\n"


def compare(old_body: str, new_body: str, embedder, band: ReviewBand = ReviewBand()):
    return compare_statements(statement_of(HEADER + old_body, "old.txt"), statement_of(HEADER + new_body, "new.txt"), embedder, band=band)


# One crafted case per rule of gold/FORMAT.md, "Shift" (not the gold's sentences): (old, new, shift, a reason it must give).
STATUS_QUO = "no unilateral attempt to change the status quo by force in the Indo-Pacific region would be accepted"
CLOSER = "the two countries would cooperate more closely than ever to prevent such attempts"
RULES = [
    # rule 1: replaced substance
    ("The Ministers confirmed cooperation with the ROK on maritime security.",
     "The Ministers confirmed cooperation with Vietnam on maritime security.", Shift.ALTERED, "rule 1: 'ROK' → 'Vietnam'"),
    ("The Ministers agreed to deploy 12 aircraft to the base.", "The Ministers agreed to deploy 9 aircraft to the base.",
     Shift.ALTERED, "rule 1: '12' → '9'"),
    ("We provided data to more than twenty countries.", "We provided data to more than thirty countries.",
     Shift.ALTERED, "rule 1: '20' → '30'"),  # a number in words, keyed by its value
    ("The Ministers held discussions from 9:50 for approximately 70 minutes at the Ministry.",
     "The Ministers held discussions at the Ministry. The discussions began at 9:50 and lasted approximately 85 minutes.",
     Shift.ALTERED, "rule 1: '70' → '85'"),  # an amount that moved as well as changed
    ("We set out the steps we will take over the coming year.", "We set out the steps we will take in the year ahead.",
     Shift.NEUTRAL, None),  # one time said two ways
    ("The Ministers confirmed that they would accept the change.", "The Ministers confirmed that they would not accept the change.",
     Shift.ALTERED, "rule 1: negation added: 'would not accept'"),
    ("The Ministers opposed all attempts to change the status quo.", "The Ministers opposed some attempts to change the status quo.",
     Shift.ALTERED, "rule 1: scope 'all' → 'some'"),
    ("We will deepen cooperation across the Indo-Pacific.", "We will deepen cooperation across the Pacific.",
     Shift.ALTERED, "rule 1: 'Indo-Pacific' → 'Pacific'"),  # a combining form makes one name, not two
    ("We will enhance cooperation on cyber security, critical technologies and space.",
     "We will enhance cooperation on cyber security, critical technologies and undersea cables.",
     Shift.ALTERED, "rule 1: 'space' → 'undersea cables'"),  # one item of a list in place of another
    ("We will enhance cooperation on space, critical technologies and cyber security.",
     "We will enhance cooperation on critical technologies, space and cyber security.", Shift.NEUTRAL, None),  # an item moved
    ("We agreed to deepen and expand cooperation on cyber security.", "We agreed to deepen and broaden cooperation on cyber security.",
     Shift.NEUTRAL, None),  # a word of a phrase, not a whole item: a synonym
    ("Recognizing the stakes, the Ministers agreed to promote research on hypersonic technology as well as space and cyber security.",
     "The Ministers decided to promote research on hypersonic technology and undersea cables.",
     Shift.WEAKENED, "rule 2: left out of a list: 'as well as space'"),  # a recast sentence: no item stands in another's place
    # rule 1's exception: deadlines (a later year is later, not merely another date)
    ("The Ministers confirmed the goal by the end of 2025.", "The Ministers confirmed the goal by the end of 2026.",
     Shift.WEAKENED, "rule 1: deadline later: 'by the end of 2025' → 'by the end of 2026'"),
    ("The President thanked them for the welcome and stated that he hoped the two countries would build a future-oriented relationship.",
     "The President thanked them for the welcome, and expressed his hope that the two countries would build a future-oriented relationship.",
     Shift.NEUTRAL, None),  # "hoped" is an inflection of the hedge "hope"
    ("They called on all States to fully implement the resolutions.", "They called on all States to implement the resolutions in full.",
     Shift.NEUTRAL, None),  # one intensifier said two ways
    ("The Prime Ministers affirmed their intention to further deepen defense cooperation.",
     "The Prime Ministers affirmed that they intend to further deepen defense cooperation.", Shift.NEUTRAL, None),  # one hedge, two ways
    ("We intend to conduct a second mission in 2026.", "We intend to conduct a second mission by the end of 2027.",
     Shift.WEAKENED, "rule 1: deadline later: 'in 2026' → 'by the end of 2027'"),  # the time an act was set for was its deadline
    ("We expect to complete the review by the end of the second quarter of 2026.", "We now expect to complete the review by the end of 2026.",
     Shift.WEAKENED, "rule 1: deadline later: 'by the end of the second quarter of 2026' → 'by the end of 2026'"),
    ("The Ministers agreed to open the office.", "The Ministers agreed to open the office by 2027.",
     Shift.STRENGTHENED, "rule 1: deadline added: 'by 2027'"),
    ("They would finish the runway as soon as possible.", "They would finish the runway in the long term.",
     Shift.WEAKENED, "rule 1: deadline later: 'as soon as possible' → 'in the long term'"),
    ("We will hold an in-person summit by the end of 2021.", "We will hold an in-person summit by mid-2021.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by the end of 2021' → 'by mid-2021'"),  # within one year too
    ("They will finish the work within five years.", "They will finish the work within three years.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'within five years' → 'within three years'"),
    # a deadline inside a year: its month, quarter or half
    ("The Bank will complete the review by June 2025.", "The Bank will complete the review by December 2025.",
     Shift.WEAKENED, "rule 1: deadline later: 'by June 2025' → 'by December 2025'"),
    ("The Bank will complete the review by June 2025.", "The Bank will complete the review by the third quarter of 2025.",
     Shift.WEAKENED, "rule 1: deadline later: 'by June 2025' → 'by the third quarter of 2025'"),
    ("The review will be complete by June 2026.", "The review will be complete by early June 2026.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by June 2026' → 'by early June 2026'"),
    ("Purchases will fall to 3 trillion yen by January-March 2026.", "Purchases will fall to 3 trillion yen by April-June 2026.",
     Shift.WEAKENED, "rule 1: deadline later: 'by January-March 2026' → 'by April-June 2026'"),  # a range ends in its last month
    ("The review will be complete by early June 2026.", "The review will be complete by March 2026.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by early June 2026' → 'by March 2026'"),
    ("They will hold the first meeting by the end of 2026.", "They will hold the first meeting by March 2026.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by the end of 2026' → 'by March 2026'"),
    ("They will hold the first meeting by Q3 2026.", "They will hold the first meeting by Q1 2026.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by Q3 2026' → 'by Q1 2026'"),  # a quarter in a deadline is no name
    ("They will reach the goal by the end of FY2026.", "They will reach the goal by the end of FY2027.",
     Shift.WEAKENED, "rule 1: deadline later: 'by the end of FY2026' → 'by the end of FY2027'"),
    # a name replaced from its second word
    ("The Ministers welcomed the relocation of units to Camp Hansen.", "The Ministers welcomed the relocation of units to Camp Schwab.",
     Shift.ALTERED, "rule 1: 'Camp Hansen' → 'Camp Schwab'"),
    ("They opposed coercion in the South China Sea.", "They opposed coercion in the South Pacific.",
     Shift.ALTERED, "rule 1: 'South China Sea' → 'South Pacific'"),
    # a direction reversed
    ("Headline inflation declined to 2.6 percent in May.", "Headline inflation rose to 2.6 percent in May.",
     Shift.ALTERED, "rule 1: direction 'declined' → 'rose'"),
    ("Risks to the outlook are tilted to the downside.", "Risks to the outlook are tilted to the upside.",
     Shift.ALTERED, "rule 1: direction 'downside' → 'upside'"),
    ("The Committee agreed to reduce the cash rate by 25 basis points to 2.5 percent.", "The Committee agreed to hold the cash rate at 2.5 percent.",
     Shift.ALTERED, "rule 1: direction 'reduce' → 'hold'"),  # a setting held in place of changed: another decision
    ("The Committee decided to maintain the target range at 5-1/4 to 5-1/2 percent.",
     "The Committee decided to maintain the target range at 4-3/4 to 5 percent.", Shift.ALTERED, "rule 1: '5-1/4' → '4-3/4'"),  # a fraction is one number
    ("The Council decided to lower the key rates by 25 basis points.", "The Council decided to keep the key rates unchanged.",
     Shift.ALTERED, "rule 1: '25' → 'unchanged'"),  # an amount in place of which another value is stated
    ("The Council decided to keep the key rates unchanged.", "The Council decided to lower the key rates by 25 basis points.",
     Shift.ALTERED, "rule 1: 'unchanged' → '25'"),
    ("The Ministers welcomed the outcome of the meeting held the previous day and agreed to further strengthen cooperation.",
     "Based on the summit on February 7, the Ministers agreed to further strengthen cooperation.",
     Shift.ALTERED, "rule 1: 'previous day' → 'february', '7'"),  # a date that moved as well as changed
    ("The U.S. commitment to extended deterrence, including nuclear capabilities, remains unwavering.",
     "The U.S. commitment to extended deterrence remains unwavering.",
     Shift.WEAKENED, "rule 2: left out of a list: ', including nuclear capabilities,'"),  # "including space" → nothing
    ("The Ministers confirmed that they would work to ensure that extended deterrence remains credible.",
     "The Ministers confirmed that they would work to keep extended deterrence, including nuclear capabilities, credible.",
     Shift.STRENGTHENED, "rule 2: added to a list: ', including nuclear capabilities,'"),  # "remains" is grammar, not an item
    ("We recognize the challenges of climate change.", "In particular, we recognize the challenges of climate change.",
     Shift.NEUTRAL, None),  # an inclusion with no item after it adds nothing
    ("The Ministers agreed to expand the use of unmanned aerial vehicles.", "The Ministers agreed to expand the use of unmanned systems.",
     Shift.WEAKENED, "rule 2: made general: 'aerial vehicles' → 'systems'"),  # specific → general of the same kind
    ("The Ministers agreed to expand the use of unmanned systems.", "The Ministers agreed to expand the use of unmanned aerial vehicles.",
     Shift.STRENGTHENED, "rule 2: made specific: 'systems' → 'aerial vehicles'"),
    ("We welcomed their efforts to reinforce defense capabilities.", "We welcomed their determination to reinforce defense capabilities.",
     Shift.NEUTRAL, None),  # one noun for another is no generalisation
    ("The Ministers welcomed the decision to reorganize the 12th Marine Regiment into the 12th Marine Littoral Regiment.",
     "The Ministers welcomed the decision to reorganize the 3rd Marine Regiment into the 12th Marine Littoral Regiment.",
     Shift.ALTERED, "rule 1: '12th' → '3rd'"),  # one of two mentions replaced
    ("The Ministers confirmed that no unilateral attempt to change the status quo would be accepted.",
     "The Ministers confirmed that unilateral attempts to change the status quo would not be accepted.", Shift.NEUTRAL, None),  # the negation only moved
    ("We state unequivocally that any use of a nuclear weapon would be inadmissible.",
     "We state that any use of a nuclear weapon would be inadmissible.", Shift.WEAKENED, "rule 2: intensifier removed: 'unequivocally'"),
    ("The Ministers concurred to expand bilateral training.", "The Ministers concurred to examine expanding bilateral training.",
     Shift.WEAKENED, "rule 2: hedge added: 'to examine'"),
    ("The Ministers welcomed the deployment.", "The Ministers touched upon the deployment.",
     Shift.WEAKENED, "rule 2: verb 'welcomed' → 'touched upon' (clause 1)"),  # off the ladder: the rung of "discussed"
    ("The two leaders will seek to: promote investment; strengthen supply chains; and enhance security.",
     "The two leaders will seek to: promote investment; strengthen supply chains. They will also seek to enhance security.",
     Shift.NEUTRAL, None),  # a split restates its hedge
    ("We will firmly defend the islands and firmly defend the seas.", "We will firmly defend the islands and defend the seas.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'firmly'"),  # within one sentence, each occurrence counts
    ("The Ministers condemned the missile launches.", "The Ministers confirmed that the missile launches were a threat.",
     Shift.WEAKENED, "rule 2: verb 'condemned' → 'confirmed' (clause 1)"),  # a condemnation is said as firmly as "stressed"
    ("Japan will not deploy missiles and will consider drones.", "Japan will deploy missiles and will not consider drones.",
     Shift.ALTERED, "rule 1: negation removed: 'will not deploy'"),  # a negation moved to another clause flips both
    ("We will finish the runway by the end of this year.", "We will finish the runway by early next year.",
     Shift.WEAKENED, "rule 1: deadline later: 'by the end of this year' → 'by early next year'"),
    ("The Ministers noted the particularly strong ties.", "The Ministers affirmed the ties.",
     Shift.ALTERED, "rule 2: verb 'noted' → 'affirmed' (clause 1)"),  # "particularly strong" is an intensifier, not an item
    ("The Ministers will issue the report.", "The Ministers will publish and circulate the report.", Shift.NEUTRAL, None),
    ("The Ministers confirmed that they would continue to discuss the procedures, including through a working group.",
     "The Ministers confirmed that the procedures would continue to be discussed, including through a working group.",
     Shift.NEUTRAL, None),  # "to be discussed" as "to discuss": no verb of the ladder
    ("The Ministers confirmed that they would continue to discuss the procedures and ways to strengthen cooperation, as they upgrade their frameworks.",
     "The Ministers confirmed that, as they upgrade their frameworks, they would keep discussing the procedures and ways to bolster cooperation.",
     Shift.NEUTRAL, None),  # a clause moved, its words inflected ("discuss", "discussing") and swapped for synonyms
    ("The Ministers affirmed the importance of Japan-Australia-U.S. trilateral cooperation and confirmed that they would deepen exercises.",
     "The Ministers affirmed the importance of trilateral cooperation among Japan, Australia and the United States. They confirmed that they would deepen exercises.",
     Shift.NEUTRAL, None),  # the parties of a compound said out, after a preposition that is no item
    ("The Ministers held discussions from 9:50 for approximately 85 minutes.", "The Ministers held talks that began at 9:50 and lasted approximately 85 minutes.",
     Shift.NEUTRAL, None),  # "and lasted" stands for "for": a phrase recast, no item added
    ("The Ministers confirmed that they would steadily implement trilateral cooperation, including trilateral exercises.",
     "The Ministers confirmed that they would implement trilateral cooperation, including trilateral exercises, and that they would strengthen trilateral deterrence.",
     Shift.ALTERED, "rule 2: clause added: ', and that they would strengthen trilateral deterrence'"),  # "and that": a clause of its own
    ("The Committee will adjust its instruments as appropriate.", "The Committee will adjust its instruments as appropriate and if needed.",
     Shift.WEAKENED, "rule 2: hedge added: 'if needed'"),  # a hedge after "and" is no item of a list
    ("The Committee will adjust all of its instruments.", "The Committee stands ready to adjust all of its instruments.",
     Shift.WEAKENED, "rule 2: hedge added: 'ready to'"),
    # a hedge lifted with the act it qualified: a commitment left out, not made firmer
    ("The Ministers confirmed that they would monitor the situation and, where possible, respond to it.",
     "The Ministers confirmed that they would monitor the situation.",
     Shift.WEAKENED, "rule 2: clause left out: 'where possible, respond to it'"),
    ("The Ministers confirmed that they would monitor the situation and, where possible, respond to it.",
     "The Ministers confirmed that they would monitor the situation and respond to it.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'where possible'"),
    ("We will expand exercises and may deploy ships.", "We will expand exercises.", Shift.WEAKENED, "rule 2: clause left out: 'may deploy ships'"),
    ("The Committee will adjust policy as appropriate to support growth.", "The Committee will adjust policy.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'as appropriate'"),  # a hedge after its act qualifies what it follows
    ("Price pressures remain elevated in the services sector.", "Price pressures remain elevated outside the services sector.",
     Shift.ALTERED, "rule 1: scope 'in' → 'outside'"),
    ("Inflation is forecast to remain above the 2–3 per cent range.", "Inflation is forecast to remain within the 2–3 per cent range.",
     Shift.ALTERED, "rule 1: scope 'above' → 'within'"),
    ("Inflation is forecast to remain above the target.", "Inflation is forecast to remain below the target.",
     Shift.ALTERED, "rule 1: direction 'above' → 'below'"),  # "above" is outside a range, and up
    ("We weighed the risks outlined above.", "We weighed the risks outlined below.", Shift.NEUTRAL, None),  # it points within the text
    ("They would mitigate the impact on the local communities including Okinawa.", "They would mitigate the impact on the local communities outside Okinawa.",
     Shift.ALTERED, "rule 1: scope 'including' → 'outside'"),
    ("The Ministers reiterated the importance of peace across the Taiwan Strait.", "The Ministers reiterated the significance of peace across the Taiwan Strait.",
     Shift.NEUTRAL, None),  # one hedge for another
    ("We call on all countries to enforce sanctions.", "We call on all countries to strictly enforce sanctions.",
     Shift.STRENGTHENED, "rule 2: intensifier added: 'strictly'"),
    ("Wage pressures look to be moderating.", "Wage pressures are moderating.", Shift.STRENGTHENED, "rule 2: hedge removed: 'look to be'"),
    ("The Bank will continue to reduce its holdings.", "The Bank is prepared to continue to reduce its holdings.",
     Shift.WEAKENED, "rule 2: hedge added: 'prepared to'"),
    ("We oppose coercion in the East China Sea and the South China Sea.", "We oppose coercion in the Indo-Pacific region.",
     Shift.WEAKENED, "rule 2: made general: 'East China Sea', 'South China Sea' → 'Indo-Pacific'"),  # a world region is wider
    ("We oppose coercion in the Indo-Pacific.", "We oppose coercion in the Euro-Atlantic.",
     Shift.ALTERED, "rule 1: 'Indo-Pacific' → 'Euro-Atlantic'"),  # one region for another
    ("The Ministers stressed that the security of Europe and that of the Indo-Pacific are inseparable.",
     "The Ministers stressed that European and Indo-Pacific security are inseparable.", Shift.NEUTRAL, None),  # a place's adjective
    ("The Council will reduce the Eurosystem's holdings under the pandemic emergency purchase programme (PEPP) by €7.5 billion.",
     "The Council will reduce the Eurosystem's PEPP holdings by €7.5 billion.", Shift.NEUTRAL, None),  # the acronym says its words
    ("The Council will reduce holdings under the pandemic emergency purchase programme (PEPP) by €7.5 billion per month.",
     "The Council will reduce the PEPP's holdings by €7.5 billion per month.", Shift.NEUTRAL, None),
    ("We oppose coercion in the Indo-Pacific.", "We oppose coercion in the East and South China Seas.",
     Shift.STRENGTHENED, "rule 2: made specific: 'Indo-Pacific' → 'East', 'South China Seas'"),
    ("We will deepen cooperation in Europe.", "We will deepen cooperation in Japan.", Shift.ALTERED, "rule 1: 'Europe' → 'Japan'"),  # no place on the map
    ("They condemned the blocking at Second Thomas Shoal.", "They condemned the blocking in the South China Sea.",
     Shift.WEAKENED, "rule 2: made general: 'Second Thomas Shoal' → 'South China Sea'"),  # a landmark lies within a sea
    ("MQ-9s deployed to MSDF Kanoya Air Base play a role.", "MQ-9s deployed to Japan play a role.",
     Shift.WEAKENED, "rule 2: made general: 'MSDF Kanoya Air Base' → 'Japan'"),  # a facility lies within its country
    ("Astronauts will fly to the Moon.", "Astronauts will fly to the International Space Station.",
     Shift.ALTERED, "rule 1: 'Moon' → 'International Space Station'"),
    ("They condemned the blocking at Scarborough Shoal.", "They condemned the blocking at Second Thomas Shoal.",
     Shift.ALTERED, "rule 1: 'Scarborough Shoal' → 'Second Thomas Shoal'"),
    ("We respect the sovereignty of the Philippines.", "We respect Philippine sovereignty.", Shift.NEUTRAL, None),
    ("They welcomed rotations of bomber aircraft, fighter aircraft and maritime patrol aircraft to Australia.",
     "They welcomed rotations of bomber aircraft and fighter aircraft to Australia.",
     Shift.WEAKENED, "rule 2: left out of a list: 'and maritime patrol aircraft'"),  # where the repeated word lets the item stand
    ("Consumption has been rising. Business investment has been rising.", "Consumption and business investment have been rising.",
     Shift.NEUTRAL, None),  # a sentence's capitalised first word, in lower case elsewhere, is no name
    ("They would expand UAVs-related cooperation and deepen ties.", "They would expand cooperation related to UAVs and deepen ties.",
     Shift.NEUTRAL, None),  # a name and the word joined after it, said apart
    ("They welcomed the Japan-led initiative.", "They welcomed the U.S.-led initiative.", Shift.ALTERED, "rule 1: 'Japan' → 'U.S.'"),
    ("They welcomed the Japan-led initiative.", "Japan-led initiatives were welcomed.", Shift.NEUTRAL, None),  # wherever it stands
    ("They reviewed the Mid-term Defense Program.", "They reviewed the Mid-term Defense Program again.", Shift.NEUTRAL, None),  # no name "Mid"
    ("The Committee will adjust policy, as appropriate, to support growth.", "The Committee will adjust policy.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'as appropriate'"),  # a comma opens no coordinated act
    ("Inflation rose in Japan last year and in Korea and wages fell in the services sector this spring.",
     "Inflation rose and wages fell.", Shift.WEAKENED, "rule 2: clause left out: 'in the services sector this spring'"),
    # a clause left out in two stretches around kept words counts once, quoted in both places
    ("Minister Kishi requested that the U.S. side give full consideration to the local communities, including in preventing "
     "incidents and accidents and in measures against COVID-19.",
     "Minister Kishi requested attention to the local communities.",
     Shift.WEAKENED, "rule 2: clause left out: 'that the U.S. side give full consideration' … ', including in preventing incidents"),
    ("Some of the upside risks to inflation appear to have eased.", "Some of the upside risks to inflation have eased.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'appear to'"),
    ("We welcome the EU-Japan Strategic Partnership Agreement.", "We welcome the Strategic Partnership Agreement between the EU and Japan.",
     Shift.NEUTRAL, None),  # the parties of a compound name are said in it
    # a participle after a comma governs the clause after it: "..., and confirmed X" merged into "..., confirming X"
    ("The Ministers reaffirmed their resolve to defend the islands, and confirmed that Japan would continue to deploy frigates.",
     "The Ministers reaffirmed their resolve to defend the islands, confirming that Japan would continue to deploy frigates.",
     Shift.NEUTRAL, None),
    ("The Ministers reaffirmed their resolve to defend the islands, and confirmed that Japan would continue to deploy frigates.",
     "The Ministers reaffirmed their resolve to defend the islands, noting that Japan would continue to deploy frigates.",
     Shift.WEAKENED, "rule 2: verb 'confirmed' → 'noting' (clause 2)"),
    ("The leaders met at the ASEAN Five Point Consensus meeting.", "The leaders met at the ASEAN Five-Point Consensus meeting.",
     Shift.NEUTRAL, None),  # one name, hyphenated or not
    ("The Ministers condemned North Korea’s missile launches.", "The Ministers condemned the DPRK’s missile launches.",
     Shift.NEUTRAL, None),  # aliases name one party
    ("It was the largest deployment since the Second World War.", "It was the largest deployment since World War II.",
     Shift.NEUTRAL, None),
    ("They will deepen cooperation with the ROK.", "They will deepen cooperation with North Korea.",
     Shift.ALTERED, "rule 1: 'ROK' → 'North Korea'"),
    ("We, the Leaders of Australia, Japan and India, reaffirm our commitment to peace.",
     "We, the Leaders of Australia, Japan and India, note our commitment to peace.",
     Shift.WEAKENED, "rule 2: verb 'reaffirm' → 'note' (clause 1)"),  # the verb after an apposition
    ("We call on North Korea to abandon its programs.", "We encourage North Korea to abandon its programs.",
     Shift.WEAKENED, "rule 2: verb 'call on' → 'encourage' (clause 1)"),
    ("We strongly condemn the attack.", "We condemn the attack in the strongest terms.", Shift.NEUTRAL, None),
    ("We reaffirm the importance of peace across the Strait and call for the peaceful resolution of issues.",
     "We reaffirm the importance of peace across the Strait and encourage the peaceful resolution of issues.",
     Shift.WEAKENED, "rule 2: verb 'call for' → 'encourage' (clause 2)"),  # a second verb joined by "and" alone
    ("We condemn the sharp increase in settler violence.", "We are concerned by the sharp increase in settler violence.",
     Shift.WEAKENED, "rule 2: verb 'condemn' → 'are concerned' (clause 1)"),  # "are concerned by" is no participle with its agent
    ("Regarding North Korea, the Ministers condemned its growing military cooperation with Russia.",
     "Regarding North Korea, the Ministers condemned its growing military cooperation with Russia, including the dispatch of North Korean troops.",
     Shift.STRENGTHENED, "rule 2: added to a list: ', including the dispatch of North Korean troops'"),  # one item, however long
    ("The Council reaffirms its readiness to contribute to guarantees for Ukraine and welcomes the work of the coalition.",
     "The Council reaffirms its readiness to contribute to guarantees for Ukraine and takes note of the work of the coalition.",
     Shift.WEAKENED, "rule 2: verb 'welcomes' → 'takes note' (clause 2)"),  # a verb of several words, whatever follows it
    ("We will scale up our forward land forces to brigade-size units where and when required.",
     "We will scale up our forward land forces to brigade-size units.", Shift.STRENGTHENED, "rule 2: hedge removed: 'where and when required'"),
    ("Higher defence spending should support growth over the medium term.", "Higher defence spending will support growth over the medium term.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'should'"),
    ("They condemned its ballistic missile development, including the launches of intercontinental ballistic missiles, and urged restraint.",
     "They condemned its ballistic missile development and urged restraint.",
     Shift.WEAKENED, "rule 2: left out of a list: ', including the launches of intercontinental ballistic miss…'"),  # its closing comma too
    ("They reaffirmed their commitment to deliver a fighter aircraft together with Italy by 2035.",
     "They reaffirmed their commitment to deliver a fighter aircraft together with Italy, with the aim of entry into service in 2035.",
     Shift.WEAKENED, "rule 2: hedge added: 'with the aim of'"),  # the year kept, an aim in place of a deadline
    ("We reiterated our support for Ukraine within its internationally recognised borders and our commitment to continue providing support.",
     "We reiterated our support for Ukraine within its internationally recognised borders. We also reiterated our commitment to continue to provide support.",
     Shift.NEUTRAL, None),  # "its internationally recognised borders": a participle describing a noun, no verb
    ("The Ministers agreed to complete the review by the end of 2025.", "The Ministers, meeting in Tokyo in 2024, agreed to complete the review.",
     Shift.WEAKENED, "rule 1: deadline gone: 'by the end of 2025'"),  # a time elsewhere in the sentence is no deadline
    ("We intend to conduct a second mission in 2026.", "We intend to conduct a second mission by the end of 2026.",
     Shift.NEUTRAL, None),  # the time it was set for, said as a deadline
    ("Noting the talks, we agree that the alliance remains strong.", "We welcome the talks and agree that the alliance remains strong.",
     Shift.NEUTRAL, None),  # "agree" still governs its clause, read or not
    ("This reaffirms our commitment to the region.", "This notes our commitment to the region.",
     Shift.WEAKENED, "rule 2: verb 'reaffirms' → 'notes' (clause 1)"),  # "This" is a subject, no determiner of a participle
    ("We will cooperate on oil, coal and gas.", "We will cooperate on oil, coal and gases.", Shift.NEUTRAL, None),
    ("We welcome the ceasefire and again call for the release of all hostages.",
     "We welcome the ceasefire and again encourage the release of all hostages.",
     Shift.WEAKENED, "rule 2: verb 'call for' → 'encourage' (clause 2)"),  # "and again call for" opens a clause
    ("We welcome the efforts of the United States to bring about a ceasefire, and we agree that peace must be achieved.",
     "We welcome the United States' efforts to achieve a ceasefire and agree that peace must be reached.",
     Shift.NEUTRAL, None),  # "agree" read as no verb of its own is still the verb it was
    ("They will invest in semiconductors, pharmaceuticals, critical minerals, energy, and shipbuilding.",
     "They will invest in semiconductors, critical minerals, energy, and shipbuilding.",
     Shift.WEAKENED, "rule 2: left out of a list: ', pharmaceuticals'"),  # items run on to the "and" that closes the list
    ("If the economy evolves as projected, the policy rate will be reduced further.",
     "If the economy evolves as projected, the policy rate will most likely be reduced further.", Shift.WEAKENED, "rule 2: hedge added: 'likely'"),
    ("We will support Ukraine on its irreversible path to Euro-Atlantic integration.", "We will support Ukraine on its path to Euro-Atlantic integration.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'irreversible'"),
    ("They called for an end to the violence.", "They called for an immediate end to the violence.", Shift.STRENGTHENED, "rule 2: intensifier added: 'immediate'"),
    ("Japan will consult its immediate neighbours.", "Japan will consult its neighbours.", Shift.NEUTRAL, None),  # where, not how firmly
    ("We condemned the cooperation between the DPRK and Russia, including the transfer of missiles and the deployment of DPRK troops to Russia.",
     "We condemned the cooperation between the DPRK and Russia, including the transfer of missiles.",
     Shift.WEAKENED, "rule 2: left out of a list: 'and the deployment of DPRK troops to Russia'"),  # as long as the item an inclusion opened
    ("Economic activity has been expanding at a solid pace.", "Economic activity has been expanding at a moderate pace.",
     Shift.ALTERED, "rule 1: direction 'solid' → 'moderate'"),  # another assessment of the pace
    ("The drones strengthen intelligence, surveillance, and reconnaissance (ISR) capabilities of the Alliance.",
     "The drones strengthen the ISR capabilities of the Alliance.", Shift.NEUTRAL, None),  # an acronym's initials, commas between
    ("The United States and Japan will hold the next dialogue in the United States.", "The United States and Japan will hold the next dialogue in Japan.",
     Shift.ALTERED, "rule 1: 'United States' → 'Japan'"),  # two names both texts say trade places
    ("We will scale up our forward land forces where required.", "We will scale up our forward land forces where and when required.",
     Shift.NEUTRAL, None),  # a hedge for its longer form, on the same words
    ("We will review the options as appropriate.", "We will review the options where appropriate.", Shift.NEUTRAL, None),
    ("We reaffirmed our commitment and called for restraint.", "We reaffirmed our commitment and once again called for restraint.",
     Shift.NEUTRAL, None),  # a verb said again adds no item
    ("The Ministers welcomed the initiatives on U.S. Forces realignment so far and concurred to advance them.",
     "The Ministers welcomed the U.S. Forces realignment initiatives to date and concurred to advance them.",
     Shift.NEUTRAL, None),  # the "and" before the next act closes no list
    ("The Ministers welcomed the initiatives on U.S. Forces realignment so far and also will advance them.",
     "The Ministers welcomed the U.S. Forces realignment initiatives to date and also will advance them.", Shift.NEUTRAL, None),
    ("We reaffirmed our enduring commitment to Ukraine.", "We reaffirmed our steadfast commitment to Ukraine.",
     Shift.NEUTRAL, None),  # one intensifier for another
    ("We are determined to develop the Alliance.", "We are resolved to develop the Alliance.",
     Shift.NEUTRAL, None),  # "resolved" takes the rung of its nearest synonym, "decided"
    ("We resolved to develop the Alliance.", "We decided to develop the Alliance.", Shift.NEUTRAL, None),
    ("We noted the plan to develop the Alliance.", "We resolved to develop the Alliance.", Shift.STRENGTHENED, "rule 2: verb 'noted' → 'resolved'"),
    ("The principles agreed in 2023 were reaffirmed.", "The principles agreed in 2023 were noted.",
     Shift.WEAKENED, "rule 2: verb 'reaffirmed' → 'noted'"),  # a passive reports the act
    ("They reaffirmed that disputes are resolved by peaceful means.", "They reaffirmed that disputes are settled by peaceful means.",
     Shift.NEUTRAL, None),  # "by" a manner, no agent: settled
    ("They will secure defense supply chains, including for critical minerals.", "They will secure defense supply chains, including for solid rocket motors.",
     Shift.ALTERED, "rule 1: 'critical minerals' → 'solid rocket motors'"),  # the item an inclusion opens, replaced
    ("The launches are especially dangerous.", "The launches are especially provocative.", Shift.NEUTRAL, None),  # an adverb opens no item
    ("The Ministers called for an immediate cessation of violence.", "The Ministers called for the violence to cease immediately.",
     Shift.NEUTRAL, None),  # the term said as a modifier before: no deadline added, no intensifier removed
    ("We welcomed the Initiative and looked forward to its early implementation.",
     "We welcomed the Initiative and looked forward to implementing it at an early date.", Shift.NEUTRAL, None),
    ("We urge them to resolve the issue immediately.", "We urge the immediate resolution of the issue.", Shift.NEUTRAL, None),
    ("They will implement the agreement in full.", "They will implement the agreement in due course.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'in full'"),  # "in due course" says nothing "in full" did
    ("Inflation will return to near 2 percent in the near term.", "Inflation will return to near 2 percent in the coming years.",
     Shift.WEAKENED, "rule 1: deadline later"),  # "near" said elsewhere, not in the term's place
    ("The Board is prepared to adjust policy if the outlook for inflation changes.",
     "The Board stands ready to adjust policy should the outlook for inflation change.", Shift.NEUTRAL, None),  # "should" before its subject is "if"
    ("The Board will act.", "The Board will act should the outlook change.",
     Shift.WEAKENED, "rule 2: qualifying clause added: 'should the outlook change'"),
    ("Consumption has been resilient despite price rises.", "Consumption has been relatively resilient despite price rises.",
     Shift.WEAKENED, "rule 2: hedge added: 'relatively'"),
    ("Underlying inflation is approximately in line with the target.", "Underlying inflation is in line with the target.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'approximately'"),
    ("We plan to conduct a second mission in 2026.", "We will conduct a second mission in 2026.", Shift.STRENGTHENED, "rule 2: hedge removed: 'plan to'"),
    ("They welcomed the agreement on the frigate program.", "They welcomed the agreement on the frigate program and the start of construction of the first frigate.",
     Shift.STRENGTHENED, "rule 2: added to a list: 'and the start of construction of the first frigate'"),  # a noun phrase "and" joins
    ("The Ministers welcomed Japan's cooperation with AUKUS partners.", "Australia's Foreign Minister welcomed Japan's cooperation with AUKUS partners.",
     Shift.WEAKENED, "rule 2: speaker 'The Ministers' → \"Australia's Foreign Minister\""),  # whose minister: no element added
    ("The Ministers welcomed the exercise.", "The Republic of Korea's Foreign Minister welcomed the exercise.", Shift.WEAKENED,
     "rule 2: speaker 'The Ministers' → \"Republic of Korea's Foreign Minister\""),
    ("The Ministers welcomed the exercise.", "The United States' Secretary of Defense welcomed the exercise.", Shift.WEAKENED,
     "rule 2: speaker 'The Ministers' → \"United States' Secretary of Defense\""),
    ("They reaffirmed a vision of an Indo-Pacific that is inclusive, resilient and prosperous, where sovereignty is respected and disputes are resolved "
     "peacefully in accordance with international law.",
     "They reaffirmed a vision of an Indo-Pacific which is inclusive, resilient and prosperous, in which sovereignty is respected and disputes are "
     "settled peacefully in line with international law.",
     Shift.NEUTRAL, None),  # "are resolved" says how disputes stand, no act; "where" is no list item
    ("They will modernize U.S. tactical fighter aircraft in Japan.", "They will modernize U.S. aircraft in Japan.",
     Shift.WEAKENED, "rule 2: made general: 'tactical fighter aircraft' → 'aircraft'"),
    ("They will finish the runway as early as possible.", "They will finish the runway in due course.",
     Shift.WEAKENED, "rule 1: deadline later: 'as early as possible' → 'in due course'"),
    ("The talks were held by Japan’s Minister for Foreign Affairs Kamikawa Yoko in Tokyo.",
     "The talks were held by Japan’s Minister for Foreign Affairs Iwaya Takeshi in Tokyo.", Shift.NEUTRAL, None),  # a new office-holder
    ("The talks were held by Japanese Minister for Foreign Affairs Kamikawa Yoko in Tokyo.",
     "The talks were held by Japanese Minister for Foreign Affairs Iwaya Takeshi in Tokyo.", Shift.NEUTRAL, None),  # the office ends "Japanese"
    ("Japanese Prime Minister Kishida met them.", "Japanese Prime Minister Ishiba met them.", Shift.NEUTRAL, None),
    ("They welcomed the Japan-Australia Reciprocal Access Agreement, and confirmed that drills would be held under it.",
     "They welcomed the Japan-Australia Reciprocal Access Agreement. They confirmed that drills would be held under the Agreement.",
     Shift.NEUTRAL, None),  # "the Agreement" names the agreement named before
    ("The U.S. restated its support for Japan’s defense under the U.S.-Japan Treaty of Mutual Cooperation and Security.",
     "The U.S. restated its support for Japan’s defense under the Treaty of Mutual Cooperation and Security.",
     Shift.NEUTRAL, None),  # a name said without the parties it names elsewhere
    ("They condemned the Democratic People’s Republic of Korea.", "They condemned the Republic of Korea.",
     Shift.WEAKENED, "rule 2: named element left out: 'Democratic People’s Republic of Korea'"),  # not the same name, shorter
    ("The Committee will reduce its holdings with a monthly cap of $25 billion on Treasury securities.",
     "The Committee will slow the pace by reducing the monthly cap on Treasury securities from $25 billion to $5 billion.",
     Shift.ALTERED, "rule 1: '25' → '5'"),  # the old figure said again as where the new one came from
    ("The Committee will assess new data, the changing outlook, and the balance of risks.",
     "The Committee will assess new data and the changing outlook.",
     Shift.WEAKENED, "rule 2: left out of a list: ', and the balance of risks'"),  # the last item, after its comma
    ("The Ministers opposed China’s coercion and welcomed its engagement.",
     "The Ministers welcomed China’s engagement and opposed its coercion.", Shift.NEUTRAL, None),  # clauses reordered keep their verbs
    ("Exports have increased.", "Exports have decreased somewhat.", Shift.ALTERED, "rule 1: direction 'increased' → 'decreased somewhat'"),
    ("The Bank decided to raise the policy rate from 0.25 percent to 0.5 percent.", "The Bank decided to keep the policy rate at 0.5 percent.",
     Shift.ALTERED, "rule 1: 'from 0.25 to 0.5' → '0.5'"),  # another decision on the rate, not a figure left out
    ("They will reach the goal by FY2026.", "They will reach the goal by December 2030.",
     Shift.WEAKENED, "rule 1: deadline later: 'by FY2026' → 'by December 2030'"),  # years apart: later whatever the fiscal year
    ("The Ministers reaffirmed the Alliance and rejected the annexation.", "The Ministers reaffirmed the Alliance and opposed the annexation.",
     Shift.NEUTRAL, None),  # a verb for a verb is no list item left out
    ("We uphold the very same principles.", "We uphold the same principles.", Shift.NEUTRAL, None),  # "the very" points
    ("Secretary Austin affirmed that Article V of the U.S.-Japan Security Treaty applies to the Senkaku Islands.",
     "Secretary Austin affirmed that Article V of the Treaty applies to the Senkaku Islands.", Shift.NEUTRAL, None),  # the one treaty
    ("We engage the ASEAN countries, support for ASEAN centrality, and the ASEAN Outlook.",
     "We engage the ASEAN countries and the ASEAN Outlook.",
     Shift.WEAKENED, "rule 2: left out of a list: ', support for ASEAN centrality,'"),  # a noun after a comma, not a verb
    ("Secretary Austin affirmed that Article V of the Japan-U.S. Security Treaty applies to the Senkaku Islands.",
     "Secretary Austin noted that Article V of the U.S.-Japan Security Treaty applies to the Senkaku Islands.",
     Shift.WEAKENED, "rule 2: verb 'affirmed' → 'noted' (clause 1)"),  # the parties in either order name one treaty
    ("Secretary Austin affirmed that Article V of the Japan-U.S. Security Treaty applies to the Senkaku Islands.",
     "Secretary Austin affirmed that Article V of the Security Treaty applies to the Senkaku Islands.", Shift.NEUTRAL, None),
    ("Article V of the Treaty applies to the Senkaku Islands.", "Article V of the Treaty applies to the Senkaku Islands, depending on the circumstances.",
     Shift.WEAKENED, "rule 2: hedge added: 'depending on'"),
    ("Japan will acquire F-35 fighters.", "Japan will acquire F-15 fighters.", Shift.ALTERED, "rule 1: 'F-35' → 'F-15'"),  # digits name too
    ("We will enhance our resilience against cyber activities, sabotage and disinformation.",
     "We will enhance our resilience against cyber activities, sabotage, disinformation and the instrumentalisation of migration.",
     Shift.STRENGTHENED, "rule 2: added to a list: 'the instrumentalisation of migration'"),  # the item it stands after only moved
    ("They will cooperate on emerging technologies, including counter-hypersonic technology and space.",
     "They will cooperate on emerging technologies, including counter-hypersonic capabilities and space.",
     Shift.NEUTRAL, None),  # a word in the item's place, said elsewhere too, is no item added
    ("They will produce SM-3 and SM-6 missiles.", "They will produce SM-6 missiles.",
     Shift.WEAKENED, "rule 2: named element left out: 'SM-3'"),
    ("The Ministers supported the resolution.", "The Ministers opposed the resolution.",
     Shift.ALTERED, "rule 1: direction 'supported' → 'opposed'"),  # a stance reversed, not a firmer verb
    ("The Ministers confirmed that Japan would deploy a new unit, strengthening deterrence in the islands.",
     "The Ministers confirmed that Japan would deploy a new unit, supporting deterrence in the islands.",
     Shift.NEUTRAL, None),  # a participle that is an action, not a report
    ("We note the training and assistance that Japan provides.", "We note the training and support that Japan provides.",
     Shift.NEUTRAL, None),  # "support that ..." closes a noun phrase
    ("Japan will announce the details.", "Japan will announce the details in due course.", Shift.NEUTRAL, None),  # sets no time
    ("They will reach the goal by the end of FY2026.", "They will reach the goal by March 2027.",
     Shift.NEUTRAL, None),  # where a fiscal year ends is the issuer's
    ("They will reach the goal by the middle of 2026.", "They will reach the goal by 2027.",
     Shift.WEAKENED, "rule 1: deadline later: 'by the middle of 2026' → 'by 2027'"),
    ("They will pursue the respective efforts.", "They will pursue the efforts.", Shift.NEUTRAL, None),  # a filler is no kind
    ("They will build the new framework.", "They will build the framework.", Shift.NEUTRAL, None),  # nor is a date
    ("Japan called the decision an important step.", "Japan called the decision a very important step.",
     Shift.STRENGTHENED, "rule 2: intensifier added: 'very'"),
    ("The Ministers expressed deep concern over the launches.", "The Ministers were deeply concerned over the launches.",
     Shift.NEUTRAL, None),
    ("The Ministers affirmed that they would expand UAVs-related cooperation.",
     "The Ministers affirmed that they would expand UAV-related cooperation.", Shift.NEUTRAL, None),  # an acronym's plural
    ("The Ministers confirmed that they need to strengthen the Alliance.", "The Ministers confirmed the need to strengthen the Alliance.",
     Shift.NEUTRAL, None),  # a hedge whose words were kept only changed its grammar
    ("As agreed, the Ministers confirmed the importance of trilateral cooperation.",
     "As agreed, the importance of trilateral cooperation was confirmed by the Ministers.", Shift.NEUTRAL, None),
    (f"The Ministers confirmed that {STATUS_QUO}, and that {CLOSER}.", f"The Ministers confirmed that {STATUS_QUO}, and noted that {CLOSER}.",
     Shift.WEAKENED, "rule 2: verb 'confirmed' → 'noted' (clause 1)"),  # the old verb governs the second clause unrepeated
    (f"The Ministers confirmed that {STATUS_QUO}, and noted that {CLOSER}.", f"The Ministers confirmed that {STATUS_QUO}, and that {CLOSER}.",
     Shift.STRENGTHENED, "rule 2: verb 'noted' → 'confirmed' (clause 2)"),  # merged under the first verb
    ("The Ministers welcomed the outcome of the 2+2 meeting. The Ministers also reaffirmed the importance of the Alliance.",
     "The Ministers welcomed the outcome of the 2+2 meeting. Minister Kihara explained Japan's defense buildup. "
     "The Ministers also reaffirmed the importance of the Alliance.",
     Shift.STRENGTHENED, "rule 2: clause added"),  # the next sentence's speaker is no word of the clause before it
    ("The Ministers confirmed to steadily implement initiatives of the posture of the U.S. Forces and continue to cooperate.",
     "The Ministers confirmed to steadily implement initiatives of the posture of the U.S. Forces as noted at the 2+2 meeting "
     "and continue to cooperate.", Shift.STRENGTHENED, "rule 2: clause added: 'as noted at the 2+2 meeting'"),  # no verb after "as"
    ("We will provide $1 billion in aid.", "We will provide substantial aid.", Shift.WEAKENED, "rule 2: named element left out: '1'"),
    ("Inflation will return to its 2 percent objective.", "Inflation will return to its two percent objective.", Shift.NEUTRAL, None),
    ("The Navy will deploy 3 destroyers to the region.", "The Navy will deploy several destroyers to the region.",
     Shift.WEAKENED, "rule 2: named element left out: '3' → 'several'"),  # an amount made vague
    ("Building on the summit on October 28, we agreed to expand drills.", "Looking to the summit this spring, we agreed to expand drills.",
     Shift.ALTERED, "rule 1: 'october', '28' → 'this spring'"),  # a time said in words is a date
    ("The leaders met in the third quarter of 2023.", "The leaders met in August 2023.", Shift.ALTERED, "rule 1: 'third' → 'august'"),
    ("The two leaders met in March.", "The leaders met in April.", Shift.ALTERED, "rule 1: 'march' → 'april'"),  # numbers pair by kind
    ("They will share the data.", "They will share the data by the end of this year.",
     Shift.STRENGTHENED, "rule 1: deadline added: 'by the end of this year'"),
    ("They will share the data by the end of this year.", "They will share the data by the end of next year.",
     Shift.WEAKENED, "rule 1: deadline later: 'by the end of this year' → 'by the end of next year'"),
    ("We will reach net zero by 2050 and phase out coal by 2035.", "We will reach net zero by 2050 and phase out coal.",
     Shift.WEAKENED, "rule 1: deadline gone: 'by 2035'"),  # one deadline kept, the other gone
    ("We will launch the initiative by the end of this year.", "We launched the initiative this year.", Shift.NEUTRAL, None),  # met
    ("They will share the data by the end of this year.", "They will share the data by the end of the year.", Shift.NEUTRAL, None),
    ("They will share the data by 2025.", "They will share the data by the end of this year.",
     Shift.NEUTRAL, None),  # a year against "this year": which is later depends on when each was said
    ("They will share the data by the end of this year.", "They will share the data at an early date.",
     Shift.WEAKENED, "rule 1: deadline gone: 'by the end of this year' → 'at an early date'"),  # a term that sets no time
    ("They will share the data as soon as possible.", "They will share the data by 2025.",
     Shift.STRENGTHENED, "rule 1: deadline added: 'as soon as possible' → 'by 2025'"),
    ("They will share the data by 2026.", "They will share the data immediately.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by 2026' → 'immediately'"),  # sooner than any date
    ("The summit hosted by Japan in 2023 was a success.", "The summit hosted by Japan in 2024 was a success.",
     Shift.ALTERED, "rule 1: '2023' → '2024'"),
    ("They will deploy the system by 2027.", "They will deploy the system no later than 2027.", Shift.NEUTRAL, None),
    ("They will share the data by June.", "They will share the data by September.", Shift.WEAKENED, "rule 1: deadline later: 'by June' → 'by September'"),
    ("Japan will spend 2 percent of GDP by Japanese Fiscal Year 2027.", "Japan will spend 2 percent of GDP by Japanese Fiscal Year 2025.",
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by Japanese Fiscal Year 2027' → 'by Japanese Fiscal Year 2025'"),  # whose fiscal year
    ("The plan was approved by the Board in March.", "The plan was approved by the Board in April.",
     Shift.ALTERED, "rule 1: 'march' → 'april'"),  # "by" an agent sets no deadline
    ("They will open the office by 2024.", "They opened the office in 2024.", Shift.NEUTRAL, None),  # a deadline met
    # rule 2: evidence, per occurrence
    ("The Ministers affirmed that Article V applies to the Senkaku Islands.",
     "The Ministers noted that Article V applies to the Senkaku Islands.", Shift.WEAKENED, "rule 2: verb 'affirmed' → 'noted' (clause 1)"),
    ("We reaffirm our commitment to the partnership.", "We note our commitment to the partnership.",
     Shift.WEAKENED, "rule 2: verb 'reaffirm' → 'note' (clause 1)"),
    ("Member states support the plan.", "Member states note the plan.", Shift.NEUTRAL, None),  # present tense only after a subject
    ("We welcome the plan, and reaffirm that we would fund it.", "We welcome the plan, and note that we would fund it.",
     Shift.WEAKENED, "rule 2: verb 'reaffirm' → 'note' (clause 2)"),  # a second present-tense verb joined by ", and"
    ("We affirm peace, stability, and support for Ukraine.", "We affirm peace, stability, and help for Ukraine.", Shift.NEUTRAL, None),
    ("We condemn the violence committed by the military.", "We condemn the violence noted by the military.", Shift.NEUTRAL, None),  # participles
    ("The commitment was reaffirmed by the Ministers.", "The commitment was noted by the Ministers.",
     Shift.WEAKENED, "rule 2: verb 'reaffirmed' → 'noted' (clause 1)"),  # a passive clause keeps its verb
    ("The Ministers reaffirmed by consensus that the plan stands.", "The Ministers noted by consensus that the plan stands.",
     Shift.WEAKENED, "rule 2: verb 'reaffirmed' → 'noted' (clause 1)"),
    ("We reaffirm the alliance, and support to Ukraine.", "We reaffirm the alliance, and help to Ukraine.", Shift.NEUTRAL, None),
    ("The Ministers welcomed the plan and confirmed that they would fund it.",
     "The Ministers welcomed the plan and noted that they would fund it.", Shift.WEAKENED, "rule 2: verb 'confirmed' → 'noted' (clause 2)"),
    ("The Ministers confirmed the commitment to extended deterrence.",
     "The Ministers confirmed the ironclad commitment to extended deterrence.", Shift.STRENGTHENED, "rule 2: intensifier added: 'ironclad'"),
    ("The Ministers confirmed that they would firmly support the plan.", "The Ministers confirmed that they would support the plan.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'firmly'"),
    ("We will support Ukraine for as long as it takes.", "We will support Ukraine.", Shift.WEAKENED, "rule 2: intensifier removed: 'as long as it takes'"),
    ("We will ensure inflation stabilises sustainably at 2%.", "We will ensure inflation stabilises at 2%.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'sustainably'"),
    ("The data are broadly in line with the assessment.", "The data are in line with the assessment.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'broadly'"),
    ("A broad coalition supports the plan.", "A coalition supports the plan.", Shift.NEUTRAL, None),  # a qualifier only as written
    ("The dollar has weakened slightly, reflecting rate expectations.", "The dollar has weakened, reflecting rate expectations.",
     Shift.STRENGTHENED, "rule 2: hedge removed: 'slightly'"),  # after the word it qualifies, kept
    ("The economy relies heavily on exports.", "The economy relies on exports.", Shift.WEAKENED, "rule 2: intensifier removed: 'heavily'"),
    ("The Board will maintain its stance.", "The Board will maintain its stance for the time being.",
     Shift.WEAKENED, "rule 2: hedge added: 'for the time being'"),
    ("We will hold the dialogue twice a year, including at the ministerial level when warranted.",
     "We will hold the dialogue twice a year, including at the ministerial level.", Shift.STRENGTHENED, "rule 2: hedge removed: 'when warranted'"),
    ("We discussed ways to strengthen export controls and investment screening.", "We discussed ways to strengthen export controls, as appropriate.",
     Shift.WEAKENED, "rule 2: left out of a list: 'and investment screening'"),  # a hedge in its place is no item
    ("It will keep rates restrictive for as long as necessary.", "It will keep rates restrictive.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'as long as necessary'"),  # it holds no hedge "as necessary"
    ("The Ministers confirmed that they would expand joint patrols.", "The Ministers confirmed that they would seek to expand joint patrols.",
     Shift.WEAKENED, "rule 2: hedge added: 'seek to'"),
    ("Higher spending would support growth.", "Higher spending, as well as lower tariffs, could support growth.",
     Shift.ALTERED, "rule 2: hedge added: 'could'"),  # an item added before the verb, and its modal softened
    ("The rate is at about the right level to keep inflation close to 2%.",
     "The rate is at about the right level to keep inflation close to 2%, provided the economy evolves in line with the outlook.",
     Shift.WEAKENED, "rule 2: qualifying clause added: ', provided the economy"),  # a condition set, not a point added
    ("The hurdle for negative rates remains high, although the Bank does not rule them out.", "The hurdle for negative rates remains high.",
     Shift.STRENGTHENED, "rule 2: qualifying clause left out: ', although the Bank"),
    ("Japan will deploy patrol vessels.", "Japan will deploy patrol vessels, and provided patrol vessels to the Philippines for its coast guard.",
     Shift.STRENGTHENED, "rule 2: clause added: ', and provided"),  # "provided" here is an act, not a condition
    ("The Ministers stressed that cyber defense is the foundation of the Alliance.",
     "The Ministers stressed that cyber defense and space security are the foundation of the Alliance.",
     Shift.STRENGTHENED, "rule 2: added to a list: 'and space security are'"),
    ("We support democracy, human rights and the rule of law.", "We support democracy and human rights.",
     Shift.WEAKENED, "rule 2: left out of a list: 'and the rule of law'"),
    ("Risks surround trade policies and their impact on prices, as well as developments in commodity prices.",
     "Risks surround trade policies and their impact on prices.",
     Shift.WEAKENED, "rule 2: left out of a list: ', as well as developments in commodity prices'"),  # its opener is no word of the item
    ("Inflation is currently at around the 2% target.", "Inflation is currently close to the 2% target.", Shift.NEUTRAL, None),  # near, not firm
    ("We will cooperate on cyber, space and maritime security.", "We will cooperate on cyber, space and energy security.",
     Shift.NEUTRAL, None),  # one item in place of another is no item added or left out
    ("The Ministers agreed to produce the SM-6 missile.", "The Ministers agreed to produce the missile.",
     Shift.WEAKENED, "rule 2: named element left out: 'SM-6'"),  # one element, not also "6"
    ("The Ministers would maintain and strengthen deterrence in the region.", "The Ministers would maintain deterrence in the region.",
     Shift.WEAKENED, "rule 2: left out of a list: 'and strengthen'"),
    ("The Ministers stressed stability in the Baltic Sea.", "The Ministers stressed stability in the region.",
     Shift.WEAKENED, "rule 2: named element left out: 'Baltic Sea' → 'region'"),
    ("They welcomed rotations to northern Australia.", "They welcomed rotations to Australia.",
     Shift.WEAKENED, "rule 2: made general: 'northern Australia' → 'Australia'"),  # a quarter of a place left out
    ("Secretary Austin reiterated the U.S. commitment to extended deterrence including nuclear capabilities and the Senkaku Islands under Article V.",
     "Secretary Austin reiterated the U.S. commitment to extended deterrence.", Shift.WEAKENED, "rule 2: clause left out:"),
    ("The Ministers welcomed the plan and firmly affirmed their support.", "The Ministers affirmed the plan and their support.",
     Shift.ALTERED, "rule 2: verb 'welcomed' → 'affirmed' (clause 1)"),
    # a verb is compared with the verb that governs the same clause, wherever it stands
    ("The Ministers confirmed that A and confirmed that B.", "The Ministers noted that A and confirmed that B.",
     Shift.WEAKENED, "rule 2: verb 'confirmed' → 'noted' (clause 1)"),  # FORMAT.md's own example
    ("THE MINISTERS NOTED THE PLAN.", "THE MINISTERS AFFIRMED THE PLAN.", Shift.STRENGTHENED, "rule 2: verb 'noted' → 'affirmed' (clause 1)"),
    ("The Ministers noted the budget and affirmed that the treaty covers the islands.",
     "The Ministers affirmed that the treaty covers the islands, and they welcomed the budget.",
     Shift.STRENGTHENED, "rule 2: verb 'noted' → 'welcomed' (clause 1)"),
    ("Determined to deter aggression, the Ministers agreed to expand patrols.",
     "The Ministers confirmed that they would expand patrols to deter aggression.",
     Shift.STRENGTHENED, "rule 2: verb 'agreed' → 'confirmed' (clause 1)"),  # an opening participle governs no clause
    # rule 3: no evidence
    ("The Ministers further recognized the value of the talks.", "The Ministers also recognized the value of the talks.",
     Shift.NEUTRAL, None),  # "further" before the verb joins, it does not intensify
    ("Activity has continued to expand at a modest pace.", "Activity has been expanding at a modest pace.", Shift.NEUTRAL, None),
    ("The Ministers affirmed their cooperation.", "The Ministers, meeting today, affirmed their cooperation.", Shift.NEUTRAL, None),
    ("The Ministers confirmed that they would deepen cooperation on space.",
     "The Ministers confirmed they would deepen their cooperation in the space domain.", Shift.NEUTRAL, None),
    ("The Ministers confirmed that they would unwaveringly support the plan.",
     "The Ministers confirmed that they would support the plan in an ironclad manner.", Shift.NEUTRAL, None),
    ("Minister Kishi explained the budget, and Secretary Austin welcomed it.",
     "Minister Hamada explained the budget, and Secretary Austin welcomed it.", Shift.NEUTRAL, None),
    ("Minister of Defense Kihara explained the plan.", "Minister of Defense Nakatani explained the plan.", Shift.NEUTRAL, None),
    ("Secretary Austin reiterated the commitment to Japan.", "The Ministers reiterated the commitment to Japan.",
     Shift.STRENGTHENED, "rule 2: speaker 'Secretary Austin' → 'The Ministers'"),  # a party now speaks for the point too
    ("The two leaders reaffirmed the commitment.", "President Biden reaffirmed the commitment.",
     Shift.WEAKENED, "rule 2: speaker 'The two leaders' → 'President Biden'"),
    ("The U.S. side reaffirmed its commitment to Japan.", "The Ministers reaffirmed the U.S. commitment to Japan.",
     Shift.STRENGTHENED, "rule 2: speaker 'The U.S. side' → 'The Ministers'"),  # a side speaks for one party
    ("The two sides reaffirmed their commitment.", "The Japanese side reaffirmed its commitment.",
     Shift.WEAKENED, "rule 2: speaker 'The two sides' → 'The Japanese side'"),  # the party it names is who speaks
    ("The Government of Japan reaffirmed its commitment.", "The Ministers reaffirmed their commitment.",
     Shift.STRENGTHENED, "rule 2: speaker 'The Government of Japan' → 'The Ministers'"),
    ("Each side reaffirmed its commitment.", "The Ministers reaffirmed their commitment.", Shift.NEUTRAL, None),  # "Each" names no party
    ("The United States reaffirmed its commitment to Japan.", "We reaffirmed the U.S. commitment to Japan.",
     Shift.STRENGTHENED, "rule 2: speaker 'The United States' → 'We'"),  # a party's name as the whole subject
    ("The Committee decided to hold the rate.", "We decided to hold the rate.", Shift.NEUTRAL, None),  # a body, not a party
    ("Japan reaffirmed its commitment to the plan.", "We reaffirmed our commitment to the plan.",
     Shift.STRENGTHENED, "rule 2: speaker 'Japan' → 'We'"),  # a name opening the sentence
    ("Secretary Austin reaffirmed the commitment.", "The Principals reaffirmed the commitment.",
     Shift.STRENGTHENED, "rule 2: speaker 'Secretary Austin' → 'The Principals'"),
    ("The President of the United States expressed serious concern over the actions.", "We express our serious concern over the actions.",
     Shift.STRENGTHENED, "rule 2: speaker 'The President of the United States' → 'We'"),  # a verb read past its modifiers
    ("The Ministers strongly opposed the launches.", "The Ministers expressed grave concern over the launches.",
     Shift.WEAKENED, "rule 2: verb 'opposed' → 'expressed concern' (clause 1)"),
    ("The Ministers condemned the launches.", "The Ministers expressed deep concern over the launches.",
     Shift.ALTERED, "rule 2: verb 'condemned' → 'expressed concern' (clause 1)"),  # an intensifier's word that is the verb's stays
    ("The Government of Japan and the Bank of Japan reaffirmed their commitment.", "The Bank of Japan reaffirmed its commitment.",
     Shift.WEAKENED, "rule 2: named element left out: 'Government of Japan'"),  # a side only as the whole subject
    ("The U.S. side, together with Australia, reaffirmed its commitment.", "The U.S. side reaffirmed its commitment.",
     Shift.WEAKENED, "rule 2: named element left out: 'Australia'"),
    ("Prime Minister Kishida and President Biden reaffirmed the commitment.", "The two leaders reaffirmed the commitment.",
     Shift.NEUTRAL, None),  # both parties, named or not
    ("Prime Minister Albanese and I reaffirmed our commitment.", "We reaffirmed our commitment.", Shift.NEUTRAL, None),
    ("The Leaders reaffirmed their support for Ukraine.", "The Leaders, joined by President Zelenskyy, reaffirmed their support for Ukraine.",
     Shift.STRENGTHENED, "rule 2: clause added"),  # a guest beside the speakers leaves none out
    ("The Bank of Japan will continue purchasing bonds.", "The BOJ will continue purchasing bonds.", Shift.NEUTRAL, None),
    ("Defence Minister Marles explained the plan.", "Deputy Prime Minister and Minister for Defence Marles explained the plan.",
     Shift.NEUTRAL, None),  # an office-holder's longer title is no party added
    ("Recalling the summit, we affirm the plan.", "Reaffirming the summit, we affirm the plan.", Shift.NEUTRAL, None),
    ("The Ministers welcomed the United States commitment to the Republic of Korea.",
     "The Ministers welcomed the U.S. commitment to the ROK.", Shift.NEUTRAL, None),  # one party, spelled out or initialled
    ("We condemned the Democratic People’s Republic of Korea launches.", "We condemned the DPRK launches.", Shift.NEUTRAL, None),
    ("We uphold the UN Convention on the Law of the Sea.", "We uphold the United Nations Convention on the Law of the Sea.",
     Shift.NEUTRAL, None),  # an initialism inside a longer name
    ("We uphold the UN Convention.", "We uphold the United Nations Charter.", Shift.ALTERED, "rule 1: 'UN Convention' → 'United Nations Charter'"),
    ("The asset purchase programme (APP) portfolio is declining.", "The APP portfolio is declining.", Shift.NEUTRAL, None),
    ("The APP portfolio is declining.", "The asset purchase programme (APP) portfolio is declining.", Shift.NEUTRAL, None),
    ("The asset purchase programme (APP) portfolio is declining.", "The asset purchase programme portfolio is declining.",
     Shift.NEUTRAL, None),  # an acronym defined once, spelled out or not
    ("The asset purchase programme (APP) portfolio is declining.", "The portfolio is declining.",
     Shift.WEAKENED, "rule 2: clause left out: 'asset purchase programme (APP)'"),
    ("We welcome the Indo-Pacific Economic Framework for Prosperity (IPEF).", "We welcome the IPEF.", Shift.NEUTRAL, None),
    ("The consumer price index (CPI, all items less fresh food) rose 2.5 percent.", "The CPI rose 2.5 percent, all items less fresh food.",
     Shift.NEUTRAL, None),  # the parenthesis goes on after the acronym
    ("The Committee remains highly attentive to inflation risks.", "The Committee remains attentive to inflation risks.",
     Shift.WEAKENED, "rule 2: intensifier removed: 'highly'"),
    ("Inflation remains elevated.", "Inflation remains elevated in the Committee's view.",
     Shift.NEUTRAL, None),  # the issuing body speaking of itself names no element
    ("Article V of the Treaty of Mutual Cooperation and Security applies to the islands.",
     "Article V of the Treaty applies to the islands.", Shift.NEUTRAL, None),  # the same name, shorter
    ("We support the Republic of Korea and Japan.", "We support the Republic of Korea.", Shift.WEAKENED, "rule 2: named element left out: 'Japan'"),
    ("Cooperation of Japan and Australia is vital.", "Cooperation is vital.", Shift.WEAKENED, "rule 2: named element left out: 'Australia'"),
    ("Globally, we are committed to better banks.", "We are committed to better banks.", Shift.NEUTRAL, None),  # an adverb, no name
    ("Nonetheless, hiring has remained strong.", "Hiring has remained strong.", Shift.NEUTRAL, None),  # a connective, no name
    ("We counter interference through the G7 Mechanism.", "We counter interference through the G7 Rapid Response Mechanism.",
     Shift.NEUTRAL, None),  # a word of a name is no intensifier
    ("More effective cooperation is needed.", "Effective cooperation is needed.", Shift.NEUTRAL, None),  # a comparative, no name
    ("Through this partnership, we will strengthen coordination.", "With this partnership, we will strengthen coordination.",
     Shift.NEUTRAL, None),  # a preposition opening a sentence is no name
    ("A unit, A unit, A unit, A unit.", "A unit, A unit, A unit, A unit.", Shift.NEUTRAL, None),
    ("", "", Shift.NEUTRAL, None),
    ("The Ministers held talks on the Taiwan Strait and confirmed their support for Ukraine.",
     "The Ministers confirmed their support for Ukraine. They also held talks on the Taiwan Strait.", Shift.NEUTRAL, None),
]


@pytest.mark.parametrize(("old", "new", "shift", "evidence"), RULES)
def test_shift_follows_the_ordered_rules(old, new, shift, evidence):
    judgement = judge(old, new)
    got, reasons = judgement.shift, judgement.reasons
    assert got is shift, reasons
    if evidence:
        assert any(r.startswith(evidence) for r in reasons), reasons
    else:
        assert reasons == ()


def test_a_verb_is_kept_only_in_the_same_word():
    # "shared" carried to the noun "sharing" is no verb kept: "shared the view" gave way to "confirmed".
    judgement = judge("The Ministers shared the view that the launches are a threat to peace.",
                      "The Ministers confirmed that they would continue the real-time sharing of warning data on the launches.")
    assert "rule 2: verb 'shared the view' → 'confirmed' (clause 1)" in judgement.reasons, judgement.reasons


def test_a_general_item_in_place_of_another_replaces_nothing():
    # "other areas" says the item in general: whether that weakens is rule 2's to say, not a replaced item of rule 1.
    judgement = judge("We will enhance cooperation on cyber security, critical technologies and space.",
                      "We will enhance cooperation on cyber security, critical technologies and other areas.")
    assert not any(r.startswith("rule 1:") for r in judgement.reasons), judgement.reasons


def test_a_name_said_again_replaces_no_name():
    # "the United States" said once more and "Japan" as often as before: no name traded places with another.
    judgement = judge("Japan and the United States welcomed the plan, and Japan will fund it.",
                      "Japan and the United States welcomed the plan, and the United States will fund it together with Japan.")
    assert not any(r.startswith("rule 1:") for r in judgement.reasons), judgement.reasons


@pytest.mark.parametrize(("old", "new"), [
    ("The Ministers, recalling the summit, welcomed the plan, and agreed to meet again.", "The Ministers welcomed the plan, and agreed to meet again."),
    ("Japan, as a partner, welcomed the plan, and the U.S. agreed.", "Japan welcomed the plan, and the U.S. agreed."),
    ("Meanwhile, in the region, tensions rose, and Japan responded.", "Meanwhile, tensions rose, and Japan responded."),
])
def test_an_aside_between_commas_is_no_list_item(old, new):
    # Commas run on to an "and" that joins clauses, past a verb, after a phrase opening the sentence: no list.
    assert judge(old, new).reasons == ()


def test_a_hedge_kept_in_its_words_is_matched_where_it_stands():
    # "the need to" kept as "need to" is no hedge swapped for "as needed", which stands elsewhere: a hedge added.
    assert judge("They stressed the need to act.", "They stressed that they need to act, as needed.").reasons == (
        "rule 2: hedge added: 'as needed'",
    )


def test_a_qualifier_counts_only_where_the_word_it_qualifies_was_kept():
    # "broadly balanced" in place of "tilted to the downside" is another assessment, not a hedge added to one.
    judgement = judge("The risks to growth are tilted to the downside.", "The risks to growth are broadly balanced.")
    assert not any("hedge" in r for r in judgement.reasons), judgement.reasons
    judgement = judge("Pressure is virtually unchanged compared to last quarter.", "Pressure has decreased slightly compared to last quarter.")
    assert not any("hedge" in r for r in judgement.reasons), judgement.reasons


# Times said from the day of writing, told from the days two statements are dated: (old, new, dated, shift, reason).
SPRING_2024 = ("2023-10-05", "2024-03-14")
TOLD = [
    ("We welcomed the talks held in April and agreed to share data.", "We welcomed the talks and agreed to share data by the end of this year.",
     ("2023-06-01", "2023-10-04"), Shift.STRENGTHENED, "rule 1: deadline added"),  # "in April" alone may be past: no deadline
    ("They welcomed the summit held in August this year.", "They welcomed the summit held in August last year.", SPRING_2024,
     Shift.NEUTRAL, None),  # one summit
    ("They welcomed the summit held in August this year.", "They welcomed the summit held in August last year.", (None, None),
     Shift.ALTERED, "rule 1: 'this year' → 'last year'"),  # the days not known: another date
    ("They welcomed the summit held in August this year.", "They welcomed the summit held last August.", ("2023-10-04", "2024-07-28"),
     Shift.NEUTRAL, None),  # the latest August before July 2024
    ("They welcomed the summit held in August this year.", "They welcomed the summit held last August.", ("2023-10-04", "2025-07-28"),
     Shift.ALTERED, "rule 1: 'this year' → 'last august'"),  # a year later: another summit
    ("They welcomed the summit held in August.", "They welcomed the summit held last August.", (None, None), Shift.NEUTRAL, None),
    ("They met last August.", "They met in August.", ("2024-10-01", "2024-10-05"), Shift.NEUTRAL, None),  # the same August, said less precisely
    ("They will meet next August.", "They will meet in the coming August.", (None, None), Shift.NEUTRAL, None),
    ("They built on the meeting held the previous day.", "They built on the meeting in January.", ("2023-01-12", "2023-06-01"),
     Shift.NEUTRAL, None),  # the same day, said less precisely
    ("They built on the meeting held the previous day.", "They built on the meeting in March.", ("2023-01-12", "2023-06-01"),
     Shift.ALTERED, "rule 1: 'previous day' → 'march'"),
    ("They will share the data by the end of this year.", "They will share the data with partners by the end of this year.", SPRING_2024,
     Shift.WEAKENED, "rule 1: deadline later: 'by the end of this year (2023)' → 'by the end of this year (2024)'"),
    ("They will share the data by 2025.", "They will share the data by the end of this year.", ("2024-01-10", "2024-07-01"),
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by 2025' → 'by the end of this year (2024)'"),
    ("They will share the data by the end of this year.", "They will share the data by mid-December.", ("2023-10-05", "2023-11-20"),
     Shift.STRENGTHENED, "rule 1: deadline earlier: 'by the end of this year (2023)' → 'by mid-December (2023)'"),  # a month, no year
    ("They will share the data by the end of this year.", "They shared the data last year.", SPRING_2024, Shift.NEUTRAL, None),  # met
    ("Japan will reach the goal within the current fiscal year.", "Japan will reach the goal within this year.", SPRING_2024,
     Shift.NEUTRAL, None),  # a fiscal year is not told from the calendar
]


@pytest.mark.parametrize(("old", "new", "dated", "shift", "evidence"), TOLD)
def test_times_are_told_from_the_days_the_statements_are_dated(old, new, dated, shift, evidence):
    judgement = judge(old, new, dated=dated)
    assert judgement.shift is shift, judgement.reasons
    assert any(r.startswith(evidence) for r in judgement.reasons) if evidence else judgement.reasons == ()


def test_moved_between_sections_but_not_when_a_section_moves_as_a_block(stand_in):
    a = "The Ministers welcomed the new training range in the north."
    b = "The Ministers confirmed the importance of maritime patrols."
    c = "The Ministers agreed to hold the next meeting in Tokyo."
    d = "The Ministers noted progress on the runway repairs."
    old = f"1. Regional affairs\n\n{a} {b}\n\n2. Bilateral cooperation\n\n{c} {d}\n"
    block = f"1. Bilateral cooperation\n\n{c} {d}\n\n2. Regional affairs\n\n{a} {b}\n"
    assert not any(ch.moved for ch in compare(old, block, stand_in).changes)
    across = f"1. Regional affairs\n\n{a}\n\n2. Bilateral cooperation\n\n{c} {d} {b}\n"
    moved = [ch for ch in compare(old, across, stand_in).changes if ch.moved]
    assert [ch.new[0].text for ch in moved] == [b]
    assert moved[0].kind is Kind.UNCHANGED


def test_reordered_within_a_section_marks_only_the_point_out_of_order(stand_in):
    sentences = [f"The Ministers confirmed point number {w} of the agenda." for w in ("one", "two", "three", "four")]
    old = "1. Affairs\n\n" + " ".join(sentences) + "\n"
    new = "1. Affairs\n\n" + " ".join([sentences[0], sentences[2], sentences[3], sentences[1]]) + "\n"
    moved = [ch.new[0].text for ch in compare(old, new, stand_in).changes if ch.moved]
    assert moved == [sentences[1]]


def test_dropped_points_stand_where_they_stood(stand_in):
    old = "The Ministers met in Tokyo. The Ministers discussed fisheries quotas in detail. The Ministers agreed to meet again."
    new = "The Ministers met in Tokyo. The Ministers agreed to meet again."
    kinds = [ch.kind for ch in compare(old, new, stand_in).changes]
    assert kinds == [Kind.UNCHANGED, Kind.DROPPED, Kind.UNCHANGED]


def test_topics_come_from_the_watch_list_and_skip_unchanged_points(stand_in):
    old = "Secretary Austin affirmed that Article V applies to the Senkaku Islands. The Ministers discussed Taiwan."
    new = "Secretary Austin noted that Article V applies to the Senkaku Islands. The Ministers discussed Taiwan."
    by_kind = {ch.kind: ch for ch in compare(old, new, stand_in).changes}
    assert by_kind[Kind.REWORDED].topics == ("senkaku",)
    assert by_kind[Kind.UNCHANGED].topics == ()


def test_watch_list_replaceable_and_validated():
    watch = parse_watch_list("[topics.rates]\nlabel = 'Policy rate'\npatterns = ['federal funds rate']\n", "fed.toml")
    assert watch.tag(["The target range for the federal funds rate is unchanged."]) == ("rates",)
    with pytest.raises(WatchListError, match="fed.toml"):
        parse_watch_list("[topics.rates]\npatterns = ['(']\n", "fed.toml")
    with pytest.raises(WatchListError, match="no \\[topics"):
        parse_watch_list("x = 1\n", "empty.toml")


def test_default_watch_list_has_the_eighteen_topics():
    names = [t.name for t in default_watch_list().topics]
    assert len(names) == 18
    assert {"senkaku", "extended-deterrence", "taiwan", "space"} <= set(names)
    assert default_watch_list().tag(["They held trials of uncrewed aerial systems."]) == ("isr-uav",)  # Australian and British usage
    assert default_watch_list().tag(["They will share maritime domain awareness data."]) == ("isr-uav",)  # surveillance of the seas


def test_a_moved_word_for_word_point_keeps_its_topics(stand_in):
    senkaku = "Secretary Austin affirmed that Article V applies to the Senkaku Islands."
    other = "The Ministers agreed to hold the next meeting in Tokyo."
    old = f"1. Regional affairs\n\n{senkaku}\n\n2. Bilateral cooperation\n\n{other}\n"
    new = f"1. Regional affairs\n\nThe Ministers discussed fisheries.\n\n2. Bilateral cooperation\n\n{other} {senkaku}\n"
    moved = [c for c in compare(old, new, stand_in).changes if c.moved]
    assert [(c.kind, c.topics) for c in moved] == [(Kind.UNCHANGED, ("senkaku",))]


@given(st.lists(st.tuples(st.integers(0, 20), st.sampled_from([1.0, 2.0])), max_size=8, unique_by=lambda t: t[0]))
def test_heaviest_increasing_matches_brute_force(items):
    values, weights = [v for v, _ in items], [w for _, w in items]
    keep = heaviest_increasing(values, weights)
    chosen = [values[k] for k in sorted(keep)]
    assert chosen == sorted(chosen) and len(set(chosen)) == len(chosen)
    best = max(
        (sum(weights[k] for k in subset) for r in range(len(values) + 1) for subset in itertools.combinations(range(len(values)), r)
         if all(values[a] < values[b] for a, b in zip(subset, subset[1:]))),
        default=0.0,
    )
    assert sum(weights[k] for k in keep) == best


def test_a_demonstrative_that_opens_no_clause():
    judgement = judge("The Ministers welcomed the plan.", "The Ministers welcomed the plan and that maritime initiative.")
    assert not any(r.startswith("rule 2: clause added") for r in judgement.reasons)


def test_a_slight_rewording_with_no_evidence_needs_review(stand_in):
    # One word left out, and the tool reads no evidence in it: whether "full" carried the point is a human's call.
    old = "Japan reiterated its full support for the ASEAN Outlook on the Indo-Pacific. The Ministers welcomed the progress of the talks."
    new = "Japan reiterated its support for the ASEAN Outlook on the Indo-Pacific. The Ministers reaffirmed the progress of the talks."
    for band, flagged in ((ReviewBand(), True), (ReviewBand(slight=0), False)):
        slight, firmer = [c for c in compare(old, new, stand_in, band).changes if c.kind is Kind.REWORDED]
        assert (slight.shift, slight.reasons, slight.review) == (Shift.NEUTRAL, (), flagged)
        assert firmer.shift is Shift.STRENGTHENED and not firmer.review  # the other rewording has its evidence
